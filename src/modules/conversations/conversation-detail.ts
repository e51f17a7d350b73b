import { and, eq, schema, sql, type Tx } from '../../platform/db/index.ts';
import { notFound } from '../../platform/errors/index.ts';
import { reasonsOf, tagsFor } from './inbox.ts';
import { queryMessages, type MessageView } from './message-view.ts';
import { slaView } from './sla-view.ts';
import { asDateRequired, asJson, asString, rowsOf } from './sql-rows.ts';
import { allowedTransitions, type ConversationStatus } from './status.ts';
import type { ChannelRef, Ref, SlaView, TagRef } from './types.ts';

/** How much history one page of a conversation carries: the newest items of the customer's timeline. */
export const TIMELINE_LIMIT = 300;
/** The customer's conversations whose messages join the timeline, newest first. */
const OTHER_CONVERSATIONS_LIMIT = 50;

export type ConversationRow = typeof schema.conversations.$inferSelect;

export interface TimelineEvent {
  id: string;
  conversationId: string;
  type: string;
  actor: { type: string; id: string | null; name: string | null };
  data: Record<string, unknown>;
  createdAt: Date;
}

export type TimelineItem =
  | ({ kind: 'message'; at: Date; isThisConversation: boolean } & { message: MessageView })
  | ({ kind: 'event'; at: Date; isThisConversation: boolean } & { event: TimelineEvent });

export interface ConversationDetail {
  id: string;
  status: ConversationStatus;
  allowedStatuses: readonly ConversationStatus[];
  priority: number;
  needsResponse: boolean;
  subject: string | null;
  sentiment: string | null;
  intent: string | null;
  language: string | null;
  influence: number;
  /** The triage explanation of the mention that set the priority, and its readable reasons. */
  triage: Record<string, unknown>;
  reasons: string[];
  firedRules: unknown[];
  channel: ChannelRef | null;
  customer: { id: string; name: string | null; email: string | null; tier: string | null; isVip: boolean } | null;
  assignee: Ref | null;
  team: Ref | null;
  tags: TagRef[];
  sla: SlaView;
  snoozedUntil: Date | null;
  lastMessageAt: Date;
  createdAt: Date;
  isDrill: boolean;
  /** The customer's conversations on every channel, newest first (this one included). */
  customerConversations: { id: string; status: string; channel: ChannelRef | null; subject: string | null; lastMessageAt: Date }[];
  timeline: TimelineItem[];
}

export const getConversationRow = async (tx: Tx, workspaceId: string, id: string, opts: { forUpdate?: boolean } = {}): Promise<ConversationRow> => {
  const q = tx.select().from(schema.conversations).where(and(eq(schema.conversations.workspaceId, workspaceId), eq(schema.conversations.id, id)));
  const [row] = opts.forUpdate ? await q.for('update') : await q;
  if (!row) throw notFound('Conversation');
  return row;
};

