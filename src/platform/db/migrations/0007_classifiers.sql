CREATE TABLE "classifiers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"model" jsonb NOT NULL,
	"metrics" jsonb NOT NULL,
	"is_active" boolean DEFAULT true NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "classifiers" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "classifiers" ADD CONSTRAINT "classifiers_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "classifiers" ADD CONSTRAINT "classifiers_created_by_members_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."members"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "classifiers_one_active_per_name" ON "classifiers" USING btree ("workspace_id",lower("name")) WHERE is_active;--> statement-breakpoint
CREATE INDEX "classifiers_workspace" ON "classifiers" USING btree ("workspace_id","created_at");--> statement-breakpoint
CREATE POLICY "classifiers_tenant_isolation" ON "classifiers" AS PERMISSIVE FOR ALL TO "lookout_app" USING (workspace_id = nullif(current_setting('lookout.workspace_id', true), '')::uuid) WITH CHECK (workspace_id = nullif(current_setting('lookout.workspace_id', true), '')::uuid);