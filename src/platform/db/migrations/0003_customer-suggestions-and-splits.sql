ALTER TABLE "customer_merges" ADD COLUMN "kind" text DEFAULT 'merge' NOT NULL;--> statement-breakpoint
ALTER TABLE "customer_merges" ADD COLUMN "filled_fields" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
CREATE INDEX "customer_merges_merged" ON "customer_merges" USING btree ("merged_id");--> statement-breakpoint
CREATE INDEX "customers_name_trgm" ON "customers" USING gin ("name" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "identities_handle_key" ON "identities" USING btree ("workspace_id",regexp_replace(split_part(split_part(ltrim(lower("handle"), '@'), '@', 1), '.', 1), '[-_]', '', 'g'));--> statement-breakpoint
CREATE INDEX "identities_profile_url_key" ON "identities" USING btree ("workspace_id",rtrim(regexp_replace(lower("profile_url"), '^[a-z]+://(www[.])?', ''), '/'));--> statement-breakpoint
CREATE INDEX "identities_display_name_trgm" ON "identities" USING gin ("display_name" gin_trgm_ops);