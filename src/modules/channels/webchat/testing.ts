import { and, eq, schema, type Database } from '../../../platform/db/index.ts';
import type { ConnectorContext } from '../connector.ts';
import { webchatConnector } from './webchat-connector.ts';

/**
 * For tests, until the outbox exists: what the outbox does for a web chat reply — an outbound
 * message row in the visitor's conversation on this channel, then the connector's send (live to
 * the visitor's streams), then the channel's id written back and the row marked sent.
 */
export const replyAsOutbox = async (db: Database, ctx: ConnectorContext, visitorKey: string, text: string) => {
  const [mention] = await db.tenant(ctx.workspaceId, (tx) =>
    tx
      .select({ conversationId: schema.mentions.conversationId })
      .from(schema.mentions)
      .innerJoin(schema.identities, eq(schema.identities.id, schema.mentions.identityId))
      .where(and(eq(schema.mentions.channelId, ctx.channelId), eq(schema.identities.externalId, visitorKey))),
  );
  if (!mention?.conversationId) throw new Error(`no conversation for ${visitorKey}: drain the pipeline first`);
  const [row] = await db.tenant(ctx.workspaceId, (tx) =>
    tx
      .insert(schema.messages)
      .values({ workspaceId: ctx.workspaceId, conversationId: mention.conversationId!, direction: 'outbound', channelId: ctx.channelId, visibility: 'private', body: text, outboxState: 'sending' })
      .returning(),
  );
  const sent = await webchatConnector.send!(ctx, { idempotencyKey: row!.id, text, isPrivate: true, recipient: { externalId: visitorKey, handle: visitorKey } });
  await db.tenant(ctx.workspaceId, (tx) => tx.update(schema.messages).set({ outboxState: 'sent', externalId: sent.externalId, sentAt: new Date() }).where(eq(schema.messages.id, row!.id)));
  return { id: row!.id, conversationId: mention.conversationId, externalId: sent.externalId };
};
