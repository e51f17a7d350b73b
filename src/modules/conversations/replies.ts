import { and, asc, eq, schema, sql, type Tx } from '../../platform/db/index.ts';
import { resolveChannelPolicy, type ChannelRule } from '../routing/index.ts';
import { AppError, notFound } from '../../platform/errors/index.ts';
import { actorRef, type Actor } from '../access/index.ts';
import { checkComplianceFor, enforceCompliance, type Finding } from '../compliance/index.ts';
import type { Connector } from '../channels/index.ts';
import { getCannedReply } from './canned-replies.ts';
import { getConversationRow, type ConversationRow } from './conversation-detail.ts';
import { getMessageView, type MessageView } from './message-view.ts';
import { checkPrivatePath, resolveReplyChannel, type ChannelRow, type ConnectorLookup } from './reply-channel.ts';
import { checkLength, renderTemplate, signWithPersona, type LengthCheck } from './reply-text.ts';
import { rowsOf } from './sql-rows.ts';
import { addTimeline, audit, type Work } from './work.ts';

export interface ReplyInput {
  text?: string;
  visibility: 'public' | 'private';
  channelId?: string;
  cannedReplyId?: string;
  /** Values for variables of the text or canned reply beyond the built-in ones, e.g. {"order.id": "A-1"}. */
  variables?: Record<string, string>;
  idempotencyKey?: string | null;
  /** The compliance guard's warnings were read and accepted (blocks cannot be). */
  acknowledgeWarnings?: boolean;
}

export interface ReplyResult {
  message: MessageView;
  /** False when the Idempotency-Key was seen before: the first request's message is returned. */
  created: boolean;
  length: LengthCheck | null;
}

interface WorkspaceReplySettings {
  signReplies: boolean;
  requireApprovalForPublicReply: boolean;
}

const replySettings = async (tx: Tx, workspaceId: string): Promise<WorkspaceReplySettings> => {
  const [ws] = await tx.select({ settings: schema.workspaces.settings }).from(schema.workspaces).where(eq(schema.workspaces.id, workspaceId));
  const s = ws?.settings ?? {};
  return { signReplies: s.signReplies === true, requireApprovalForPublicReply: s.requireApprovalForPublicReply === true };
};

const byIdempotencyKey = async (tx: Tx, workspaceId: string, key: string) => {
  const [m] = await tx
    .select({ id: schema.messages.id, conversationId: schema.messages.conversationId })
    .from(schema.messages)
    .where(and(eq(schema.messages.workspaceId, workspaceId), eq(schema.messages.idempotencyKey, key)));
  return m ?? null;
};

/** What `{{customer.name}}`, `{{agent.persona}}` … stand for in this conversation. */
const variableValues = async (tx: Tx, c: ConversationRow, agent: { name: string; persona: string | null } | null, given: Record<string, string> = {}) => {
  const [who] = await rowsOf(
    tx,
    sql`select cu.name as customer_name, i.display_name, i.handle from (select 1) one
        left join customers cu on cu.id = ${c.customerId}
        left join lateral (select m.identity_id from mentions m where m.conversation_id = ${c.id} and not m.is_own order by m.authored_at desc limit 1) lm on true
        left join identities i on i.id = lm.identity_id`,
  );
  const handle = who?.handle ? String(who.handle) : null;
  return {
    ...given,
    'customer.name': (who?.customer_name as string | null) ?? (who?.display_name as string | null) ?? handle,
    'customer.handle': handle,
    'agent.name': agent?.name ?? null,
    'agent.persona': agent?.persona ?? null,
  };
};

/**
 * A reply enters the outbox: checked (channel, private path, length, variables), signed with the
 * agent's persona when the workspace signs replies, and queued — or held for a supervisor when the
 * workspace requires approval of public replies. The outbox worker sends it; nothing is sent here.
 * A repeated Idempotency-Key returns the first message instead of queueing a second one.
 */
/** A reply's text as it will leave, and what stands in its way; shared by the reply path and its preview. */
export interface PreparedReply {
  c: ConversationRow;
  channel: ChannelRow;
  connector: Connector | null;
  cannedId: string | null;
  /** The text with variables filled, before the signature. */
  rendered: string;
  missing: string[];
  /** What is sent: rendered, then signed with the persona when the workspace signs replies. */
  body: string;
  length: LengthCheck | null;
  findings: Finding[];
  settings: WorkspaceReplySettings;
}

