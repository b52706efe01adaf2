-- A booking remembers the fan's idempotency key. The hold is written before its payment is started (a
-- slot must be won before anyone is charged for it), so a crash or a lost answer between the two left a
-- hold the fan's retry could not find: the retry met its own hold as "slot taken". Now the retry finds
-- the booking by its key and goes on from where the first try stopped.
ALTER TABLE "bookings" ADD COLUMN "idempotency_key" text;--> statement-breakpoint
CREATE UNIQUE INDEX "bookings_idempotency_unique" ON "bookings" USING btree ("tenant_id","app_id","idempotency_key");
