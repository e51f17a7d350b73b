import { sql, type Database, type Tx } from '../platform/db/index.ts';
import { recordEvents, type EventBus, type StoredEvent } from '../platform/events/index.ts';
import type { Clock } from '../platform/clock/index.ts';
import type { Logger } from '../platform/logger/index.ts';
import { DEFAULT_WARNING_FRACTION, nextSlaEvents, type SlaClock, type SlaEventType, type SlaMetric } from '../modules/routing/index.ts';

/**
 * Every 30 s: emits `sla.warning` when a running SLA clock passes its warning point and
 * `sla.breached` at its due time, once per conversation and metric, each with a `conversation_events`
 * row (the timeline, and the record that it went out) in the same transaction as the event.
 *
 * Which conversations: those with an SLA policy, neither resolved nor closed, not waiting on the
 * customer (`sla_paused_at is null`) and not drills (a drill times the team itself; its
 * synthetic conversations must not page anyone through SLA alerts). Per metric the clock runs
 * while its goal is unmet: no first response yet, not relieved yet, not resolved yet.
 *
 * Cheap with many open conversations: `sla_next_check_at` bookmarks when a conversation next needs
 * a look, and a partial index over running clocks only makes each tick read just the conversations
 * now due (plus, once, those never looked at). The bookmark may only be early, never late: due
 * times only move later (a resume after `pending`), and an early bookmark costs one recheck.
 *
 * Times: the stored due times are already in business hours (the route stage computed them with
 * the policy's calendar) and already moved later by paused time (the conversations module shifts
 * them on resume), so they are used as they are. The warning point is the policy's warning
 * fraction (default 0.75) of the wall-clock span the clock has actually run for, from the
 * conversation's start to its due time minus `sla_paused_seconds`.
 */

const BATCH = 200;

export interface SlaEmission {
  type: SlaEventType;
  workspaceId: string;
  conversationId: string;
  metric: SlaMetric;
  policyId: string;
  dueAt: Date;
}

interface CandidateRow {
  id: string;
  workspace_id: string;
  sla_policy_id: string;
  created_at: Date | string;
  sla_paused_seconds: number;
  warning_fraction: number | string | null;
  first_response_due_at: Date | string | null;
  relief_due_at: Date | string | null;
  resolution_due_at: Date | string | null;
  first_response_at: Date | string | null;
  relieved_at: Date | string | null;
  emitted: string[] | null;
}

const asDate = (v: Date | string | null): Date | null => (v === null ? null : new Date(v));

/** Where the warning falls: `fraction` of the span the clock has run (paused time excluded) before `dueAt`. */
export const slaWarningPoint = (startedAt: Date, dueAt: Date, pausedSeconds: number, fraction: number): Date => {
  const ranFor = Math.max(0, dueAt.getTime() - startedAt.getTime() - pausedSeconds * 1000);
  return new Date(dueAt.getTime() - (1 - fraction) * ranFor);
};

const validFraction = (v: unknown): number => {
  const f = Number(v);
  return v !== null && Number.isFinite(f) && f > 0 && f < 1 ? f : DEFAULT_WARNING_FRACTION;
};

/** The row's clocks in the routing module's shape, so `nextSlaEvents` decides what is due. */
const clocksOf = (r: CandidateRow): SlaClock[] => {
  const startedAt = new Date(r.created_at);
  const fraction = validFraction(r.warning_fraction);
  const emitted = new Set(r.emitted ?? []);
  const metrics: [SlaMetric, Date | null, Date | null][] = [
    ['first_response', asDate(r.first_response_due_at), asDate(r.first_response_at)],
    ['relief', asDate(r.relief_due_at), asDate(r.relieved_at)],
    // Only unresolved, unclosed conversations are read, so the resolution clock is running.
    ['resolution', asDate(r.resolution_due_at), null],
  ];
  return metrics.flatMap(([metric, dueAt, stoppedAt]): SlaClock[] =>
    dueAt === null
      ? []
      : [
          {
            metric,
            policyId: r.sla_policy_id,
            targetMinutes: 0,
            warningFraction: fraction,
            startedAt,
            pausedMinutes: Number(r.sla_paused_seconds) / 60,
            pausedSince: null,
            warnAt: slaWarningPoint(startedAt, dueAt, Number(r.sla_paused_seconds), fraction),
            dueAt,
            stoppedAt,
            outcome: stoppedAt ? 'met' : null,
            // Only whether it went out matters here, not when.
            warningEmittedAt: emitted.has(`sla.warning:${metric}`) ? startedAt : null,
            breachEmittedAt: emitted.has(`sla.breached:${metric}`) ? startedAt : null,
          },
        ],
  );
};

