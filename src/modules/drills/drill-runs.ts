import { randomUUID } from 'node:crypto';
import { and, desc, eq, schema, sql, type Database, type Tx } from '../../platform/db/index.ts';
import type { SecretBox } from '../../platform/crypto/index.ts';
import { AppError } from '../../platform/errors/index.ts';
import type { DomainEvent } from '../../platform/events/index.ts';
import { createChannel } from '../channels/index.ts';
import type { DrillChannelKind, DrillList, DrillReport, DrillRunView, Scenario } from '../../contracts/drills.ts';
import { expandTimeline, timelineLengthMs } from './expand-timeline.ts';
import { loadDrillFacts } from './report-facts.ts';
import { drillHistory, scoreDrill } from './score.ts';
import { rowsOf } from './sql.ts';

/**
 * Drill runs: starting one (one at a time per workspace, on per-workspace DRILL channels that
 * never send), their timing, progress, finishing with a scored report, cancelling, listing.
 */

/** What drill_runs.scenario holds: the parsed scenario as it was when the drill started, and how it is played. */
export interface DrillRecord {
  key: string | null;
  speed: number;
  scenario: Scenario;
}

export type DrillRunRow = typeof schema.drillRuns.$inferSelect;

/** After the timeline and the longest expectation window, how long a drill waits before it scores itself. */
export const GRACE_MS = 5 * 60_000;
const MINUTE = 60_000;

export const recordOf = (run: DrillRunRow): DrillRecord => run.scenario as unknown as DrillRecord;

export const drillTiming = (run: DrillRunRow) => {
  const record = recordOf(run);
  const items = expandTimeline(record.scenario, run.id);
  const start = run.startedAt.getTime();
  const timelineEndsAt = new Date(start + timelineLengthMs(items) / record.speed);
  const e = record.scenario.expected;
  const longestWindow = Math.max(e.detectWithinMinutes ?? 0, e.acknowledgeWithinMinutes ?? 0, e.publicStatementWithinMinutes ?? 0) * MINUTE;
  const autoFinishAt = new Date(Math.max(timelineEndsAt.getTime(), start + longestWindow) + GRACE_MS);
  return { items, timelineEndsAt, autoFinishAt, speed: record.speed };
};

export const DRILL_CHANNEL_NAMES: Record<DrillChannelKind, string> = { bluesky: 'Bluesky', x: 'X', mastodon: 'Mastodon', email: 'Email', webchat: 'Web chat' };

/**
 * The workspace's DRILL channel of each kind, created the first time: the real connector kind (so
 * replies, limits and the console look as they would), no credentials, paused so the runtime never
 * polls it, and `config.drill` so everyone can tell. The outbox refuses drill messages anyway.
 */
export const ensureDrillChannels = async (tx: Tx, box: SecretBox, workspaceId: string, kinds: readonly DrillChannelKind[]): Promise<Map<DrillChannelKind, string>> => {
  // Two processes playing the same drill must not each create a channel of a kind: the raw store is
  // idempotent per channel, so a second channel would store every mention twice.
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`drill-channels:${workspaceId}`}))`);
  const existing = await tx
    .select({ id: schema.channels.id, kind: schema.channels.kind })
    .from(schema.channels)
    .where(and(eq(schema.channels.workspaceId, workspaceId), sql`${schema.channels.config}->>'drill' = 'true'`))
    .orderBy(desc(schema.channels.createdAt), desc(schema.channels.id));
  const out = new Map<DrillChannelKind, string>();
  // The oldest of a kind wins (rows come newest first), so every process picks the same one.
  for (const c of existing) out.set(c.kind as DrillChannelKind, c.id);
  for (const kind of kinds) {
    if (out.has(kind)) continue;
    const row = await createChannel(tx, box, workspaceId, { kind, name: `DRILL · ${DRILL_CHANNEL_NAMES[kind]}`, config: { drill: true } });
    await tx.update(schema.channels).set({ status: 'paused' }).where(eq(schema.channels.id, row.id));
    out.set(kind, row.id);
  }
  return out;
};

export interface StartDrillInput {
  scenario: Scenario;
  key: string | null;
  speed: number;
  startedBy: string | null;
}

export const startDrill = async (tx: Tx, box: SecretBox, workspaceId: string, input: StartDrillInput, now: Date): Promise<{ run: DrillRunRow; events: DomainEvent[] }> => {
  // One drill at a time: its incident and report are found by the workspace's running drill.
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`drill:${workspaceId}`}))`);
  const [running] = await tx
    .select({ id: schema.drillRuns.id })
    .from(schema.drillRuns)
    .where(and(eq(schema.drillRuns.workspaceId, workspaceId), eq(schema.drillRuns.status, 'running')));
  if (running) throw new AppError('CONFLICT', 'A drill is already running: finish or cancel it first');
  await ensureDrillChannels(tx, box, workspaceId, input.scenario.channels);
  const record: DrillRecord = { key: input.key, speed: input.speed, scenario: input.scenario };
  const [run] = await tx
    .insert(schema.drillRuns)
    .values({ id: randomUUID(), workspaceId, scenarioName: input.scenario.name, scenario: record as never, status: 'running', startedBy: input.startedBy, startedAt: now })
    .returning();
  const events = [{ type: 'drill.started', subjectId: run!.id, data: { drillRunId: run!.id, scenarioName: run!.scenarioName, speed: input.speed, isDrill: true } }];
  return { run: run!, events };
};

