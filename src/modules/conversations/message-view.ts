import type { SQL } from 'drizzle-orm';
import { sql, type Tx } from '../../platform/db/index.ts';
import { asDate, asDateRequired, asJson, asNumber, asString, rowsOf } from './sql-rows.ts';
import type { AuthorView, ChannelRef } from './types.ts';

export type OutboxState = 'awaiting_approval' | 'queued' | 'sending' | 'sent' | 'failed' | 'rejected';

export interface MessageView {
  id: string;
  conversationId: string;
  direction: 'inbound' | 'outbound' | 'note';
  visibility: 'public' | 'private' | 'internal';
  body: string;
  channel: ChannelRef | null;
  /** A member (outbound replies, notes) or the customer's identity on the network (inbound). */
  author: ({ type: 'member'; id: string; name: string } | ({ type: 'identity' } & AuthorView)) | null;
  mentionId: string | null;
  /** The inbound mention's triage, for "this needed a response" on one message. */
  mention: { priority: number; sentiment: string | null; needsResponse: boolean | null; url: string | null } | null;
  externalId: string | null;
  outboxState: OutboxState | null;
  outboxError: string | null;
  outboxAttempts: number;
  sentAt: Date | null;
  createdAt: Date;
  meta: Record<string, unknown>;
  isDrill: boolean;
}

const SELECT = sql`
  select msg.id, msg.conversation_id, msg.direction, msg.visibility, msg.body, msg.channel_id, ch.kind as channel_kind, ch.name as channel_name,
    msg.author_member_id, mb.name as member_name, msg.author_identity_id, i.handle, i.display_name, i.followers, i.verified,
    msg.mention_id, mn.priority as mention_priority, mn.sentiment as mention_sentiment, mn.needs_response as mention_needs_response, mn.url as mention_url,
    mn.author_followers, msg.external_id, msg.outbox_state, msg.outbox_error, msg.outbox_attempts, msg.sent_at, msg.created_at, msg.meta, msg.is_drill
  from timeline_messages msg
  left join channels ch on ch.id = msg.channel_id
  left join members mb on mb.id = msg.author_member_id
  left join identities i on i.id = msg.author_identity_id
  left join mentions mn on mn.id = msg.mention_id`;

const toView = (r: Record<string, unknown>): MessageView => ({
  id: String(r.id),
  conversationId: String(r.conversation_id),
  direction: r.direction as MessageView['direction'],
  visibility: r.visibility as MessageView['visibility'],
  body: String(r.body),
  channel: r.channel_id && r.channel_kind ? { id: String(r.channel_id), kind: String(r.channel_kind), name: String(r.channel_name) } : null,
  author: r.author_member_id
    ? { type: 'member', id: String(r.author_member_id), name: String(r.member_name ?? '') }
    : r.author_identity_id && r.handle
      ? {
          type: 'identity',
          identityId: String(r.author_identity_id),
          handle: String(r.handle),
          displayName: asString(r.display_name),
          followers: r.followers === null || r.followers === undefined ? (r.author_followers == null ? null : asNumber(r.author_followers)) : asNumber(r.followers),
          verified: Boolean(r.verified),
        }
      : null,
  mentionId: asString(r.mention_id),
  mention: r.mention_id
    ? { priority: asNumber(r.mention_priority ?? 0), sentiment: asString(r.mention_sentiment), needsResponse: r.mention_needs_response === null ? null : Boolean(r.mention_needs_response), url: asString(r.mention_url) }
    : null,
  externalId: asString(r.external_id),
  outboxState: (r.outbox_state as OutboxState | null) ?? null,
  outboxError: asString(r.outbox_error),
  outboxAttempts: asNumber(r.outbox_attempts ?? 0),
  sentAt: asDate(r.sent_at),
  createdAt: asDateRequired(r.created_at),
  meta: asJson<Record<string, unknown>>(r.meta ?? {}),
  isDrill: Boolean(r.is_drill),
});

export const queryMessages = async (tx: Tx, where: SQL, tail: SQL = sql``): Promise<MessageView[]> =>
  (await rowsOf(tx, sql`${SELECT} where ${where} ${tail}`)).map(toView);

export const getMessageView = async (tx: Tx, workspaceId: string, id: string): Promise<MessageView | null> =>
  (await queryMessages(tx, sql`msg.workspace_id = ${workspaceId} and msg.id = ${id}`))[0] ?? null;