export const prepareReply = async (work: Work, actor: Actor, conversationId: string, input: ReplyInput, connectorFor: ConnectorLookup): Promise<PreparedReply> => {
  const { tx, workspaceId } = work;
  const c = await getConversationRow(tx, workspaceId, conversationId);
  const { channel, connector } = await resolveReplyChannel(tx, workspaceId, { requestedId: input.channelId, conversationChannelId: c.channelId, isDrill: c.isDrill }, connectorFor);
  checkPrivatePath(channel, connector, input.visibility);

  const canned = input.cannedReplyId ? await getCannedReply(tx, workspaceId, input.cannedReplyId) : null;
  const template = input.text ?? canned?.body ?? '';
  const [agent] = actor.memberId
    ? await tx.select({ name: schema.members.name, persona: schema.members.persona }).from(schema.members).where(and(eq(schema.members.workspaceId, workspaceId), eq(schema.members.id, actor.memberId)))
    : [];
  const rendered = renderTemplate(template, await variableValues(tx, c, agent ?? null, input.variables));
  const settings = await replySettings(tx, workspaceId);
  const text = rendered.text.trim();
  const body = settings.signReplies && text ? signWithPersona(text, agent?.persona) : text;
  const length = connector ? checkLength(body, connector.limits, channel.name) : null;
  // The guard reads the text as the customer will (variables filled in).
  const findings = text ? await checkComplianceFor(tx, workspaceId, { text: rendered.text, visibility: input.visibility, channel, now: work.now }) : [];
  return { c, channel, connector, cannedId: canned?.id ?? null, rendered: rendered.text, missing: rendered.missing, body, length, findings, settings };
};

export const createReply = async (work: Work, actor: Actor, conversationId: string, input: ReplyInput, connectorFor: ConnectorLookup): Promise<ReplyResult> => {
  const { tx, workspaceId } = work;
  const key = input.idempotencyKey ?? null;
  if (key) {
    const seen = await byIdempotencyKey(tx, workspaceId, key);
    if (seen) return reuse(work, seen, conversationId);
  }
  if (!(input.text ?? input.cannedReplyId)?.trim()) throw new AppError('VALIDATION_FAILED', 'A reply needs text or a canned reply', [{ path: '/body/text', message: 'empty' }]);
  const { c, channel, cannedId, rendered, missing, body, length, findings, settings } = await prepareReply(work, actor, conversationId, input, connectorFor);
  if (!rendered.trim()) throw new AppError('VALIDATION_FAILED', 'A reply needs text or a canned reply', [{ path: '/body/text', message: 'empty' }]);
  if (missing.length) {
    throw new AppError('UNPROCESSABLE', `No value for ${missing.map((v) => `{{${v}}}`).join(', ')}`, missing.map((v) => ({ path: `/body/variables/${v}`, message: 'no value for this variable' })));
  }
  if (length && !length.ok) throw new AppError('UNPROCESSABLE', length.reason!, [{ path: '/body/text', message: length.reason! }]);
  // Before anything is queued: blocks refuse, warnings need the agent's acknowledgement.
  enforceCompliance(findings, input.acknowledgeWarnings === true);

  // Approval is required by the workspace, the channel's settings, or a channel rule covering it.
  const needsApproval =
    input.visibility === 'public' &&
    (settings.requireApprovalForPublicReply || channel.config.requireApprovalForPublicReply === true || (await channelRulesRequireApproval(tx, workspaceId, channel)));
  const state = needsApproval ? 'awaiting_approval' : 'queued';
  const inserted = await tx
    .insert(schema.messages)
    .values({
      workspaceId,
      conversationId,
      direction: 'outbound',
      channelId: channel.id,
      authorMemberId: actor.memberId,
      visibility: input.visibility,
      body,
      outboxState: state,
      nextAttemptAt: needsApproval ? null : work.now,
      meta: {
        cannedReplyId: cannedId,
        requestedBy: actorRef(actor),
        length: length ? { length: length.length, maxLength: length.maxLength, willThread: length.willThread } : null,
        ...(findings.length ? { complianceWarnings: findings.map((f) => ({ kind: f.kind, message: f.message })) } : {}),
      },
      isDrill: c.isDrill,
      idempotencyKey: key,
      createdAt: work.now,
    })
    .onConflictDoNothing()
    .returning({ id: schema.messages.id });
  // Two requests with one key at the same moment: the second one finds the first's message.
  if (!inserted.length && key) {
    const seen = await byIdempotencyKey(tx, workspaceId, key);
    if (seen) return reuse(work, seen, conversationId);
  }
  const messageId = inserted[0]!.id;
  await addTimeline(work, actor, conversationId, 'reply_queued', { messageId, visibility: input.visibility, channelId: channel.id, state });
  work.emit({ type: needsApproval ? 'message.awaiting_approval' : 'message.queued', subjectId: messageId, data: { messageId, conversationId, channelId: channel.id, isDrill: c.isDrill } });
  await audit(work, actor, {
    action: 'reply.created',
    subjectType: 'message',
    subjectId: messageId,
    data: { conversationId, visibility: input.visibility, channelId: channel.id, state, ...(findings.length ? { acknowledgedWarnings: findings.map((f) => f.kind) } : {}) },
  });
  return { message: (await getMessageView(tx, workspaceId, messageId))!, created: true, length };
};

