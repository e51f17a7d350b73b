import { enterWorkspace, sql, type Database } from '../../platform/db/index.ts';
import { recordEvents, type EventBus, type StoredEvent } from '../../platform/events/index.ts';
import type { Clock } from '../../platform/clock/index.ts';
import type { Logger } from '../../platform/logger/index.ts';
import { createWorkLoop, type WorkLoop } from '../../platform/loop/index.ts';
import { processBatch, type RawRow } from './process-batch.ts';
import { beginStep, timed, timingBackend } from './stage-timings.ts';
import type { PipelineStages } from './stages.ts';
import type { StoredItem } from './normalize.ts';

export interface RunnerOptions {
  batchSize?: number;
  idleMs?: number;
}

export interface BatchDone {
  workspaceId: string;
  processed: number;
  stored: number;
  ignored: number;
  failed: number;
  events: StoredEvent[];
  /** External ids of the raw items the batch took (benchmarks measure receipt → notify with them). */
  externalIds: string[];
}

/**
 * Feeds the stages from the queue in PostgreSQL: claims a batch of pending raw items of one
 * workspace with FOR UPDATE SKIP LOCKED (several workers never take the same rows), runs
 * `processBatch` and records its events in the same transaction, then wakes the event bus.
 * A batch that fails is retried item by item, so one bad item is marked failed with its reason
 * and the others go through. Memory is bounded by the batch size, whatever the backlog.
 */
export class PipelineRunner {
  private readonly loop: WorkLoop;
  private readonly batchSize: number;
  private readonly listeners = new Set<(b: BatchDone) => void>();

  constructor(
    private readonly db: Database,
    private readonly stages: PipelineStages,
    private readonly bus: EventBus,
    private readonly clock: Clock,
    private readonly log: Logger,
    opts: RunnerOptions = {},
  ) {
    this.batchSize = opts.batchSize ?? 500;
    this.loop = createWorkLoop(() => this.runOnce(), { idleMs: opts.idleMs ?? 250, onError: (err) => this.log.error({ err }, 'pipeline loop error') });
  }

  /** Called after every committed batch (benchmarks and tests watch progress with it). */
  onBatch(fn: (b: BatchDone) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  /** Claims and processes one batch. Returns how many raw items it took (0 when there was nothing). */
  async runOnce(): Promise<number> {
    let claimedIds: number[] = [];
    let endCommit = (): void => {};
    try {
      const done = await this.db.system(async (tx) => {
        const pid = await timingBackend(tx);
        const claimed = beginStep('claim', pid);
        const rows = await this.claim(tx as never);
        if (!rows.length) return null;
        claimed();
        claimedIds = rows.map((r) => r.id);
        const workspaceId = (rows[0] as RawRow & { workspaceId: string }).workspaceId;
        await enterWorkspace(tx, workspaceId);
        const result = await processBatch(tx, workspaceId, rows, this.stages, this.clock.now());
        const events = await timed('events', pid, () => recordEvents(tx, workspaceId, result.events));
        endCommit = beginStep('commit', pid);
        return { workspaceId, processed: rows.length, stored: result.stored, ignored: result.ignored, failed: 0, events, externalIds: rows.map((r) => r.externalId) };
      });
      endCommit();
      if (!done) return 0;
      this.finish(done);
      return done.processed;
    } catch (err) {
      if (!claimedIds.length) throw err;
      this.log.warn({ err, items: claimedIds.length }, 'pipeline batch failed; retrying its items one by one');
      for (const id of claimedIds) await this.runSingle(id);
      return claimedIds.length;
    }
  }

  private async claim(tx: Parameters<Parameters<Database['system']>[0]>[0]): Promise<(RawRow & { workspaceId: string })[]> {
    const first = (await tx.execute(sql`select workspace_id from raw_items where status = 'pending' order by id limit 1 for update skip locked`)) as unknown as { rows: { workspace_id: string }[] };
    const ws = first.rows[0]?.workspace_id;
    if (!ws) return [];
    const res = (await tx.execute(sql`
      select id, workspace_id, channel_id, external_id, payload, received_at, is_drill, attempts from raw_items
      where status = 'pending' and workspace_id = ${ws} order by id limit ${this.batchSize} for update skip locked`)) as unknown as {
      rows: { id: number | string; workspace_id: string; channel_id: string; external_id: string; payload: StoredItem | string; received_at: Date | string; is_drill: boolean; attempts: number }[];
    };
    return res.rows.map((r) => ({
      id: Number(r.id),
      workspaceId: r.workspace_id,
      channelId: r.channel_id,
      externalId: r.external_id,
      payload: typeof r.payload === 'string' ? (JSON.parse(r.payload) as StoredItem) : r.payload,
      receivedAt: new Date(r.received_at),
      isDrill: r.is_drill,
      attempts: Number(r.attempts),
    }));
  }

  private async runSingle(id: number): Promise<void> {
    try {
      const done = await this.db.system(async (tx) => {
        const res = (await tx.execute(sql`
          select id, workspace_id, channel_id, external_id, payload, received_at, is_drill, attempts from raw_items
          where id = ${id} and status = 'pending' for update skip locked`)) as unknown as { rows: Record<string, unknown>[] };
        const r = res.rows[0];
        if (!r) return null;
        const row: RawRow = {
          id: Number(r.id),
          channelId: String(r.channel_id),
          externalId: String(r.external_id),
          payload: (typeof r.payload === 'string' ? JSON.parse(r.payload) : r.payload) as StoredItem,
          receivedAt: new Date(r.received_at as string),
          isDrill: Boolean(r.is_drill),
          attempts: Number(r.attempts),
        };
        const workspaceId = String(r.workspace_id);
        await enterWorkspace(tx, workspaceId);
        const result = await processBatch(tx, workspaceId, [row], this.stages, this.clock.now());
        const events = await recordEvents(tx, workspaceId, result.events);
        return { workspaceId, processed: 1, stored: result.stored, ignored: result.ignored, failed: 0, events, externalIds: [row.externalId] };
      });
      if (done) this.finish(done);
    } catch (err) {
      const reason = (err as Error).message?.slice(0, 500) ?? 'unknown error';
      this.log.error({ err, rawItemId: id }, 'pipeline item failed');
      const marked = (await this.db.system((tx) =>
        tx.execute(sql`update raw_items set status = 'failed', error = ${reason}, attempts = attempts + 1 where id = ${id} returning workspace_id, external_id`),
      )) as unknown as { rows: { workspace_id: string; external_id: string }[] };
      // Watchers count it too: an item that failed is done with (a benchmark waiting for every item would wait forever).
      const m = marked.rows[0];
      if (m) for (const fn of this.listeners) fn({ workspaceId: m.workspace_id, processed: 1, stored: 0, ignored: 0, failed: 1, events: [], externalIds: [m.external_id] });
    }
  }

  private finish(done: BatchDone): void {
    this.bus.committed(done.workspaceId, done.events);
    for (const fn of this.listeners) fn(done);
  }

  /** Processes until the queue is empty (imports, replays, tests). */
  async drain(): Promise<number> {
    let total = 0;
    for (;;) {
      const n = await this.runOnce();
      if (!n) return total;
      total += n;
    }
  }

  /** New raw items were committed: process them now rather than at the next idle tick. */
  wake(): void {
    this.loop.wake();
  }

  start(): void {
    this.loop.start();
  }

  stop(): Promise<void> {
    return this.loop.stop();
  }
}
