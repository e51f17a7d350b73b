-- What is heard is stored once. Until now every mention in a conversation was copied into
-- `messages` (inbound, or outbound and sent for a brand post heard on the channel): the same text
-- twice, and the larger part of a mention's insert. The timeline now reads those from `mentions`
-- through the view `timeline_messages`; `messages` keeps what Lookout writes.
-- A deleted channel keeps what was heard on it (its mentions lose the channel, not their place in
-- conversations), as the console promises: "Conversations already received stay."
DELETE FROM "messages" WHERE "mention_id" IS NOT NULL;
--> statement-breakpoint
ALTER TABLE "mentions" DROP CONSTRAINT "mentions_channel_id_channels_id_fk";
--> statement-breakpoint
ALTER TABLE "messages" DROP CONSTRAINT "messages_mention_id_mentions_id_fk";
--> statement-breakpoint
ALTER TABLE "mentions" ALTER COLUMN "channel_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "mentions" ADD CONSTRAINT "mentions_channel_id_channels_id_fk" FOREIGN KEY ("channel_id") REFERENCES "public"."channels"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "messages" DROP COLUMN "mention_id";
--> statement-breakpoint
-- Read by the app role with its own rights (security_invoker), so both tables' row-level security applies.
CREATE VIEW "timeline_messages" WITH (security_invoker = true) AS
  SELECT id, workspace_id, conversation_id, direction, NULL::uuid AS mention_id, channel_id, author_member_id, author_identity_id,
         visibility, body, external_id, outbox_state, outbox_error, outbox_attempts, next_attempt_at, sent_at, meta, is_drill, created_at
  FROM "messages"
  UNION ALL
  SELECT id, workspace_id, conversation_id, CASE WHEN is_own THEN 'outbound' ELSE 'inbound' END, id, channel_id, NULL::uuid, identity_id,
         visibility, text, external_id, CASE WHEN is_own THEN 'sent' END, NULL::text, 0, NULL::timestamptz, CASE WHEN is_own THEN authored_at END,
         '{}'::jsonb, is_drill, authored_at
  FROM "mentions" WHERE conversation_id IS NOT NULL;
--> statement-breakpoint
GRANT SELECT ON "timeline_messages" TO lookout_app;
