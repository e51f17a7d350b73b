/**
 * SLA clocks of one conversation: first response, relief and resolution, each counting business
 * minutes against its policy target. Pure state transitions: every function returns new clocks
 * and the caller stores them (a JSONB column or one row per clock; `reviveSlaClocks` reads the
 * JSON back).
 *
 * Pausing (the conversation waits on the customer) freezes the clock; resuming adds the paused
 * business minutes to `pausedMinutes`, which pushes `warnAt` and `dueAt` later by exactly that.
 */
import { addBusinessMinutes, businessMinutesBetween, type CalendarInput } from './business-calendar.ts';
import { DEFAULT_WARNING_FRACTION, SLA_METRICS, targetFor, type SlaMetric, type SlaPolicy } from './sla-policy.ts';
import { toEpochMs, type InstantInput } from './zoned-time.ts';

export type SlaClockOutcome = 'met' | 'breached' | 'cancelled';
export type SlaClockState = 'ok' | 'warning' | 'breached' | 'met' | 'cancelled';

export interface SlaClock {
  metric: SlaMetric;
  policyId: string;
  /** Business minutes allowed. */
  targetMinutes: number;
  /** Fraction of the target after which the clock is in `warning`. */
  warningFraction: number;
  startedAt: Date;
  /** Business minutes spent paused so far (not counting a pause still running). */
  pausedMinutes: number;
  /** Set while the conversation waits on the customer. */
  pausedSince: Date | null;
  /** When the warning fraction is reached if the clock keeps running (stale while paused). */
  warnAt: Date;
  /** When the target is reached if the clock keeps running (stale while paused). */
  dueAt: Date;
  /** When it stopped: first reply / relief / resolution, or cancellation. */
  stoppedAt: Date | null;
  outcome: SlaClockOutcome | null;
  /** Set by the scheduler (markSlaEventsEmitted) so each event goes out once. */
  warningEmittedAt: Date | null;
  breachEmittedAt: Date | null;
}

/** Conversation statuses, as in the glossary. */
export type ConversationStatus = 'new' | 'open' | 'pending' | 'relieved' | 'resolved' | 'closed';

export type SlaConversationEvent =
  | { type: 'agent_replied'; at: InstantInput }
  | { type: 'status_changed'; from: ConversationStatus; to: ConversationStatus; at: InstantInput };

const withDueTimes = (clock: SlaClock, calendar: CalendarInput): SlaClock => {
  const { targetMinutes: t, pausedMinutes: p } = clock;
  return {
    ...clock,
    warnAt: addBusinessMinutes(calendar, clock.startedAt, t * clock.warningFraction + p),
    dueAt: addBusinessMinutes(calendar, clock.startedAt, t + p),
  };
};

const newClock = (policy: SlaPolicy, metric: SlaMetric, target: number, startedAt: Date, calendar: CalendarInput): SlaClock =>
  withDueTimes(
    {
      metric,
      policyId: policy.id,
      targetMinutes: target,
      warningFraction: policy.warningFraction ?? DEFAULT_WARNING_FRACTION,
      startedAt,
      pausedMinutes: 0,
      pausedSince: null,
      warnAt: startedAt,
      dueAt: startedAt,
      stoppedAt: null,
      outcome: null,
      warningEmittedAt: null,
      breachEmittedAt: null,
    },
    calendar,
  );

/** One clock per target the policy sets, all starting at `startedAt` (the conversation's first inbound). */
export const startSlaClocks = (policy: SlaPolicy, calendar: CalendarInput, startedAt: InstantInput): SlaClock[] => {
  const start = new Date(toEpochMs(startedAt));
  return SLA_METRICS.flatMap((metric) => {
    const target = targetFor(policy.targets, metric);
    return target === null ? [] : [newClock(policy, metric, target, start, calendar)];
  });
};

const isRunning = (c: SlaClock): boolean => c.stoppedAt === null;

