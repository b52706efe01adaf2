CREATE TABLE "overlay_keys" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"app_id" uuid NOT NULL,
	"name" text NOT NULL,
	"prefix" text NOT NULL,
	"secret_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revoked_at" timestamp with time zone,
	CONSTRAINT "overlay_keys_prefix_unique" UNIQUE("prefix")
);
--> statement-breakpoint
ALTER TABLE "overlay_keys" ADD CONSTRAINT "overlay_keys_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "overlay_keys" ADD CONSTRAINT "overlay_keys_app_id_apps_id_fk" FOREIGN KEY ("app_id") REFERENCES "public"."apps"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "overlay_keys_app_idx" ON "overlay_keys" USING btree ("tenant_id","app_id");--> statement-breakpoint
-- Every process listening on this channel learns of a new live event when its transaction commits
-- (NOTIFY is transactional), and reads it back by id: the payload stays small whatever the event holds.
CREATE FUNCTION "live_events_notify"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('patchbay_live_events', json_build_object('appId', NEW.app_id, 'tenantId', NEW.tenant_id, 'id', NEW.id)::text);
  RETURN NEW;
END
$$;--> statement-breakpoint
CREATE TRIGGER "live_events_notify" AFTER INSERT ON "live_events" FOR EACH ROW EXECUTE FUNCTION "live_events_notify"();
