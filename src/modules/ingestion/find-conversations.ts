import { and, eq, inArray, notInArray, schema, sql, type Tx } from '../../platform/db/index.ts';

/**
 * How long after a customer's last message a new post of theirs on the same channel is a follow-up
 * of the same conversation rather than a new one. Email threads only by its headers.
 */
export const FOLLOW_UP_WINDOW_MS: Partial<Record<string, number>> = {
  post: 24 * 3_600_000,
  reply: 24 * 3_600_000,
  dm: 7 * 24 * 3_600_000,
  chat: 7 * 24 * 3_600_000,
  review: 24 * 3_600_000,
};

const CHUNK = 500;

export interface ConversationFinder {
  /** The conversation an item threads onto through its reply/reference keys. */
  byKeys(channelId: string, keys: string[]): string | null;
  /** The customer's latest open conversation on the channel, when recent enough. */
  followUp(customerId: string, channelId: string, at: Date, windowMs: number): string | null;
  remember(customerId: string | null, channelId: string, conversationId: string, at: Date): void;
  rememberKey(channelId: string, externalId: string, conversationId: string | null): void;
}

/**
 * The threading stage's lookups, done once per batch: which known mentions and sent messages the
 * batch's reply keys point at, and the open conversations of the batch's customers. Items of the
 * same batch thread onto each other through `remember*`.
 */
export const findConversations = async (
  tx: Tx,
  workspaceId: string,
  items: { channelId: string; keys: string[] }[],
  customerIds: string[],
): Promise<ConversationFinder> => {
  const byKey = new Map<string, string | null>();
  const keys = [...new Set(items.flatMap((i) => i.keys))];
  const channelIds = [...new Set(items.map((i) => i.channelId))];
  for (let i = 0; i < keys.length; i += CHUNK) {
    const part = keys.slice(i, i + CHUNK);
    const mentions = await tx
      .select({ channelId: schema.mentions.channelId, externalId: schema.mentions.externalId, conversationId: schema.mentions.conversationId })
      .from(schema.mentions)
      .where(and(eq(schema.mentions.workspaceId, workspaceId), inArray(schema.mentions.channelId, channelIds), inArray(schema.mentions.externalId, part)));
    for (const m of mentions) byKey.set(`${m.channelId}:${m.externalId}`, m.conversationId);
    const sent = await tx
      .select({ channelId: schema.messages.channelId, externalId: schema.messages.externalId, conversationId: schema.messages.conversationId })
      .from(schema.messages)
      .where(and(eq(schema.messages.workspaceId, workspaceId), eq(schema.messages.direction, 'outbound'), inArray(schema.messages.externalId, part)));
    for (const m of sent) if (m.channelId) byKey.set(`${m.channelId}:${m.externalId}`, m.conversationId);
  }

  const latest = new Map<string, { id: string; at: Date }>();
  for (let i = 0; i < customerIds.length; i += CHUNK) {
    const rows = await tx
      .select({ id: schema.conversations.id, customerId: schema.conversations.customerId, channelId: schema.conversations.channelId, at: schema.conversations.lastMessageAt })
      .from(schema.conversations)
      .where(
        and(
          eq(schema.conversations.workspaceId, workspaceId),
          inArray(schema.conversations.customerId, customerIds.slice(i, i + CHUNK)),
          notInArray(schema.conversations.status, ['resolved', 'closed']),
          sql`${schema.conversations.lastMessageAt} > now() - interval '7 days'`,
        ),
      );
    for (const r of rows) {
      const k = `${r.customerId}:${r.channelId}`;
      const cur = latest.get(k);
      if (!cur || r.at > cur.at) latest.set(k, { id: r.id, at: r.at });
    }
  }

  return {
    byKeys: (channelId, ks) => {
      for (const k of ks) {
        const c = byKey.get(`${channelId}:${k}`);
        if (c) return c;
      }
      return null;
    },
    followUp: (customerId, channelId, at, windowMs) => {
      const c = latest.get(`${customerId}:${channelId}`);
      return c && Math.abs(at.getTime() - c.at.getTime()) <= windowMs ? c.id : null;
    },
    remember: (customerId, channelId, conversationId, at) => {
      if (customerId) latest.set(`${customerId}:${channelId}`, { id: conversationId, at });
    },
    rememberKey: (channelId, externalId, conversationId) => {
      if (conversationId) byKey.set(`${channelId}:${externalId}`, conversationId);
    },
  };
};
