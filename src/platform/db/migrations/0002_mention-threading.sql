ALTER TABLE "mentions" ADD COLUMN "author_followers" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "mentions" ADD COLUMN "engagement" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "mentions" ADD COLUMN "content_hash" text;--> statement-breakpoint
CREATE INDEX "mentions_content_hash" ON "mentions" USING btree ("workspace_id","content_hash");--> statement-breakpoint
CREATE INDEX "mentions_in_reply_to" ON "mentions" USING btree ("channel_id","in_reply_to_external_id");