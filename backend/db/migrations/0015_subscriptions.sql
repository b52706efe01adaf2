CREATE TABLE "subscriptions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"app_id" uuid NOT NULL,
	"purpose" text NOT NULL,
	"amount" bigint NOT NULL,
	"currency" text NOT NULL,
	"provider" text NOT NULL,
	"provider_subscription_id" text,
	"provider_customer_id" text,
	"status" text DEFAULT 'incomplete' NOT NULL,
	"idempotency_key" text NOT NULL,
	"application_fee_bps" integer DEFAULT 0 NOT NULL,
	"destination_account" text,
	"metadata" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"current_period_end" timestamp with time zone,
	"canceled_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "subscriptions_provider_subscription_id_unique" UNIQUE("provider_subscription_id"),
	CONSTRAINT "subscriptions_amount_positive" CHECK ("subscriptions"."amount" > 0),
	CONSTRAINT "subscriptions_purpose_check" CHECK ("subscriptions"."purpose" in ('tip')),
	CONSTRAINT "subscriptions_fee_check" CHECK ("subscriptions"."application_fee_bps" between 0 and 10000)
);
--> statement-breakpoint
ALTER TABLE "subscriptions" ADD CONSTRAINT "subscriptions_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subscriptions" ADD CONSTRAINT "subscriptions_app_id_apps_id_fk" FOREIGN KEY ("app_id") REFERENCES "public"."apps"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "subscriptions_idempotency_unique" ON "subscriptions" USING btree ("tenant_id","idempotency_key");--> statement-breakpoint
CREATE INDEX "subscriptions_app_idx" ON "subscriptions" USING btree ("tenant_id","app_id","created_at");
