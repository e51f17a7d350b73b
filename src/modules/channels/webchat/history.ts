import { and, desc, eq, gte, inArray, isNotNull, ne, or, schema, sql, type Database } from '../../../platform/db/index.ts';
import type { WebchatEvent } from './hub.ts';

/**
 * What a visitor's stream replays when it (re)connects: their messages and the agent's replies,
 * read from the database, which is the record (the hub only carries the live signal).
 *
 * How a visitor finds their conversation: the visitor key (`visitor:<id>` / `user:<id>`) is the
 * external id of their identity on the `webchat` network; the pipeline files each of their
 * messages as a mention of that identity in a conversation; the stream shows those conversations'
 * messages on this channel — the visitor's own inbound ones, and the outbound ones the outbox is
 * sending or has sent (a reply waiting for approval is not shown). Messages still in the queue
 * (committed, not yet through the pipeline) come from the raw store, so a reload right after
 * sending still shows them.
 */
export interface HistoryQuery {
  workspaceId: string;
  channelId: string;
  /** The identities' network: the channel kind, unless its config names another `network`. */
  network: string;
  visitorKey: string;
  /** A secure chat link's conversation: shown even before the visitor's first message in it (the agent's opening). */
  conversationId?: string | null;
  /** Only what became visible at or after this time (epoch ms); 0 for everything. */
  sinceMs: number;
  limit?: number;
}

export const outboundMessageId = (outboxKey: string) => `webchat-out:${outboxKey}`;

export const visitorHistory = (db: Database, q: HistoryQuery): Promise<WebchatEvent[]> =>
  db.tenant(q.workspaceId, async (tx) => {
    const limit = q.limit ?? 200;
    const since = new Date(q.sinceMs);
    const m = schema.timelineMessages;
    const visibleAt = sql<Date>`coalesce(${m.sentAt}, ${m.createdAt})`;
    const events: WebchatEvent[] = [];

    const [identity] = await tx
      .select({ id: schema.identities.id })
      .from(schema.identities)
      .where(and(eq(schema.identities.workspaceId, q.workspaceId), eq(schema.identities.channelKind, q.network), eq(schema.identities.externalId, q.visitorKey)));

    if (identity) {
      const theirConversations = tx
        .selectDistinct({ id: schema.mentions.conversationId })
        .from(schema.mentions)
        .where(and(eq(schema.mentions.workspaceId, q.workspaceId), eq(schema.mentions.channelId, q.channelId), eq(schema.mentions.identityId, identity.id), isNotNull(schema.mentions.conversationId)));
      const rows = await tx
        .select({ id: m.id, direction: m.direction, body: m.body, externalId: m.externalId, at: visibleAt })
        .from(m)
        .where(
          and(
            eq(m.workspaceId, q.workspaceId),
            eq(m.channelId, q.channelId),
            q.conversationId ? or(inArray(m.conversationId, theirConversations), eq(m.conversationId, q.conversationId)) : inArray(m.conversationId, theirConversations),
            ne(m.visibility, 'internal'),
            or(and(eq(m.direction, 'inbound'), eq(m.authorIdentityId, identity.id)), and(eq(m.direction, 'outbound'), inArray(m.outboxState, ['sending', 'sent']))),
            // A reply being sent right now shows whatever the cursor: its time may predate the cursor.
            or(gte(visibleAt, since), eq(m.outboxState, 'sending')),
          ),
        )
        .orderBy(desc(visibleAt))
        .limit(limit);
      for (const r of rows) {
        const isOut = r.direction === 'outbound';
        const id = isOut ? (r.externalId?.startsWith('webchat-out:') ? r.externalId : outboundMessageId(r.id)) : (r.externalId ?? r.id);
        events.push({ id, from: isOut ? 'agent' : 'visitor', text: r.body, at: new Date(r.at).getTime() });
      }
    }

    const queued = await tx
      .select({ externalId: schema.rawItems.externalId, text: sql<string>`${schema.rawItems.payload}->>'text'`, authoredAt: sql<string>`${schema.rawItems.payload}->>'authoredAt'` })
      .from(schema.rawItems)
      .where(
        and(
          eq(schema.rawItems.workspaceId, q.workspaceId),
          eq(schema.rawItems.channelId, q.channelId),
          eq(schema.rawItems.status, 'pending'),
          sql`${schema.rawItems.payload}->'author'->>'externalId' = ${q.visitorKey}`,
          gte(schema.rawItems.receivedAt, since),
        ),
      )
      .limit(limit);
    const seen = new Set(events.map((e) => e.id));
    for (const r of queued) if (!seen.has(r.externalId)) events.push({ id: r.externalId, from: 'visitor', text: r.text, at: new Date(r.authoredAt).getTime() });

    return events.sort((a, b) => a.at - b.at || a.id.localeCompare(b.id)).slice(-limit);
  });
