CREATE INDEX "customers_email_trgm" ON "customers" USING gin ("email" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "customers_website_key" ON "customers" USING btree ("workspace_id",rtrim(regexp_replace(lower("attributes"->>'website'), '^[a-z]+://(www[.])?', ''), '/')) WHERE "customers"."attributes" ? 'website';--> statement-breakpoint
CREATE INDEX "customers_email_exact" ON "customers" USING btree ("workspace_id","email");--> statement-breakpoint
CREATE INDEX "customers_recent" ON "customers" USING btree ("workspace_id","updated_at" DESC NULLS LAST,"id" DESC NULLS LAST) WHERE merged_into_id is null;--> statement-breakpoint
CREATE INDEX "identities_handle_trgm" ON "identities" USING gin ("handle" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "identities_website_key" ON "identities" USING btree ("workspace_id",rtrim(regexp_replace(lower("attributes"->>'website'), '^[a-z]+://(www[.])?', ''), '/')) WHERE "identities"."attributes" ? 'website';--> statement-breakpoint
CREATE INDEX "identities_email_exact" ON "identities" USING btree ("workspace_id","email");