import { sql, type Tx } from '../../platform/db/index.ts';
import { keyRows, paramList } from './sql-list.ts';

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

const CHUNK = 1000;

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
    // The batch's reply keys: a stored mention, or a message we sent (`messages_external_id` holds outbound ones only).
    const res = (await tx.execute(sql`
      select 0 as sent, m.channel_id, m.external_id, m.conversation_id from ${keyRows(part)} as k(v)
      join mentions m on m.workspace_id = ${workspaceId} and m.channel_id in (${paramList(channelIds)}) and m.external_id = k.v
      union all
      select 1, g.channel_id, g.external_id, g.conversation_id from ${keyRows(part)} as k(v)
      join messages g on g.workspace_id = ${workspaceId} and g.direction = 'outbound' and g.external_id is not null and g.external_id = k.v`)) as unknown as {
      rows: { sent: number; channel_id: string | null; external_id: string; conversation_id: string | null }[];
    };
    // A message we sent wins over a mention with the same key.
    for (const pass of [0, 1]) for (const m of res.rows) if (Number(m.sent) === pass && m.channel_id) byKey.set(`${m.channel_id}:${m.external_id}`, m.conversation_id);
  }

  const latest = new Map<string, { id: string; at: Date }>();
  for (let i = 0; i < customerIds.length; i += CHUNK) {
    const res = (await tx.execute(sql`
      select c.id, c.customer_id, c.channel_id, c.last_message_at as at from ${keyRows(customerIds.slice(i, i + CHUNK))} as k(v)
      join conversations c on c.workspace_id = ${workspaceId} and c.customer_id = k.v::uuid
        and c.status not in ('resolved', 'closed') and c.last_message_at > now() - interval '7 days'`)) as unknown as {
      rows: { id: string; customer_id: string; channel_id: string; at: Date | string }[];
    };
    for (const r of res.rows) {
      const k = `${r.customer_id}:${r.channel_id}`;
      const at = new Date(r.at);
      const cur = latest.get(k);
      if (!cur || at > cur.at) latest.set(k, { id: r.id, at });
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
