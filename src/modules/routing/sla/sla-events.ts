/**
 * What an SLA scheduler must emit and when to look again.
 *
 * The scheduler loads the running clocks (e.g. those whose `warnAt`/`dueAt` is before the next
 * tick), calls `nextSlaEvents`, publishes the events, then stores `markSlaEventsEmitted`'s clocks
 * so each event goes out once, and sleeps until `nextCheckAt` (or until a conversation changes).
 * Paused and stopped clocks emit nothing. A clock already past due when first seen emits only
 * `sla.breached` (a warning would be stale) and counts as warned.
 */
import type { SlaClock } from './sla-clocks.ts';
import type { SlaMetric } from './sla-policy.ts';
import { toEpochMs, type InstantInput } from './zoned-time.ts';

export type SlaEventType = 'sla.warning' | 'sla.breached';

export interface SlaEvent {
  type: SlaEventType;
  conversationId: string;
  metric: SlaMetric;
  policyId: string;
  /** The moment the event became due (the clock's warnAt or dueAt). */
  at: Date;
  dueAt: Date;
}

export interface ConversationClocks {
  conversationId: string;
  clocks: readonly SlaClock[];
}

export interface SlaSchedule {
  /** Events due now, oldest first. */
  events: SlaEvent[];
  /** The earliest future warnAt/dueAt still to emit, or null when nothing is pending. */
  nextCheckAt: Date | null;
}

export const nextSlaEvents = (conversations: Iterable<ConversationClocks>, now: InstantInput): SlaSchedule => {
  const t = toEpochMs(now);
  const events: SlaEvent[] = [];
  let next = Infinity;
  for (const { conversationId, clocks } of conversations) {
    for (const c of clocks) {
      if (c.stoppedAt || c.pausedSince) continue;
      const base = { conversationId, metric: c.metric, policyId: c.policyId, dueAt: c.dueAt };
      const due = c.dueAt.getTime();
      const warn = c.warnAt.getTime();
      if (!c.breachEmittedAt) {
        if (due <= t) events.push({ type: 'sla.breached', at: c.dueAt, ...base });
        else next = Math.min(next, due);
      }
      if (!c.warningEmittedAt && !c.breachEmittedAt && due > t) {
        if (warn <= t) events.push({ type: 'sla.warning', at: c.warnAt, ...base });
        else next = Math.min(next, warn);
      }
    }
  }
  events.sort((a, b) => a.at.getTime() - b.at.getTime());
  return { events, nextCheckAt: Number.isFinite(next) ? new Date(next) : null };
};

/** Records that events went out: returns the conversation's clocks with the emissions stamped. */
export const markSlaEventsEmitted = (conversation: ConversationClocks, events: readonly SlaEvent[], at: InstantInput): SlaClock[] => {
  const when = new Date(toEpochMs(at));
  const mine = events.filter((e) => e.conversationId === conversation.conversationId);
  return conversation.clocks.map((c) => {
    let out = c;
    for (const e of mine) {
      if (e.metric !== c.metric) continue;
      if (e.type === 'sla.warning' && !out.warningEmittedAt) out = { ...out, warningEmittedAt: when };
      if (e.type === 'sla.breached' && !out.breachEmittedAt) out = { ...out, breachEmittedAt: when, warningEmittedAt: out.warningEmittedAt ?? when };
    }
    return out;
  });
};
