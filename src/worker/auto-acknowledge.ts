import { and, eq, inArray, schema, type Tx } from '../platform/db/index.ts';
import type { DomainEvent } from '../platform/events/index.ts';
import type { Acknowledgement } from '../modules/routing/index.ts';
import { renderTemplate } from '../modules/conversations/index.ts';

/**
 * Rules that say "acknowledge it" (always, or outside the channel's business hours) queue the canned
 * reply through the outbox like any reply: a drill's never leaves, a retry never double-posts.
 * A template whose variables have no value here is not sent half-filled: the timeline says why.
 */
export const queueAcknowledgements = async (tx: Tx, workspaceId: string, acks: Acknowledgement[], now: Date): Promise<DomainEvent[]> => {
  if (!acks.length) return [];
  const canned = await tx
    .select()
    .from(schema.cannedReplies)
    .where(and(eq(schema.cannedReplies.workspaceId, workspaceId), inArray(schema.cannedReplies.id, [...new Set(acks.map((a) => a.cannedReplyId))])));
  const bodyOf = new Map(canned.map((c) => [c.id, c.body]));
  const events: DomainEvent[] = [];
  for (const ack of acks) {
    const [conv] = await tx
      .select({ channelId: schema.conversations.channelId, isDrill: schema.conversations.isDrill, customerName: schema.customers.name })
      .from(schema.conversations)
      .leftJoin(schema.customers, eq(schema.customers.id, schema.conversations.customerId))
      .where(and(eq(schema.conversations.workspaceId, workspaceId), eq(schema.conversations.id, ack.conversationId)));
    const body = bodyOf.get(ack.cannedReplyId);
    if (!conv) continue;
    const rendered = body ? renderTemplate(body, { 'customer.name': conv.customerName, 'agent.name': null, 'agent.persona': null }) : null;
    if (!rendered || rendered.missing.length || !rendered.text.trim()) {
      await tx.insert(schema.conversationEvents).values({
        workspaceId,
        conversationId: ack.conversationId,
        type: 'auto_acknowledge_skipped',
        actorType: 'rule',
        actorId: ack.ruleId,
        data: { cannedReplyId: ack.cannedReplyId, reason: !body ? 'the canned reply no longer exists' : `no value for ${rendered!.missing.join(', ')}` },
      });
      continue;
    }
    const [msg] = await tx
      .insert(schema.messages)
      .values({
        workspaceId,
        conversationId: ack.conversationId,
        direction: 'outbound',
        channelId: conv.channelId,
        visibility: ack.visibility,
        body: rendered.text.trim(),
        outboxState: 'queued',
        nextAttemptAt: now,
        meta: { autoAcknowledge: true, ruleId: ack.ruleId, cannedReplyId: ack.cannedReplyId },
        isDrill: conv.isDrill,
        idempotencyKey: `auto-ack:${ack.conversationId}`,
        createdAt: now,
      })
      .onConflictDoNothing()
      .returning({ id: schema.messages.id });
    if (!msg) continue;
    await tx.insert(schema.conversationEvents).values({ workspaceId, conversationId: ack.conversationId, type: 'auto_acknowledged', actorType: 'rule', actorId: ack.ruleId, data: { messageId: msg.id, cannedReplyId: ack.cannedReplyId } });
    events.push({ type: 'message.queued', subjectId: msg.id, data: { messageId: msg.id, conversationId: ack.conversationId, autoAcknowledge: true } });
  }
  return events;
};
