import { and, eq, schema, sql } from '../../platform/db/index.ts';
import { notFound } from '../../platform/errors/index.ts';
import { addTimeline, audit, memberIdOf, type Who, type Work } from './work.ts';

export interface FeedbackResult {
  mentionId: string;
  conversationId: string | null;
  needsResponse: boolean;
  conversationNeedsResponse: boolean | null;
}

/**
 * A person corrects triage on one mention: "this needed a response" (from the Dismissed queue) or
 * "dismiss" (it did not). The mention and its conversation move queues at once, and the label is
 * kept in `triage_feedback` (and a `triage.correction` event) for the needs-response model to
 * learn the team's judgement.
 */
export const setMentionNeedsResponse = async (work: Work, who: Who, mentionId: string, needsResponse: boolean): Promise<FeedbackResult> => {
  const [m] = await work.tx
    .select({ id: schema.mentions.id, conversationId: schema.mentions.conversationId, needsResponse: schema.mentions.needsResponse, isDrill: schema.mentions.isDrill })
    .from(schema.mentions)
    .where(and(eq(schema.mentions.workspaceId, work.workspaceId), eq(schema.mentions.id, mentionId)))
    .for('update');
  if (!m) throw notFound('Mention');
  const memberId = memberIdOf(who);
  await work.tx
    .update(schema.mentions)
    .set(needsResponse ? { needsResponse: true, dismissedAt: null, dismissedBy: null } : { needsResponse: false, dismissedAt: work.now, dismissedBy: memberId ?? 'system' })
    .where(and(eq(schema.mentions.workspaceId, work.workspaceId), eq(schema.mentions.id, mentionId)));
  await work.tx.insert(schema.triageFeedback).values({ workspaceId: work.workspaceId, mentionId, needsResponse, memberId, createdAt: work.now });

  let conversationNeedsResponse: boolean | null = null;
  if (m.conversationId) {
    // A conversation needs a response while any of its customer's mentions does.
    const [c] = await work.tx
      .update(schema.conversations)
      .set({
        needsResponse: needsResponse
          ? true
          : sql`exists (select 1 from mentions o where o.conversation_id = ${m.conversationId} and o.id <> ${mentionId} and not o.is_own and o.needs_response)`,
        updatedAt: work.now,
      })
      .where(and(eq(schema.conversations.workspaceId, work.workspaceId), eq(schema.conversations.id, m.conversationId)))
      .returning({ needsResponse: schema.conversations.needsResponse });
    conversationNeedsResponse = c?.needsResponse ?? null;
    await addTimeline(work, who, m.conversationId, 'triage_corrected', { mentionId, needsResponse, was: m.needsResponse });
    work.emit({ type: 'conversation.updated', subjectId: m.conversationId, data: { changes: { needsResponse: { from: !needsResponse, to: conversationNeedsResponse } }, isDrill: m.isDrill } });
  }
  work.emit({ type: 'triage.correction', subjectId: mentionId, data: { mentionId, conversationId: m.conversationId, needsResponse, was: m.needsResponse, memberId } });
  await audit(work, who, { action: needsResponse ? 'triage.marked_needs_response' : 'triage.dismissed', subjectType: 'mention', subjectId: mentionId, data: { was: m.needsResponse } });
  return { mentionId, conversationId: m.conversationId, needsResponse, conversationNeedsResponse };
};
