CREATE TABLE "triage_feedback" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"workspace_id" uuid NOT NULL,
	"mention_id" uuid NOT NULL,
	"needs_response" boolean NOT NULL,
	"member_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "triage_feedback" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "idempotency_key" text;--> statement-breakpoint
ALTER TABLE "triage_feedback" ADD CONSTRAINT "triage_feedback_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "triage_feedback" ADD CONSTRAINT "triage_feedback_mention_id_mentions_id_fk" FOREIGN KEY ("mention_id") REFERENCES "public"."mentions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "triage_feedback" ADD CONSTRAINT "triage_feedback_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "triage_feedback_workspace_time" ON "triage_feedback" USING btree ("workspace_id","created_at");--> statement-breakpoint
CREATE INDEX "triage_feedback_mention" ON "triage_feedback" USING btree ("mention_id");--> statement-breakpoint
CREATE INDEX "conversations_open_queue" ON "conversations" USING btree ("workspace_id","priority" DESC NULLS LAST,"last_message_at","id") WHERE status in ('new', 'open');--> statement-breakpoint
CREATE INDEX "conversations_recent" ON "conversations" USING btree ("workspace_id","last_message_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE UNIQUE INDEX "messages_idempotency_key" ON "messages" USING btree ("workspace_id","idempotency_key") WHERE idempotency_key is not null;--> statement-breakpoint
CREATE INDEX "messages_awaiting_approval" ON "messages" USING btree ("workspace_id","created_at") WHERE outbox_state = 'awaiting_approval';--> statement-breakpoint
CREATE POLICY "triage_feedback_tenant_isolation" ON "triage_feedback" AS PERMISSIVE FOR ALL TO "lookout_app" USING (workspace_id = nullif(current_setting('lookout.workspace_id', true), '')::uuid) WITH CHECK (workspace_id = nullif(current_setting('lookout.workspace_id', true), '')::uuid);