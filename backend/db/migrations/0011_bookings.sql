CREATE TABLE "bookings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"app_id" uuid NOT NULL,
	"event_type_id" text NOT NULL,
	"session_key" text NOT NULL,
	"seat" integer NOT NULL,
	"seats_total" integer NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"busy_from" timestamp with time zone NOT NULL,
	"busy_until" timestamp with time zone NOT NULL,
	"status" text NOT NULL,
	"hold_expires_at" timestamp with time zone,
	"name" text NOT NULL,
	"email" text NOT NULL,
	"notes" text,
	"time_zone" text NOT NULL,
	"payment_id" uuid,
	"amount" bigint DEFAULT 0 NOT NULL,
	"currency" text,
	"sequence" integer DEFAULT 0 NOT NULL,
	"refunded_amount" bigint DEFAULT 0 NOT NULL,
	"cancelled_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "bookings_status_check" CHECK ("bookings"."status" in ('held', 'requested', 'confirmed', 'cancelled', 'expired', 'declined')),
	CONSTRAINT "bookings_seat_check" CHECK ("bookings"."seat" between 1 and "bookings"."seats_total"),
	CONSTRAINT "bookings_span_check" CHECK ("bookings"."starts_at" < "bookings"."ends_at" and "bookings"."busy_from" <= "bookings"."starts_at" and "bookings"."ends_at" <= "bookings"."busy_until")
);
--> statement-breakpoint
CREATE TABLE "booking_waitlist" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"app_id" uuid NOT NULL,
	"event_type_id" text NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"name" text NOT NULL,
	"email" text NOT NULL,
	"time_zone" text NOT NULL,
	"offered_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "bookings" ADD CONSTRAINT "bookings_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bookings" ADD CONSTRAINT "bookings_app_id_apps_id_fk" FOREIGN KEY ("app_id") REFERENCES "public"."apps"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bookings" ADD CONSTRAINT "bookings_payment_id_payments_id_fk" FOREIGN KEY ("payment_id") REFERENCES "public"."payments"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "booking_waitlist" ADD CONSTRAINT "booking_waitlist_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "booking_waitlist" ADD CONSTRAINT "booking_waitlist_app_id_apps_id_fk" FOREIGN KEY ("app_id") REFERENCES "public"."apps"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "bookings_app_idx" ON "bookings" USING btree ("tenant_id","app_id","starts_at");--> statement-breakpoint
CREATE UNIQUE INDEX "bookings_payment_unique" ON "bookings" USING btree ("payment_id");--> statement-breakpoint
CREATE UNIQUE INDEX "booking_waitlist_unique" ON "booking_waitlist" USING btree ("tenant_id","app_id","event_type_id","starts_at","email");--> statement-breakpoint
-- Two live bookings of one calendar may overlap (buffers included) only as seats of the same session.
ALTER TABLE "bookings" ADD CONSTRAINT "bookings_no_overlap" EXCLUDE USING gist ("app_id" WITH =, tstzrange("busy_from", "busy_until", '[)') WITH &&, "session_key" WITH <>) WHERE ("status" in ('held', 'requested', 'confirmed'));--> statement-breakpoint
CREATE UNIQUE INDEX "bookings_one_per_seat" ON "bookings" USING btree ("app_id","session_key","seat") WHERE "bookings"."status" in ('held', 'requested', 'confirmed');
