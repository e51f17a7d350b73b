CREATE TABLE "alert_deliveries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"incident_id" uuid,
	"rule_id" uuid,
	"kind" text NOT NULL,
	"target" text NOT NULL,
	"member_id" uuid,
	"group_key" text,
	"escalation_level" integer DEFAULT 0 NOT NULL,
	"state" text DEFAULT 'queued' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone,
	"last_error" text,
	"payload" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"sent_at" timestamp with time zone,
	"acknowledged_at" timestamp with time zone,
	"acknowledged_by" uuid,
	"is_drill" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "alert_deliveries" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "alert_rules" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"name" text NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"is_active" boolean DEFAULT true NOT NULL,
	"definition" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "alert_rules" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "detection_alerts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"detected_at" timestamp with time zone NOT NULL,
	"window_start" timestamp with time zone NOT NULL,
	"severity" smallint NOT NULL,
	"kind" text NOT NULL,
	"terms" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"mention_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"explanation" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"incident_id" uuid,
	"is_drill" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "detection_alerts" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "detector_states" (
	"workspace_id" uuid PRIMARY KEY NOT NULL,
	"state" jsonb NOT NULL,
	"fed_until" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "detector_states" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "drill_runs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"scenario_name" text NOT NULL,
	"scenario" jsonb NOT NULL,
	"status" text DEFAULT 'running' NOT NULL,
	"started_by" text,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	"report" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "drill_runs" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "incident_checklist" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"incident_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"title" text NOT NULL,
	"owner_role" text,
	"owner_id" uuid,
	"done_at" timestamp with time zone,
	"done_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "incident_checklist" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "incident_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"workspace_id" uuid NOT NULL,
	"incident_id" uuid NOT NULL,
	"type" text NOT NULL,
	"actor_type" text NOT NULL,
	"actor_id" text,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "incident_events" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "incident_mentions" (
	"workspace_id" uuid NOT NULL,
	"incident_id" uuid NOT NULL,
	"mention_id" uuid NOT NULL,
	"conversation_id" uuid,
	"customer_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "incident_mentions" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "incidents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"title" text NOT NULL,
	"severity" smallint NOT NULL,
	"status" text DEFAULT 'detected' NOT NULL,
	"type" text,
	"source" text NOT NULL,
	"owner_id" uuid,
	"playbook_id" uuid,
	"match_terms" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"topics" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"mention_count" integer DEFAULT 0 NOT NULL,
	"reach" integer DEFAULT 0 NOT NULL,
	"viral_at" timestamp with time zone,
	"crisis_diverted" boolean DEFAULT false NOT NULL,
	"is_drill" boolean DEFAULT false NOT NULL,
	"drill_run_id" uuid,
	"detected_at" timestamp with time zone DEFAULT now() NOT NULL,
	"acknowledged_at" timestamp with time zone,
	"mitigating_at" timestamp with time zone,
	"first_public_response_at" timestamp with time zone,
	"resolved_at" timestamp with time zone,
	"dismissed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "incidents" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "outreach_campaigns" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"incident_id" uuid,
	"name" text NOT NULL,
	"body" text NOT NULL,
	"mode" text DEFAULT 'private' NOT NULL,
	"segment" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"state" text DEFAULT 'draft' NOT NULL,
	"created_by" uuid,
	"is_drill" boolean DEFAULT false NOT NULL,
	"sent_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "outreach_campaigns" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "outreach_recipients" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"campaign_id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"identity_id" uuid,
	"channel_id" uuid,
	"reason" text,
	"state" text DEFAULT 'included' NOT NULL,
	"conversation_id" uuid,
	"message_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "outreach_recipients" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "playbooks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"name" text NOT NULL,
	"incident_types" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"definition" jsonb NOT NULL,
	"is_active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "playbooks" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "surveys" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"customer_id" uuid,
	"conversation_id" uuid,
	"incident_id" uuid,
	"kind" text NOT NULL,
	"trigger" text NOT NULL,
	"token_hash" text NOT NULL,
	"state" text DEFAULT 'sent' NOT NULL,
	"score" smallint,
	"comment" text,
	"message_id" uuid,
	"is_drill" boolean DEFAULT false NOT NULL,
	"sent_at" timestamp with time zone DEFAULT now() NOT NULL,
	"answered_at" timestamp with time zone,
	"expires_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "surveys" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "alert_deliveries" ADD CONSTRAINT "alert_deliveries_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alert_deliveries" ADD CONSTRAINT "alert_deliveries_incident_id_incidents_id_fk" FOREIGN KEY ("incident_id") REFERENCES "public"."incidents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alert_deliveries" ADD CONSTRAINT "alert_deliveries_rule_id_alert_rules_id_fk" FOREIGN KEY ("rule_id") REFERENCES "public"."alert_rules"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alert_deliveries" ADD CONSTRAINT "alert_deliveries_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alert_deliveries" ADD CONSTRAINT "alert_deliveries_acknowledged_by_members_id_fk" FOREIGN KEY ("acknowledged_by") REFERENCES "public"."members"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alert_rules" ADD CONSTRAINT "alert_rules_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "detection_alerts" ADD CONSTRAINT "detection_alerts_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "detector_states" ADD CONSTRAINT "detector_states_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "drill_runs" ADD CONSTRAINT "drill_runs_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incident_checklist" ADD CONSTRAINT "incident_checklist_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incident_checklist" ADD CONSTRAINT "incident_checklist_incident_id_incidents_id_fk" FOREIGN KEY ("incident_id") REFERENCES "public"."incidents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incident_checklist" ADD CONSTRAINT "incident_checklist_owner_id_members_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."members"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incident_checklist" ADD CONSTRAINT "incident_checklist_done_by_members_id_fk" FOREIGN KEY ("done_by") REFERENCES "public"."members"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incident_events" ADD CONSTRAINT "incident_events_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incident_events" ADD CONSTRAINT "incident_events_incident_id_incidents_id_fk" FOREIGN KEY ("incident_id") REFERENCES "public"."incidents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incident_mentions" ADD CONSTRAINT "incident_mentions_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incident_mentions" ADD CONSTRAINT "incident_mentions_incident_id_incidents_id_fk" FOREIGN KEY ("incident_id") REFERENCES "public"."incidents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incident_mentions" ADD CONSTRAINT "incident_mentions_mention_id_mentions_id_fk" FOREIGN KEY ("mention_id") REFERENCES "public"."mentions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incident_mentions" ADD CONSTRAINT "incident_mentions_conversation_id_conversations_id_fk" FOREIGN KEY ("conversation_id") REFERENCES "public"."conversations"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incident_mentions" ADD CONSTRAINT "incident_mentions_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incidents" ADD CONSTRAINT "incidents_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incidents" ADD CONSTRAINT "incidents_owner_id_members_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."members"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outreach_campaigns" ADD CONSTRAINT "outreach_campaigns_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outreach_campaigns" ADD CONSTRAINT "outreach_campaigns_incident_id_incidents_id_fk" FOREIGN KEY ("incident_id") REFERENCES "public"."incidents"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outreach_campaigns" ADD CONSTRAINT "outreach_campaigns_created_by_members_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."members"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outreach_recipients" ADD CONSTRAINT "outreach_recipients_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outreach_recipients" ADD CONSTRAINT "outreach_recipients_campaign_id_outreach_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."outreach_campaigns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outreach_recipients" ADD CONSTRAINT "outreach_recipients_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outreach_recipients" ADD CONSTRAINT "outreach_recipients_identity_id_identities_id_fk" FOREIGN KEY ("identity_id") REFERENCES "public"."identities"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outreach_recipients" ADD CONSTRAINT "outreach_recipients_channel_id_channels_id_fk" FOREIGN KEY ("channel_id") REFERENCES "public"."channels"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outreach_recipients" ADD CONSTRAINT "outreach_recipients_conversation_id_conversations_id_fk" FOREIGN KEY ("conversation_id") REFERENCES "public"."conversations"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outreach_recipients" ADD CONSTRAINT "outreach_recipients_message_id_messages_id_fk" FOREIGN KEY ("message_id") REFERENCES "public"."messages"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "playbooks" ADD CONSTRAINT "playbooks_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "surveys" ADD CONSTRAINT "surveys_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "surveys" ADD CONSTRAINT "surveys_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "surveys" ADD CONSTRAINT "surveys_conversation_id_conversations_id_fk" FOREIGN KEY ("conversation_id") REFERENCES "public"."conversations"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "surveys" ADD CONSTRAINT "surveys_incident_id_incidents_id_fk" FOREIGN KEY ("incident_id") REFERENCES "public"."incidents"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "surveys" ADD CONSTRAINT "surveys_message_id_messages_id_fk" FOREIGN KEY ("message_id") REFERENCES "public"."messages"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "alert_deliveries_due" ON "alert_deliveries" USING btree ("next_attempt_at") WHERE state in ('queued', 'sending');--> statement-breakpoint
CREATE INDEX "alert_deliveries_incident" ON "alert_deliveries" USING btree ("incident_id","created_at");--> statement-breakpoint
CREATE INDEX "alert_deliveries_member" ON "alert_deliveries" USING btree ("workspace_id","member_id","created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "alert_rules_order" ON "alert_rules" USING btree ("workspace_id","position");--> statement-breakpoint
CREATE INDEX "detection_alerts_workspace_time" ON "detection_alerts" USING btree ("workspace_id","detected_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "drill_runs_workspace" ON "drill_runs" USING btree ("workspace_id","started_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "incident_checklist_incident" ON "incident_checklist" USING btree ("incident_id","position");--> statement-breakpoint
CREATE INDEX "incident_events_incident" ON "incident_events" USING btree ("incident_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "incident_mentions_pk" ON "incident_mentions" USING btree ("incident_id","mention_id");--> statement-breakpoint
CREATE INDEX "incident_mentions_conversation" ON "incident_mentions" USING btree ("conversation_id");--> statement-breakpoint
CREATE INDEX "incident_mentions_customer" ON "incident_mentions" USING btree ("incident_id","customer_id");--> statement-breakpoint
CREATE INDEX "incidents_workspace_open" ON "incidents" USING btree ("workspace_id","status","severity" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "incidents_workspace_recent" ON "incidents" USING btree ("workspace_id","detected_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "outreach_campaigns_incident" ON "outreach_campaigns" USING btree ("workspace_id","incident_id");--> statement-breakpoint
CREATE UNIQUE INDEX "outreach_recipients_pk" ON "outreach_recipients" USING btree ("campaign_id","customer_id");--> statement-breakpoint
CREATE INDEX "outreach_recipients_customer" ON "outreach_recipients" USING btree ("workspace_id","customer_id");--> statement-breakpoint
CREATE UNIQUE INDEX "surveys_token" ON "surveys" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "surveys_customer" ON "surveys" USING btree ("workspace_id","customer_id","sent_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "surveys_conversation" ON "surveys" USING btree ("conversation_id");--> statement-breakpoint
CREATE POLICY "alert_deliveries_tenant_isolation" ON "alert_deliveries" AS PERMISSIVE FOR ALL TO "lookout_app" USING (workspace_id = nullif(current_setting('lookout.workspace_id', true), '')::uuid) WITH CHECK (workspace_id = nullif(current_setting('lookout.workspace_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "alert_rules_tenant_isolation" ON "alert_rules" AS PERMISSIVE FOR ALL TO "lookout_app" USING (workspace_id = nullif(current_setting('lookout.workspace_id', true), '')::uuid) WITH CHECK (workspace_id = nullif(current_setting('lookout.workspace_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "detection_alerts_tenant_isolation" ON "detection_alerts" AS PERMISSIVE FOR ALL TO "lookout_app" USING (workspace_id = nullif(current_setting('lookout.workspace_id', true), '')::uuid) WITH CHECK (workspace_id = nullif(current_setting('lookout.workspace_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "detector_states_tenant_isolation" ON "detector_states" AS PERMISSIVE FOR ALL TO "lookout_app" USING (workspace_id = nullif(current_setting('lookout.workspace_id', true), '')::uuid) WITH CHECK (workspace_id = nullif(current_setting('lookout.workspace_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "drill_runs_tenant_isolation" ON "drill_runs" AS PERMISSIVE FOR ALL TO "lookout_app" USING (workspace_id = nullif(current_setting('lookout.workspace_id', true), '')::uuid) WITH CHECK (workspace_id = nullif(current_setting('lookout.workspace_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "incident_checklist_tenant_isolation" ON "incident_checklist" AS PERMISSIVE FOR ALL TO "lookout_app" USING (workspace_id = nullif(current_setting('lookout.workspace_id', true), '')::uuid) WITH CHECK (workspace_id = nullif(current_setting('lookout.workspace_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "incident_events_tenant_isolation" ON "incident_events" AS PERMISSIVE FOR ALL TO "lookout_app" USING (workspace_id = nullif(current_setting('lookout.workspace_id', true), '')::uuid) WITH CHECK (workspace_id = nullif(current_setting('lookout.workspace_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "incident_mentions_tenant_isolation" ON "incident_mentions" AS PERMISSIVE FOR ALL TO "lookout_app" USING (workspace_id = nullif(current_setting('lookout.workspace_id', true), '')::uuid) WITH CHECK (workspace_id = nullif(current_setting('lookout.workspace_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "incidents_tenant_isolation" ON "incidents" AS PERMISSIVE FOR ALL TO "lookout_app" USING (workspace_id = nullif(current_setting('lookout.workspace_id', true), '')::uuid) WITH CHECK (workspace_id = nullif(current_setting('lookout.workspace_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "outreach_campaigns_tenant_isolation" ON "outreach_campaigns" AS PERMISSIVE FOR ALL TO "lookout_app" USING (workspace_id = nullif(current_setting('lookout.workspace_id', true), '')::uuid) WITH CHECK (workspace_id = nullif(current_setting('lookout.workspace_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "outreach_recipients_tenant_isolation" ON "outreach_recipients" AS PERMISSIVE FOR ALL TO "lookout_app" USING (workspace_id = nullif(current_setting('lookout.workspace_id', true), '')::uuid) WITH CHECK (workspace_id = nullif(current_setting('lookout.workspace_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "playbooks_tenant_isolation" ON "playbooks" AS PERMISSIVE FOR ALL TO "lookout_app" USING (workspace_id = nullif(current_setting('lookout.workspace_id', true), '')::uuid) WITH CHECK (workspace_id = nullif(current_setting('lookout.workspace_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "surveys_tenant_isolation" ON "surveys" AS PERMISSIVE FOR ALL TO "lookout_app" USING (workspace_id = nullif(current_setting('lookout.workspace_id', true), '')::uuid) WITH CHECK (workspace_id = nullif(current_setting('lookout.workspace_id', true), '')::uuid);