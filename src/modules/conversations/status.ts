import { CONVERSATION_STATUSES, type ConversationStatus } from '../../platform/db/schema/index.ts';

export { CONVERSATION_STATUSES, type ConversationStatus };

/**
 * Where a conversation may go from each status. `new → open → pending → relieved → resolved →
 * closed` is the usual path; a person may skip ahead (answer and resolve at once), step back to
 * open (the customer wrote again, the workaround failed), and reopen what was resolved or closed.
 */
const TRANSITIONS: Record<ConversationStatus, readonly ConversationStatus[]> = {
  new: ['open', 'pending', 'relieved', 'resolved', 'closed'],
  open: ['pending', 'relieved', 'resolved', 'closed'],
  pending: ['open', 'relieved', 'resolved', 'closed'],
  relieved: ['open', 'pending', 'resolved', 'closed'],
  resolved: ['open', 'closed'],
  closed: ['open'],
};

export const canTransition = (from: ConversationStatus, to: ConversationStatus): boolean => from === to || TRANSITIONS[from].includes(to);

export const allowedTransitions = (from: ConversationStatus): readonly ConversationStatus[] => TRANSITIONS[from];

/** The clock fields a status change touches. */
export interface StatusClocks {
  status: ConversationStatus;
  relievedAt: Date | null;
  resolvedAt: Date | null;
  closedAt: Date | null;
  firstResponseDueAt: Date | null;
  reliefDueAt: Date | null;
  resolutionDueAt: Date | null;
  firstResponseAt: Date | null;
  slaPausedAt: Date | null;
  slaPausedSeconds: number;
}

const later = (d: Date | null, ms: number): Date | null => (d && ms > 0 ? new Date(d.getTime() + ms) : d);

/**
 * The fields to write when a conversation moves from `c.status` to `to` at `now`:
 * - relieved / resolved / closed stamp relievedAt / resolvedAt / closedAt (a resolution also
 *   relieves; a close also resolves), and reopening clears resolvedAt and closedAt;
 * - pending pauses the SLA clocks (waiting on the customer); leaving pending resumes them: the
 *   paused time is added to slaPausedSeconds and the deadlines still running move later by it.
 * Pure; the caller checks `canTransition` first.
 */
export const statusChange = (c: StatusClocks, to: ConversationStatus, now: Date): Partial<StatusClocks> => {
  if (c.status === to) return {};
  const out: Partial<StatusClocks> = { status: to };
  if (c.status === 'pending' && c.slaPausedAt) {
    const pausedMs = Math.max(0, now.getTime() - c.slaPausedAt.getTime());
    out.slaPausedAt = null;
    out.slaPausedSeconds = c.slaPausedSeconds + Math.round(pausedMs / 1000);
    if (!c.firstResponseAt) out.firstResponseDueAt = later(c.firstResponseDueAt, pausedMs);
    if (!c.relievedAt) out.reliefDueAt = later(c.reliefDueAt, pausedMs);
    if (!c.resolvedAt) out.resolutionDueAt = later(c.resolutionDueAt, pausedMs);
  }
  if (to === 'pending') out.slaPausedAt = now;
  if (to === 'relieved' || to === 'resolved' || to === 'closed') out.relievedAt = c.relievedAt ?? now;
  if (to === 'resolved' || to === 'closed') out.resolvedAt = c.resolvedAt ?? now;
  if (to === 'closed') out.closedAt = c.closedAt ?? now;
  if (to === 'open' || to === 'pending') {
    if (c.resolvedAt) out.resolvedAt = null;
    if (c.closedAt) out.closedAt = null;
  }
  return out;
};

/** Statuses in which a conversation is still work to do (for "mine", "my team"). */
export const ACTIVE_STATUSES: readonly ConversationStatus[] = ['new', 'open', 'pending', 'relieved'];
/** Statuses in which it waits on us (the needs-response and unassigned queues). */
export const AWAITING_US: readonly ConversationStatus[] = ['new', 'open'];
