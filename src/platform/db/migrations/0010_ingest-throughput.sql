DROP INDEX "mentions_text_trgm";--> statement-breakpoint
DROP INDEX "messages_external_id";--> statement-breakpoint
CREATE INDEX "messages_external_id" ON "messages" USING btree ("workspace_id","external_id") WHERE external_id is not null and direction = 'outbound';