export const getConversationDetail = async (tx: Tx, workspaceId: string, id: string, now: Date): Promise<ConversationDetail> => {
  const c = await getConversationRow(tx, workspaceId, id);
  const [refs] = await rowsOf(
    tx,
    sql`select ch.kind as channel_kind, ch.name as channel_name, cu.name as customer_name, cu.email as customer_email, cu.tier, cu.is_vip,
          am.name as assignee_name, tm.name as team_name
        from (select 1) one
        left join channels ch on ch.id = ${c.channelId}
        left join customers cu on cu.id = ${c.customerId}
        left join members am on am.id = ${c.assigneeId}
        left join teams tm on tm.id = ${c.teamId}`,
  );
  const customerConversations = c.customerId
    ? await rowsOf(
        tx,
        sql`select cv.id, cv.status, cv.subject, cv.last_message_at, cv.channel_id, ch.kind, ch.name from conversations cv
            left join channels ch on ch.id = cv.channel_id
            where cv.workspace_id = ${workspaceId} and cv.customer_id = ${c.customerId}
            order by cv.last_message_at desc limit ${OTHER_CONVERSATIONS_LIMIT}`,
      )
    : [];
  const ids = [...new Set([id, ...customerConversations.map((r) => String(r.id))])];
  const idList = sql`${`{${ids.join(',')}}`}::uuid[]`;
  const messages = await queryMessages(tx, sql`msg.workspace_id = ${workspaceId} and msg.conversation_id = any(${idList})`, sql`order by msg.created_at desc, msg.id desc limit ${TIMELINE_LIMIT}`);
  const events = await rowsOf(
    tx,
    sql`select e.id, e.conversation_id, e.type, e.actor_type, e.actor_id, e.data, e.created_at, mb.name as actor_name
        from conversation_events e left join members mb on e.actor_type = 'member' and mb.id::text = e.actor_id
        where e.workspace_id = ${workspaceId} and e.conversation_id = any(${idList})
        order by e.created_at desc, e.id desc limit ${TIMELINE_LIMIT}`,
  );
  // Fetched newest first (to keep the newest when cut); read oldest first, ties in id order.
  messages.reverse();
  events.reverse();
  const timeline: TimelineItem[] = [
    ...messages.map((m): TimelineItem => ({ kind: 'message', at: m.createdAt, isThisConversation: m.conversationId === id, message: m })),
    ...events.map((e): TimelineItem => {
      const event: TimelineEvent = {
        id: String(e.id),
        conversationId: String(e.conversation_id),
        type: String(e.type),
        actor: { type: String(e.actor_type), id: asString(e.actor_id), name: asString(e.actor_name) },
        data: asJson<Record<string, unknown>>(e.data ?? {}),
        createdAt: asDateRequired(e.created_at),
      };
      return { kind: 'event', at: event.createdAt, isThisConversation: event.conversationId === id, event };
    }),
  ]
    // Oldest first, as a conversation reads; a message before the events it caused at the same instant.
    .sort((a, b) => a.at.getTime() - b.at.getTime() || (a.kind === b.kind ? 0 : a.kind === 'message' ? -1 : 1))
    .slice(-TIMELINE_LIMIT);

  const tags = (await tagsFor(tx, workspaceId, [id])).get(id) ?? [];
  return {
    id: c.id,
    status: c.status,
    allowedStatuses: allowedTransitions(c.status),
    priority: c.priority,
    needsResponse: c.needsResponse,
    subject: c.subject,
    sentiment: c.sentiment,
    intent: c.intent,
    language: c.language,
    influence: c.influence,
    triage: c.triage,
    reasons: reasonsOf(c.triage.reasons),
    firedRules: c.firedRules,
    channel: c.channelId && refs?.channel_kind ? { id: c.channelId, kind: String(refs.channel_kind), name: String(refs.channel_name) } : null,
    customer: c.customerId
      ? { id: c.customerId, name: asString(refs?.customer_name), email: asString(refs?.customer_email), tier: asString(refs?.tier), isVip: Boolean(refs?.is_vip) }
      : null,
    assignee: c.assigneeId ? { id: c.assigneeId, name: String(refs?.assignee_name ?? '') } : null,
    team: c.teamId ? { id: c.teamId, name: String(refs?.team_name ?? '') } : null,
    tags,
    sla: slaView(c, now),
    snoozedUntil: c.snoozedUntil,
    lastMessageAt: c.lastMessageAt,
    createdAt: c.createdAt,
    isDrill: c.isDrill,
    customerConversations: customerConversations.map((r) => ({
      id: String(r.id),
      status: String(r.status),
      subject: asString(r.subject),
      lastMessageAt: asDateRequired(r.last_message_at),
      channel: r.channel_id && r.kind ? { id: String(r.channel_id), kind: String(r.kind), name: String(r.name) } : null,
    })),
    timeline,
  };
};
