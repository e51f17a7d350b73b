import { and, asc, eq, isNotNull, schema, sql, type Database } from '../../../platform/db/index.ts';
import type { ChatLinkClaims } from './chat-link.ts';
import { linkVisitorKey } from './chat-link.ts';
import type { BoundVisitor } from './receive-message.ts';

export interface ChatLinkSession {
  /** The web chat channel's site key, for the widget on the link's page. */
  siteKey: string;
  channelStatus: string;
  visitor: BoundVisitor;
}

/**
 * What a verified chat link opens: the visitor (the customer named in the link, never anything
 * the browser says) and the conversation's thread key on the web chat channel — the opening
 * message's Lookout-made external id (set when the link was made), else any message of the
 * conversation on that channel — so the pipeline files the visitor's messages in that conversation.
 * Null when the conversation, customer or channel no longer exists.
 */
export const openChatLinkSession = (db: Database, claims: ChatLinkClaims): Promise<ChatLinkSession | null> =>
  db.tenant(claims.workspaceId, async (tx) => {
    const [channel] = await tx
      .select({ publicKey: schema.channels.publicKey, status: schema.channels.status, kind: schema.channels.kind })
      .from(schema.channels)
      .where(and(eq(schema.channels.workspaceId, claims.workspaceId), eq(schema.channels.id, claims.channelId)));
    const [conversation] = await tx
      .select({ customerId: schema.conversations.customerId })
      .from(schema.conversations)
      .where(and(eq(schema.conversations.workspaceId, claims.workspaceId), eq(schema.conversations.id, claims.conversationId)));
    const [customer] = await tx.select({ name: schema.customers.name }).from(schema.customers).where(and(eq(schema.customers.workspaceId, claims.workspaceId), eq(schema.customers.id, claims.customerId)));
    if (!channel?.publicKey || channel.kind !== 'webchat' || !conversation || !customer) return null;
    const m = schema.messages;
    const [thread] = await tx
      .select({ externalId: m.externalId })
      .from(m)
      .where(and(eq(m.workspaceId, claims.workspaceId), eq(m.conversationId, claims.conversationId), eq(m.channelId, claims.channelId), eq(m.direction, 'outbound'), isNotNull(m.externalId), sql`${m.externalId} like 'webchat-out:%'`))
      .orderBy(asc(m.createdAt))
      .limit(1);
    const key = linkVisitorKey(claims.customerId);
    return {
      siteKey: channel.publicKey,
      channelStatus: channel.status,
      visitor: { key, author: { externalId: key, handle: customer.name ?? 'customer', displayName: customer.name ?? null, verified: true }, threadKey: thread?.externalId ?? null },
    };
  });