/** One batch in one transaction: claims due conversations (skipping those another process holds), emits, moves bookmarks. */
const checkBatch = async (tx: Tx, now: Date): Promise<{ emissions: SlaEmission[]; stored: Map<string, StoredEvent[]>; claimed: number }> => {
  const nowIso = now.toISOString();
  const res = (await tx.execute(sql`
    select c.id, c.workspace_id, c.sla_policy_id, c.created_at, c.sla_paused_seconds,
      p.definition->>'warningFraction' as warning_fraction,
      c.first_response_due_at, c.relief_due_at, c.resolution_due_at, c.first_response_at, c.relieved_at,
      (select array_agg(distinct e.type || ':' || (e.data->>'metric')) from conversation_events e
        where e.conversation_id = c.id and e.type in ('sla.warning', 'sla.breached')) as emitted
    from conversations c left join sla_policies p on p.id = c.sla_policy_id
    where c.sla_policy_id is not null and c.resolved_at is null and c.closed_at is null and c.sla_paused_at is null and not c.is_drill
      and coalesce(c.sla_next_check_at, '-infinity'::timestamptz) <= ${nowIso}::timestamptz
    order by coalesce(c.sla_next_check_at, '-infinity'::timestamptz)
    limit ${BATCH}
    for update of c skip locked`)) as unknown as { rows: CandidateRow[] };

  const emissions: SlaEmission[] = [];
  const stored = new Map<string, StoredEvent[]>();
  const bookmarks: { id: string; t: string }[] = [];
  for (const r of res.rows) {
    const { events, nextCheckAt } = nextSlaEvents([{ conversationId: r.id, clocks: clocksOf(r) }], now);
    bookmarks.push({ id: r.id, t: nextCheckAt ? nextCheckAt.toISOString() : 'infinity' });
    if (!events.length) continue;
    for (const e of events) {
      const data = { metric: e.metric, dueAt: e.dueAt.toISOString(), policyId: e.policyId };
      await tx.execute(sql`
        insert into conversation_events (workspace_id, conversation_id, type, actor_type, data)
        values (${r.workspace_id}, ${r.id}, ${e.type}, 'system', ${JSON.stringify(data)}::jsonb)`);
      emissions.push({ type: e.type, workspaceId: r.workspace_id, conversationId: r.id, metric: e.metric, policyId: e.policyId, dueAt: e.dueAt });
    }
    const rows = await recordEvents(
      tx,
      r.workspace_id,
      events.map((e) => ({ type: e.type, subjectId: r.id, data: { metric: e.metric, dueAt: e.dueAt.toISOString(), policyId: e.policyId } })),
    );
    stored.set(r.workspace_id, [...(stored.get(r.workspace_id) ?? []), ...rows]);
  }
  if (bookmarks.length) {
    // Bookkeeping only: updated_at stays, so the inbox's order does not move.
    await tx.execute(sql`
      update conversations c set sla_next_check_at = v.t
      from jsonb_to_recordset(${JSON.stringify(bookmarks)}::jsonb) as v(id uuid, t timestamptz)
      where c.id = v.id`);
  }
  return { emissions, stored, claimed: res.rows.length };
};

/** One pass over every workspace; returns what it emitted. Safe to run from several processes at once. */
export const checkSlaClocks = async (db: Database, bus: EventBus, clock: Clock): Promise<SlaEmission[]> => {
  const now = clock.now();
  const all: SlaEmission[] = [];
  for (;;) {
    const { emissions, stored, claimed } = await db.system((tx) => checkBatch(tx, now));
    all.push(...emissions);
    for (const [workspaceId, events] of stored) bus.committed(workspaceId, events);
    if (claimed < BATCH) return all;
  }
};

export const startSlaScheduler = (deps: { db: Database; bus: EventBus; clock: Clock; log: Logger; everyMs?: number }) => {
  let running = false;
  const timer = setInterval(() => {
    // A slow pass (the first one after an upgrade bookmarks every open conversation) must not overlap the next.
    if (running) return;
    running = true;
    checkSlaClocks(deps.db, deps.bus, deps.clock)
      .catch((err) => deps.log.error({ err }, 'SLA check failed'))
      .finally(() => {
        running = false;
      });
  }, deps.everyMs ?? 30_000);
  timer.unref();
  return { stop: () => clearInterval(timer) };
};