export const getDrillRun = async (tx: Tx, workspaceId: string, id: string): Promise<DrillRunRow> => {
  const [run] = await tx.select().from(schema.drillRuns).where(and(eq(schema.drillRuns.workspaceId, workspaceId), eq(schema.drillRuns.id, id)));
  if (!run) throw new AppError('NOT_FOUND', 'Drill not found');
  return run;
};

export const computeReport = async (tx: Tx, workspaceId: string, run: DrillRunRow, now: Date): Promise<DrillReport> =>
  scoreDrill(recordOf(run).scenario.expected, await loadDrillFacts(tx, workspaceId, run, now), now);

/** Ends a running drill: "finished" scores it and stores the report; "cancelled" stores none. */
export const endDrill = async (tx: Tx, workspaceId: string, id: string, how: 'finished' | 'cancelled', now: Date): Promise<{ run: DrillRunRow; events: DomainEvent[] }> => {
  const current = await getDrillRun(tx, workspaceId, id);
  if (current.status !== 'running') throw new AppError('CONFLICT', `The drill is already ${current.status}`);
  const report = how === 'finished' ? await computeReport(tx, workspaceId, { ...current, finishedAt: now }, now) : null;
  const [run] = await tx
    .update(schema.drillRuns)
    .set({ status: how, finishedAt: now, report: report as never })
    .where(and(eq(schema.drillRuns.id, id), eq(schema.drillRuns.status, 'running')))
    .returning();
  if (!run) throw new AppError('CONFLICT', 'The drill ended meanwhile');
  return { run, events: [{ type: `drill.${how}`, subjectId: id, data: { drillRunId: id, score: report?.score ?? null, isDrill: true } }] };
};

const injectedCounts = async (tx: Tx, workspaceId: string, ids: string[]): Promise<Map<string, number>> => {
  if (!ids.length) return new Map();
  const rows = await rowsOf<{ run: string; n: number }>(
    tx,
    sql`select split_part(external_id, ':', 2) as run, count(*)::int as n from raw_items
        where workspace_id = ${workspaceId} and is_drill and external_id like 'drill:%'
          and split_part(external_id, ':', 2) in (${sql.join(ids.map((i) => sql`${i}`), sql`, `)})
        group by 1`,
  );
  return new Map(rows.map((r) => [r.run, Number(r.n)]));
};

export const toDrillView = async (tx: Tx, workspaceId: string, run: DrillRunRow, now: Date, injected?: number): Promise<DrillRunView> => {
  const t = drillTiming(run);
  const record = recordOf(run);
  // A running drill shows its score so far; a finished one its stored report.
  const report = run.status === 'running' ? await computeReport(tx, workspaceId, run, now) : ((run.report as DrillReport | null) ?? null);
  return {
    id: run.id,
    scenarioName: run.scenarioName,
    scenarioKey: record.key,
    status: run.status,
    speed: record.speed,
    startedBy: run.startedBy,
    startedAt: run.startedAt.toISOString(),
    finishedAt: run.finishedAt?.toISOString() ?? null,
    injected: injected ?? (await injectedCounts(tx, workspaceId, [run.id])).get(run.id) ?? 0,
    total: t.items.length,
    timelineEndsAt: t.timelineEndsAt.toISOString(),
    autoFinishAt: t.autoFinishAt.toISOString(),
    expected: record.scenario.expected,
    report,
  };
};

export const listDrills = async (tx: Tx, workspaceId: string, now: Date, opts: { status?: 'running' | 'finished' | 'cancelled' } = {}): Promise<DrillList> => {
  const runs = await tx
    .select()
    .from(schema.drillRuns)
    .where(and(eq(schema.drillRuns.workspaceId, workspaceId), opts.status ? eq(schema.drillRuns.status, opts.status) : undefined))
    .orderBy(desc(schema.drillRuns.startedAt))
    .limit(100);
  const counts = await injectedCounts(tx, workspaceId, runs.map((r) => r.id));
  const views: DrillRunView[] = [];
  for (const r of runs) views.push(await toDrillView(tx, workspaceId, r, now, counts.get(r.id) ?? 0));
  const history = drillHistory(
    runs.filter((r) => r.status === 'finished').map((r) => ({ id: r.id, scenarioName: r.scenarioName, startedAt: r.startedAt, score: (r.report as DrillReport | null)?.score ?? null })),
  );
  return { runs: views, history };
};

/** Running drills of every workspace, for the runner (a system query: the work crosses workspaces). */
export const runningDrills = (db: Database): Promise<DrillRunRow[]> =>
  db.system((tx) => tx.select().from(schema.drillRuns).where(eq(schema.drillRuns.status, 'running')));