/** Freezes every running clock (the conversation now waits on the customer). */
export const pauseSlaClocks = (clocks: readonly SlaClock[], at: InstantInput): SlaClock[] => {
  const when = new Date(toEpochMs(at));
  return clocks.map((c) => (isRunning(c) && !c.pausedSince ? { ...c, pausedSince: when } : c));
};

const resumeClock = (c: SlaClock, calendar: CalendarInput, at: number): SlaClock => {
  if (!c.pausedSince) return c;
  const paused = Math.max(0, businessMinutesBetween(calendar, c.pausedSince, at));
  return withDueTimes({ ...c, pausedSince: null, pausedMinutes: c.pausedMinutes + paused }, calendar);
};

/** Restarts paused clocks; their due times move later by the business time spent paused. */
export const resumeSlaClocks = (clocks: readonly SlaClock[], calendar: CalendarInput, at: InstantInput): SlaClock[] => {
  const ms = toEpochMs(at);
  return clocks.map((c) => resumeClock(c, calendar, ms));
};

const stopClock = (c: SlaClock, calendar: CalendarInput, at: number, how: 'met' | 'cancelled'): SlaClock => {
  if (!isRunning(c)) return c;
  const resumed = resumeClock(c, calendar, at);
  const outcome: SlaClockOutcome = how === 'cancelled' ? 'cancelled' : at <= resumed.dueAt.getTime() ? 'met' : 'breached';
  return { ...resumed, stoppedAt: new Date(at), outcome };
};

/**
 * Stops one metric's clock: `met` (or `breached` when it stops after its due time), or
 * `cancelled` when the target no longer applies (closed without needing a reply).
 */
export const stopSlaClock = (
  clocks: readonly SlaClock[],
  calendar: CalendarInput,
  metric: SlaMetric,
  at: InstantInput,
  how: 'met' | 'cancelled' = 'met',
): SlaClock[] => {
  const ms = toEpochMs(at);
  return clocks.map((c) => (c.metric === metric ? stopClock(c, calendar, ms, how) : c));
};

/** Restarts a stopped clock (a reopened conversation); the time it was stopped counts as paused. */
export const reopenSlaClock = (clocks: readonly SlaClock[], calendar: CalendarInput, metric: SlaMetric, at: InstantInput): SlaClock[] => {
  const ms = toEpochMs(at);
  return clocks.map((c) => {
    if (c.metric !== metric || !c.stoppedAt || c.outcome === 'cancelled') return c;
    const stoppedFor = Math.max(0, businessMinutesBetween(calendar, c.stoppedAt, ms));
    return withDueTimes({ ...c, stoppedAt: null, outcome: null, pausedSince: null, pausedMinutes: c.pausedMinutes + stoppedFor }, calendar);
  });
};

const isDone = (s: ConversationStatus): boolean => s === 'resolved' || s === 'closed';

/**
 * What a conversation event does to its clocks:
 * - an agent's first reply meets the first-response clock;
 * - `pending` pauses every running clock, leaving `pending` resumes them;
 * - `relieved` meets the relief clock;
 * - `resolved` / `closed` meets relief and resolution and cancels a first response never given
 *   (the conversation needed none);
 * - reopening (`resolved`/`closed` → anything else) restarts the resolution clock only: relief,
 *   once given, is not taken back.
 */
export const applySlaEvent = (clocks: readonly SlaClock[], calendar: CalendarInput, event: SlaConversationEvent): SlaClock[] => {
  const at = toEpochMs(event.at);
  if (event.type === 'agent_replied') return stopSlaClock(clocks, calendar, 'first_response', at);
  const { from, to } = event;
  if (from === to) return [...clocks];
  let next = [...clocks];
  if (from === 'pending') next = resumeSlaClocks(next, calendar, at);
  if (isDone(from) && !isDone(to)) next = reopenSlaClock(next, calendar, 'resolution', at);
  if (to === 'pending') next = pauseSlaClocks(next, at);
  if (to === 'relieved') next = stopSlaClock(next, calendar, 'relief', at);
  if (isDone(to)) {
    next = stopSlaClock(next, calendar, 'relief', at);
    next = stopSlaClock(next, calendar, 'resolution', at);
    next = stopSlaClock(next, calendar, 'first_response', at, 'cancelled');
  }
  return next;
};

