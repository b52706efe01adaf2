-- Live event ids in commit order per app. An identity value is taken when a row is inserted, not when
-- its transaction commits, so a lower id could become visible after a higher one, and a stream that
-- resumes "after id N" would skip it. The id is therefore assigned under a per-app transaction lock,
-- held until commit: the next writer for the same app waits, and takes a higher id only once the earlier
-- one is visible. (The identity's own value, taken before this trigger runs, is discarded.)
CREATE FUNCTION "live_events_commit_order"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(hashtextextended('patchbay:live_events:' || NEW.app_id::text, 0));
  NEW.id := nextval(pg_get_serial_sequence('live_events', 'id'));
  RETURN NEW;
END
$$;--> statement-breakpoint
CREATE TRIGGER "live_events_commit_order" BEFORE INSERT ON "live_events" FOR EACH ROW EXECUTE FUNCTION "live_events_commit_order"();--> statement-breakpoint
-- How often each app's widget was opened (one count per page view, reported by the widget), per UTC day:
-- the first step of the insights' conversion. Counters, not rows per view, so the table stays small.
CREATE TABLE "widget_open_counts" (
	"tenant_id" uuid NOT NULL,
	"app_id" uuid NOT NULL,
	"day" date NOT NULL,
	"opens" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "widget_open_counts_pk" PRIMARY KEY("tenant_id","app_id","day")
);
--> statement-breakpoint
ALTER TABLE "widget_open_counts" ADD CONSTRAINT "widget_open_counts_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "widget_open_counts" ADD CONSTRAINT "widget_open_counts_app_id_apps_id_fk" FOREIGN KEY ("app_id") REFERENCES "public"."apps"("id") ON DELETE cascade ON UPDATE no action;
