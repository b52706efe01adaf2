CREATE TABLE "requests" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"app_id" uuid NOT NULL,
	"state" text NOT NULL,
	"fan_key" text NOT NULL,
	"fan_user_id" uuid,
	"fan_name" text,
	"answers" jsonb NOT NULL,
	"add_ons" jsonb NOT NULL,
	"priority" boolean DEFAULT false NOT NULL,
	"tip" bigint DEFAULT 0 NOT NULL,
	"amount" bigint NOT NULL,
	"currency" text NOT NULL,
	"payment_method" text NOT NULL,
	"credit_holder" text,
	"idempotency_key" text,
	"payment_id" uuid,
	"note" text,
	"reason" text,
	"queued_at" timestamp with time zone,
	"version" integer NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "requests_state_check" CHECK ("requests"."state" in ('created', 'validated', 'held', 'paid', 'queued', 'accepted', 'fulfilled', 'closed', 'rejected', 'refunded', 'expired')),
	CONSTRAINT "requests_payment_method_check" CHECK ("requests"."payment_method" in ('none', 'card', 'credits'))
);
--> statement-breakpoint
CREATE TABLE "request_events" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "request_events_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"tenant_id" uuid NOT NULL,
	"request_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"type" text NOT NULL,
	"from_state" text,
	"actor_type" text NOT NULL,
	"actor_id" text NOT NULL,
	"reason" text,
	"payload" jsonb NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "request_attachments" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"app_id" uuid NOT NULL,
	"request_id" uuid,
	"uploader_key" text NOT NULL,
	"field_id" text NOT NULL,
	"filename" text NOT NULL,
	"content_type" text NOT NULL,
	"size" bigint NOT NULL,
	"storage_key" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "requests" ADD CONSTRAINT "requests_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "requests" ADD CONSTRAINT "requests_app_id_apps_id_fk" FOREIGN KEY ("app_id") REFERENCES "public"."apps"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "request_events" ADD CONSTRAINT "request_events_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "request_events" ADD CONSTRAINT "request_events_request_id_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."requests"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "request_attachments" ADD CONSTRAINT "request_attachments_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "request_attachments" ADD CONSTRAINT "request_attachments_app_id_apps_id_fk" FOREIGN KEY ("app_id") REFERENCES "public"."apps"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "request_attachments" ADD CONSTRAINT "request_attachments_request_id_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."requests"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "requests_idempotency_unique" ON "requests" USING btree ("tenant_id","app_id","idempotency_key");--> statement-breakpoint
CREATE INDEX "requests_app_state_idx" ON "requests" USING btree ("tenant_id","app_id","state");--> statement-breakpoint
CREATE INDEX "requests_created_idx" ON "requests" USING btree ("tenant_id","created_at","id");--> statement-breakpoint
CREATE UNIQUE INDEX "request_events_seq_unique" ON "request_events" USING btree ("request_id","seq");--> statement-breakpoint
CREATE INDEX "request_events_tenant_idx" ON "request_events" USING btree ("tenant_id");--> statement-breakpoint
CREATE INDEX "request_attachments_request_idx" ON "request_attachments" USING btree ("tenant_id","request_id");--> statement-breakpoint
CREATE FUNCTION request_events_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'request_events is append-only: % refused', TG_OP;
END;
$$;--> statement-breakpoint
CREATE TRIGGER request_events_append_only BEFORE UPDATE ON request_events
  FOR EACH ROW EXECUTE FUNCTION request_events_refuse_change();
--> statement-breakpoint
CREATE INDEX "requests_fan_idx" ON "requests" USING btree ("tenant_id","app_id","fan_key","state");