/** The clock's state at `now`; a paused clock is judged at the moment it was paused. */
export const slaClockState = (clock: SlaClock, now: InstantInput): SlaClockState => {
  if (clock.outcome) return clock.outcome;
  const t = clock.pausedSince ? clock.pausedSince.getTime() : toEpochMs(now);
  if (t >= clock.dueAt.getTime()) return 'breached';
  if (t >= clock.warnAt.getTime()) return 'warning';
  return 'ok';
};

export interface SlaClockView {
  metric: SlaMetric;
  state: SlaClockState;
  isPaused: boolean;
  dueAt: Date;
  targetMinutes: number;
  /** Business minutes counted so far (paused time excluded). */
  elapsedMinutes: number;
  /** Business minutes left before the due time; negative once breached. */
  remainingMinutes: number;
}

/** What the console shows for a clock. */
export const describeSlaClock = (clock: SlaClock, calendar: CalendarInput, now: InstantInput): SlaClockView => {
  const until = clock.stoppedAt ?? clock.pausedSince ?? new Date(toEpochMs(now));
  const elapsed = Math.max(0, businessMinutesBetween(calendar, clock.startedAt, until) - clock.pausedMinutes);
  return {
    metric: clock.metric,
    state: slaClockState(clock, now),
    isPaused: clock.pausedSince !== null,
    dueAt: clock.dueAt,
    targetMinutes: clock.targetMinutes,
    elapsedMinutes: elapsed,
    remainingMinutes: clock.targetMinutes - elapsed,
  };
};

/**
 * Applies a different policy (the priority or tier changed): running clocks keep their start and
 * paused time and take the new target; metrics the new policy adds start from the conversation's
 * start; running clocks for metrics it drops are cancelled. Stopped clocks are history and stay.
 */
export const retargetSlaClocks = (clocks: readonly SlaClock[], policy: SlaPolicy, calendar: CalendarInput, at: InstantInput): SlaClock[] => {
  const now = toEpochMs(at);
  const start = clocks.length ? new Date(Math.min(...clocks.map((c) => c.startedAt.getTime()))) : new Date(now);
  return SLA_METRICS.flatMap((metric): SlaClock[] => {
    const existing = clocks.find((c) => c.metric === metric);
    const target = targetFor(policy.targets, metric);
    if (!existing) return target === null ? [] : [newClock(policy, metric, target, start, calendar)];
    if (!isRunning(existing)) return [existing];
    if (target === null) return [stopClock(existing, calendar, now, 'cancelled')];
    const warningFraction = policy.warningFraction ?? DEFAULT_WARNING_FRACTION;
    return [withDueTimes({ ...existing, policyId: policy.id, targetMinutes: target, warningFraction }, calendar)];
  });
};

const DATE_KEYS = ['startedAt', 'pausedSince', 'warnAt', 'dueAt', 'stoppedAt', 'warningEmittedAt', 'breachEmittedAt'] as const;

/** Reads clocks back from JSON (dates arrive as ISO strings). */
export const reviveSlaClocks = (json: unknown): SlaClock[] => {
  if (!Array.isArray(json)) throw new TypeError('SLA clocks must be an array');
  return json.map((raw: Record<string, unknown>) => {
    const clock = { ...raw } as Record<string, unknown>;
    for (const key of DATE_KEYS) {
      const v = clock[key];
      clock[key] = v === null || v === undefined ? null : new Date(toEpochMs(v as InstantInput));
    }
    return clock as unknown as SlaClock;
  });
};