const reuse = async (work: Work, seen: { id: string; conversationId: string }, conversationId: string): Promise<ReplyResult> => {
  if (seen.conversationId !== conversationId) throw new AppError('CONFLICT', 'This Idempotency-Key was already used for a reply in another conversation');
  return { message: (await getMessageView(work.tx, work.workspaceId, seen.id))!, created: false, length: null };
};

/** Loads an outbound message for a state change, locked. */
export const outboundForUpdate = async (work: Work, messageId: string) => {
  const [m] = await work.tx
    .select()
    .from(schema.messages)
    .where(and(eq(schema.messages.workspaceId, work.workspaceId), eq(schema.messages.id, messageId), eq(schema.messages.direction, 'outbound')))
    .for('update');
  if (!m) throw notFound('Message');
  return m;
};

/** A failed reply goes back into the outbox at a person's request (they checked the channel first). */
export const retryMessage = async (work: Work, actor: Actor, messageId: string): Promise<MessageView> => {
  const m = await outboundForUpdate(work, messageId);
  if (m.outboxState !== 'failed') throw new AppError('CONFLICT', `Only a failed reply can be retried; this one is ${m.outboxState ?? 'not in the outbox'}`);
  if (m.isDrill) throw new AppError('CONFLICT', 'Drill replies never leave Lookout');
  await work.tx
    .update(schema.messages)
    .set({ outboxState: 'queued', outboxError: null, outboxAttempts: 0, nextAttemptAt: work.now, meta: { ...m.meta, retriedBy: actorRef(actor), previousError: m.outboxError } })
    .where(and(eq(schema.messages.workspaceId, work.workspaceId), eq(schema.messages.id, messageId)));
  await addTimeline(work, actor, m.conversationId, 'reply_retried', { messageId, previousError: m.outboxError });
  work.emit({ type: 'message.queued', subjectId: messageId, data: { messageId, conversationId: m.conversationId, retry: true, isDrill: m.isDrill } });
  await audit(work, actor, { action: 'reply.retried', subjectType: 'message', subjectId: messageId, data: { previousError: m.outboxError } });
  return (await getMessageView(work.tx, work.workspaceId, messageId))!;
};

const channelRulesRequireApproval = async (tx: Tx, workspaceId: string, channel: { id: string; kind: string }): Promise<boolean> => {
  const rows = await tx
    .select()
    .from(schema.rules)
    .where(and(eq(schema.rules.workspaceId, workspaceId), eq(schema.rules.layer, 'channel'), eq(schema.rules.isActive, true)))
    .orderBy(asc(schema.rules.position));
  if (!rows.length) return false;
  const rules = rows.map((r) => ({ ...(r.definition as unknown as ChannelRule), id: r.id, name: r.name }));
  return resolveChannelPolicy(rules, { channelId: channel.id, channelKind: channel.kind, visibility: 'public' }).requireApprovalForPublicReply;
};
