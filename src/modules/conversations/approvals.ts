import { and, eq, schema, sql, type Tx } from '../../platform/db/index.ts';
import { AppError } from '../../platform/errors/index.ts';
import { actorRef, type Actor } from '../access/index.ts';
import { checkComplianceFor, enforceCompliance } from '../compliance/index.ts';
import { getMessageView, queryMessages, type MessageView } from './message-view.ts';
import { outboundForUpdate } from './replies.ts';
import type { ConnectorLookup } from './reply-channel.ts';
import { checkLength } from './reply-text.ts';
import { asNumber, asString, rowsOf } from './sql-rows.ts';
import { addTimeline, audit, type Work } from './work.ts';

export interface ApprovalItem {
  message: MessageView;
  conversation: { id: string; status: string; priority: number; subject: string | null; customerName: string | null };
}

const APPROVALS_LIMIT = 200;

/** Public replies held for a supervisor, oldest first (they have waited longest). */
export const listApprovals = async (tx: Tx, workspaceId: string): Promise<ApprovalItem[]> => {
  const messages = await queryMessages(tx, sql`msg.workspace_id = ${workspaceId} and msg.outbox_state = 'awaiting_approval'`, sql`order by msg.created_at asc limit ${APPROVALS_LIMIT}`);
  if (!messages.length) return [];
  const ids = [...new Set(messages.map((m) => m.conversationId))];
  const convs = await rowsOf(
    tx,
    sql`select c.id, c.status, c.priority, c.subject, cu.name as customer_name from conversations c left join customers cu on cu.id = c.customer_id
        where c.workspace_id = ${workspaceId} and c.id = any(${`{${ids.join(',')}}`}::uuid[])`,
  );
  const byId = new Map(convs.map((c) => [String(c.id), c]));
  return messages.map((message) => {
    const c = byId.get(message.conversationId);
    return {
      message,
      conversation: { id: message.conversationId, status: String(c?.status ?? ''), priority: asNumber(c?.priority ?? 0), subject: asString(c?.subject), customerName: asString(c?.customer_name) },
    };
  });
};

const awaiting = async (work: Work, actor: Actor, messageId: string) => {
  const m = await outboundForUpdate(work, messageId);
  if (m.outboxState !== 'awaiting_approval') throw new AppError('CONFLICT', `This reply is not awaiting approval (it is ${m.outboxState ?? 'not in the outbox'})`);
  // Four eyes: whoever wrote a reply that needs approval cannot approve or reject it.
  if (actor.memberId && m.authorMemberId === actor.memberId) throw new AppError('FORBIDDEN', 'Another person must decide on your own reply');
  return m;
};

/** Approve, optionally with the text edited; the reply then enters the outbox. Audited. */
export const approveReply = async (work: Work, actor: Actor, messageId: string, editedText: string | undefined, connectorFor: ConnectorLookup): Promise<MessageView> => {
  const m = await awaiting(work, actor, messageId);
  const text = editedText?.trim();
  const edited = Boolean(text) && text !== m.body;
  if (edited && m.channelId) {
    const [channel] = await work.tx.select().from(schema.channels).where(and(eq(schema.channels.workspaceId, work.workspaceId), eq(schema.channels.id, m.channelId)));
    const connector = channel ? connectorFor(channel.kind) : null;
    const length = connector && channel ? checkLength(text!, connector.limits, channel.name) : null;
    if (length && !length.ok) throw new AppError('UNPROCESSABLE', length.reason!, [{ path: '/body/text', message: length.reason! }]);
    // An edit passes the guard too; approving is the supervisor's acknowledgement of its warnings.
    const findings = await checkComplianceFor(work.tx, work.workspaceId, { text: text!, visibility: m.visibility === 'private' ? 'private' : 'public', channel: channel ?? null, now: work.now });
    enforceCompliance(findings, true);
  }
  await work.tx
    .update(schema.messages)
    .set({
      outboxState: 'queued',
      nextAttemptAt: work.now,
      ...(edited ? { body: text! } : {}),
      meta: { ...m.meta, approvedBy: actorRef(actor), approvedAt: work.now.toISOString(), ...(edited ? { originalBody: m.body } : {}) },
    })
    .where(and(eq(schema.messages.workspaceId, work.workspaceId), eq(schema.messages.id, messageId)));
  await addTimeline(work, actor, m.conversationId, 'reply_approved', { messageId, edited });
  work.emit({ type: 'message.approved', subjectId: messageId, data: { messageId, conversationId: m.conversationId, edited, isDrill: m.isDrill } });
  await audit(work, actor, { action: 'reply.approved', subjectType: 'message', subjectId: messageId, data: { conversationId: m.conversationId, edited, ...(edited ? { originalBody: m.body } : {}) } });
  return (await getMessageView(work.tx, work.workspaceId, messageId))!;
};

/** Reject with a reason the author sees; the reply never leaves. Audited. */
export const rejectReply = async (work: Work, actor: Actor, messageId: string, reason: string): Promise<MessageView> => {
  const m = await awaiting(work, actor, messageId);
  const why = reason.trim();
  if (!why) throw new AppError('VALIDATION_FAILED', 'Say why the reply is rejected', [{ path: '/body/reason', message: 'empty' }]);
  await work.tx
    .update(schema.messages)
    .set({ outboxState: 'rejected', outboxError: `rejected: ${why}`, nextAttemptAt: null, meta: { ...m.meta, rejectedBy: actorRef(actor), rejectedAt: work.now.toISOString() } })
    .where(and(eq(schema.messages.workspaceId, work.workspaceId), eq(schema.messages.id, messageId)));
  await addTimeline(work, actor, m.conversationId, 'reply_rejected', { messageId, reason: why });
  work.emit({ type: 'message.rejected', subjectId: messageId, data: { messageId, conversationId: m.conversationId, reason: why, authorMemberId: m.authorMemberId } });
  await audit(work, actor, { action: 'reply.rejected', subjectType: 'message', subjectId: messageId, data: { conversationId: m.conversationId, reason: why } });
  return (await getMessageView(work.tx, work.workspaceId, messageId))!;
};
