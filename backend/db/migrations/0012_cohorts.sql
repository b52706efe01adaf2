CREATE TABLE "cohort_members" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"app_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"display_name" text NOT NULL,
	"email" text,
	"interests" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"goals" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"experience" text,
	"time_zone" text NOT NULL,
	"weekly_hours" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"answers" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"avoid" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"ignored_rounds" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "cohort_members_status_check" CHECK ("cohort_members"."status" in ('active', 'paused', 'left'))
);
--> statement-breakpoint
CREATE TABLE "cohort_rounds" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"app_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"seed" bigint NOT NULL,
	"week_start" text NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"report" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"published_at" timestamp with time zone,
	CONSTRAINT "cohort_rounds_status_check" CHECK ("cohort_rounds"."status" in ('draft', 'published'))
);
--> statement-breakpoint
CREATE TABLE "cohort_groups" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"round_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"score" double precision NOT NULL,
	"why" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "cohort_group_members" (
	"tenant_id" uuid NOT NULL,
	"round_id" uuid NOT NULL,
	"group_id" uuid NOT NULL,
	"member_id" uuid NOT NULL,
	CONSTRAINT "cohort_group_members_group_id_member_id_pk" PRIMARY KEY("group_id","member_id")
);
--> statement-breakpoint
CREATE TABLE "cohort_feedback" (
	"tenant_id" uuid NOT NULL,
	"round_id" uuid NOT NULL,
	"member_id" uuid NOT NULL,
	"met" boolean NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "cohort_feedback_round_id_member_id_pk" PRIMARY KEY("round_id","member_id")
);
--> statement-breakpoint
ALTER TABLE "cohort_members" ADD CONSTRAINT "cohort_members_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cohort_members" ADD CONSTRAINT "cohort_members_app_id_apps_id_fk" FOREIGN KEY ("app_id") REFERENCES "public"."apps"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cohort_members" ADD CONSTRAINT "cohort_members_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cohort_rounds" ADD CONSTRAINT "cohort_rounds_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cohort_rounds" ADD CONSTRAINT "cohort_rounds_app_id_apps_id_fk" FOREIGN KEY ("app_id") REFERENCES "public"."apps"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cohort_groups" ADD CONSTRAINT "cohort_groups_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cohort_groups" ADD CONSTRAINT "cohort_groups_round_id_cohort_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."cohort_rounds"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cohort_group_members" ADD CONSTRAINT "cohort_group_members_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cohort_group_members" ADD CONSTRAINT "cohort_group_members_round_id_cohort_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."cohort_rounds"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cohort_group_members" ADD CONSTRAINT "cohort_group_members_group_id_cohort_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."cohort_groups"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cohort_group_members" ADD CONSTRAINT "cohort_group_members_member_id_cohort_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."cohort_members"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cohort_feedback" ADD CONSTRAINT "cohort_feedback_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cohort_feedback" ADD CONSTRAINT "cohort_feedback_round_id_cohort_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."cohort_rounds"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cohort_feedback" ADD CONSTRAINT "cohort_feedback_member_id_cohort_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."cohort_members"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "cohort_members_user_unique" ON "cohort_members" USING btree ("tenant_id","app_id","user_id");--> statement-breakpoint
CREATE INDEX "cohort_members_app_idx" ON "cohort_members" USING btree ("tenant_id","app_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "cohort_rounds_number_unique" ON "cohort_rounds" USING btree ("tenant_id","app_id","number");--> statement-breakpoint
CREATE UNIQUE INDEX "cohort_groups_number_unique" ON "cohort_groups" USING btree ("round_id","number");--> statement-breakpoint
CREATE UNIQUE INDEX "cohort_group_members_round_unique" ON "cohort_group_members" USING btree ("round_id","member_id");
