-- A creator's calendars (booking apps) share one diary: two live bookings of one creator may overlap only
-- as seats of the same session, whichever of their apps they were booked through. Session keys name
-- their app, so seats of two apps' sessions at the same time never count as one session.
UPDATE "bookings" SET "session_key" = "app_id"::text || '/' || "session_key";--> statement-breakpoint
ALTER TABLE "bookings" DROP CONSTRAINT "bookings_no_overlap";--> statement-breakpoint
DROP INDEX "bookings_one_per_seat";--> statement-breakpoint
ALTER TABLE "bookings" ADD CONSTRAINT "bookings_no_overlap" EXCLUDE USING gist ("tenant_id" WITH =, tstzrange("busy_from", "busy_until", '[)') WITH &&, "session_key" WITH <>) WHERE ("status" in ('held', 'requested', 'confirmed'));--> statement-breakpoint
CREATE UNIQUE INDEX "bookings_one_per_seat" ON "bookings" USING btree ("tenant_id","session_key","seat") WHERE "bookings"."status" in ('held', 'requested', 'confirmed');--> statement-breakpoint
-- The last moment a cancellation is refunded in full, fixed when the booking is made and never moved later
-- by a reschedule; null for bookings made before it existed (then measured from the start).
ALTER TABLE "bookings" ADD COLUMN "refund_until" timestamp with time zone;--> statement-breakpoint
-- Answers to the creator's own booking questions: field id -> text.
ALTER TABLE "bookings" ADD COLUMN "answers" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
-- When a member's introduction to their group went out; set once, so a retried job never sends a second.
ALTER TABLE "cohort_group_members" ADD COLUMN "introduced_at" timestamp with time zone;
