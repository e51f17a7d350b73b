import { and, eq, schema } from '../../platform/db/index.ts';
import { AppError } from '../../platform/errors/index.ts';
import { getConversationRow, type ConversationRow } from './conversation-detail.ts';
import { canTransition, statusChange, allowedTransitions, type ConversationStatus } from './status.ts';
import { addTimeline, audit, type Who, type Work } from './work.ts';

export interface ConversationPatch {
  status?: ConversationStatus;
  assigneeId?: string | null;
  teamId?: string | null;
  snoozedUntil?: Date | null;
  /** A person's override of triage's priority. */
  priority?: number;
}

const invalid = (path: string, message: string, why: string) => new AppError('VALIDATION_FAILED', why, [{ path: `/body/${path}`, message }]);

const checkAssignee = async (work: Work, memberId: string): Promise<void> => {
  const [m] = await work.tx
    .select({ isActive: schema.members.isActive, role: schema.members.role })
    .from(schema.members)
    .where(and(eq(schema.members.workspaceId, work.workspaceId), eq(schema.members.id, memberId)));
  if (!m) throw invalid('assigneeId', 'not a member of this workspace', 'Unknown assignee');
  if (!m.isActive) throw invalid('assigneeId', 'this member is deactivated', 'The assignee is deactivated');
  if (m.role === 'analyst' || m.role === 'product') throw invalid('assigneeId', `a ${m.role} cannot work conversations`, 'The assignee cannot reply to customers');
};

const checkTeam = async (work: Work, teamId: string): Promise<void> => {
  const [t] = await work.tx.select({ id: schema.teams.id }).from(schema.teams).where(and(eq(schema.teams.workspaceId, work.workspaceId), eq(schema.teams.id, teamId)));
  if (!t) throw invalid('teamId', 'not a team of this workspace', 'Unknown team');
};

/**
 * Moves a conversation: status (with its clock stamps and SLA pause), assignment, snooze,
 * priority. Each change is a timeline row; the whole is one `conversation.updated` event, plus
 * `conversation.assigned` when the owner changed (the new owner's console lights up).
 */
export const updateConversation = async (work: Work, who: Who, id: string, patch: ConversationPatch): Promise<ConversationRow> => {
  const c = await getConversationRow(work.tx, work.workspaceId, id, { forUpdate: true });
  const set: Partial<typeof schema.conversations.$inferInsert> = {};
  const changes: Record<string, { from: unknown; to: unknown }> = {};

  if (patch.status !== undefined && patch.status !== c.status) {
    if (!canTransition(c.status, patch.status)) {
      throw new AppError('UNPROCESSABLE', `A ${c.status} conversation cannot become ${patch.status}; it can become ${allowedTransitions(c.status).join(', ')}`);
    }
    Object.assign(set, statusChange(c, patch.status, work.now));
    changes.status = { from: c.status, to: patch.status };
    await addTimeline(work, who, id, 'status_changed', { from: c.status, to: patch.status });
  }
  if (patch.assigneeId !== undefined && patch.assigneeId !== c.assigneeId) {
    if (patch.assigneeId) await checkAssignee(work, patch.assigneeId);
    set.assigneeId = patch.assigneeId;
    changes.assigneeId = { from: c.assigneeId, to: patch.assigneeId };
  }
  if (patch.teamId !== undefined && patch.teamId !== c.teamId) {
    if (patch.teamId) await checkTeam(work, patch.teamId);
    set.teamId = patch.teamId;
    changes.teamId = { from: c.teamId, to: patch.teamId };
  }
  if (changes.assigneeId || changes.teamId) {
    await addTimeline(work, who, id, 'assigned', {
      assigneeId: set.assigneeId !== undefined ? set.assigneeId : c.assigneeId,
      previousAssigneeId: c.assigneeId,
      teamId: set.teamId !== undefined ? set.teamId : c.teamId,
      previousTeamId: c.teamId,
    });
  }
  if (patch.snoozedUntil !== undefined && patch.snoozedUntil?.getTime() !== c.snoozedUntil?.getTime()) {
    if (patch.snoozedUntil && patch.snoozedUntil.getTime() <= work.now.getTime()) throw invalid('snoozedUntil', 'must be in the future', 'Snooze until a time in the future');
    set.snoozedUntil = patch.snoozedUntil;
    changes.snoozedUntil = { from: c.snoozedUntil, to: patch.snoozedUntil };
    await addTimeline(work, who, id, patch.snoozedUntil ? 'snoozed' : 'unsnoozed', { until: patch.snoozedUntil });
  }
  if (patch.priority !== undefined && patch.priority !== c.priority) {
    set.priority = patch.priority;
    set.triage = { ...c.triage, priorityOverride: { from: c.priority, to: patch.priority, at: work.now.toISOString() } };
    changes.priority = { from: c.priority, to: patch.priority };
    await addTimeline(work, who, id, 'priority_changed', { from: c.priority, to: patch.priority });
    // Overriding the model's judgement is worth a record a supervisor can review.
    await audit(work, who, { action: 'conversation.priority_overridden', subjectType: 'conversation', subjectId: id, data: { from: c.priority, to: patch.priority } });
  }
  if (!Object.keys(changes).length) return c;

  const [row] = await work.tx
    .update(schema.conversations)
    .set({ ...set, updatedAt: work.now })
    .where(and(eq(schema.conversations.workspaceId, work.workspaceId), eq(schema.conversations.id, id)))
    .returning();
  work.emit({ type: 'conversation.updated', subjectId: id, data: { changes, isDrill: c.isDrill } });
  if (changes.assigneeId || changes.teamId) {
    work.emit({ type: 'conversation.assigned', subjectId: id, data: { assigneeId: row!.assigneeId, teamId: row!.teamId, previousAssigneeId: c.assigneeId } });
  }
  return row!;
};
