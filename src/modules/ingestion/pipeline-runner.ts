import { enterWorkspace, sql, type Database, type Tx } from '../../platform/db/index.ts';
import { recordEvents, type EventBus, type StoredEvent } from '../../platform/events/index.ts';
import type { Clock } from '../../platform/clock/index.ts';
import type { Logger } from '../../platform/logger/index.ts';
import { createWorkLoop, type WorkLoop } from '../../platform/loop/index.ts';
import { processBatch, type RawRow } from './process-batch.ts';
import { beginStep, timed, timingBackend } from './stage-timings.ts';
import type { PipelineStages } from './stages.ts';
import { fromStored, type StoredItem } from './normalize.ts';

export interface RunnerOptions {
  batchSize?: number;
  idleMs?: number;
  /**
   * Batches in flight (default 2 on PostgreSQL, 1 on PGlite). With 2, the next batch is claimed
   * and prepared (payloads parsed, the text models run) while the previous one is being written:
   * Node and the database server work at the same time, on two connections. The stages that read
   * what earlier mentions wrote still run one batch at a time, in claim order, each after the
   * previous batch committed, so threading sees every earlier mention. PGlite has one connection
   * and runs in this thread: there is nothing to overlap.
   */
  concurrency?: number;
}

/** Items per slice of `prepare` (~2 ms of text models): short enough not to hold up the batch being written. */
const PREPARE_SLICE = 50;

/** Turns taken in order: `ready` resolves when every earlier turn is `done`. */
interface Turn {
  ready: Promise<void>;
  done: () => void;
}
const createSequencer = (): (() => Turn) => {
  let tail = Promise.resolve();
  return () => {
    let done!: () => void;
    const ready = tail;
    tail = new Promise<void>((resolve) => (done = resolve));
    return { ready, done };
  };
};

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
  private readonly loops: WorkLoop[];
  private readonly batchSize: number;
  private readonly concurrency: number;
  private readonly listeners = new Set<(b: BatchDone) => void>();
  /** Claims happen one at a time, so batches are claimed in queue order… */
  private readonly claimTurn = createSequencer();
  /** …and written in the order they were claimed, one at a time. */
  private readonly writeTurn = createSequencer();

  constructor(
    private readonly db: Database,
    private readonly stages: PipelineStages,
    private readonly bus: EventBus,
    private readonly clock: Clock,
    private readonly log: Logger,
    opts: RunnerOptions = {},
  ) {
    this.batchSize = opts.batchSize ?? 1000;
    this.concurrency = Math.max(1, opts.concurrency ?? (db.kind === 'postgres' ? 2 : 1));
    this.loops = Array.from({ length: this.concurrency }, () =>
      createWorkLoop(() => this.runOnce(), { idleMs: opts.idleMs ?? 250, onError: (err) => this.log.error({ err }, 'pipeline loop error') }));
  }

  /** Called after every committed batch (benchmarks and tests watch progress with it). */
  onBatch(fn: (b: BatchDone) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  /**
   * Claims and processes one batch. Returns how many raw items it took (0 when there was nothing).
   * Safe to call from several loops at once: see `concurrency`.
   */
  async runOnce(): Promise<number> {
    let endCommit = (): void => {};
    let write: Turn | null = null;
    // Taken before the transaction: a caller waiting for its claim turn holds no connection.
    const claimTurn = this.claimTurn();
    try {
      await claimTurn.ready;
      const done = await this.db.system(async (tx) => {
        const pid = await timingBackend(tx);
        let rows: (RawRow & { workspaceId: string })[];
        try {
          const claimed = beginStep('claim', pid);
          rows = await this.claim(tx as never);
          if (!rows.length) return null;
          claimed();
          // Turns are taken with the connection held, in claim order: a turn's holder is always
          // inside its transaction and needs nothing more to finish (PGlite has one connection).
          write = this.writeTurn();
        } finally {
          claimTurn.done();
        }
        const workspaceId = rows[0]!.workspaceId;
        // Ahead of its turn: what needs nothing but the items themselves.
        const prepared = await this.prepare(rows);
        await write!.ready;
        // The raw items are already durable, and a batch lost with the server is re-run from them
        // (it commits with their done marks, all or nothing), so this commit need not wait for
        // the disk. Anything that acts on the batch outside the database (the outbox sending an
        // acknowledgement) first commits its own state synchronously, which flushes this one too.
        if (this.db.kind === 'postgres') await tx.execute(sql`select set_config('synchronous_commit', 'off', true)`);
        await enterWorkspace(tx, workspaceId);
        const out = await this.processRows(tx, workspaceId, rows, prepared, pid);
        endCommit = beginStep('commit', pid);
        return out;
      }).finally(() => (write as Turn | null)?.done());
      endCommit();
      if (!done) return 0;
      this.finish(done);
      return done.processed;
    } finally {
      claimTurn.done();
    }
  }

  /**
   * The stages for the claimed rows, in a savepoint: if the batch fails, it is rolled back to
   * there and its items go again one by one, each in its own savepoint, so one bad item is marked
   * failed with its reason and the others go through — all while the batch's claim still holds
   * its rows (no other loop takes them meanwhile).
   */
  private async processRows(tx: Tx, workspaceId: string, rows: RawRow[], prepared: Map<number, unknown> | undefined, pid: number | null): Promise<BatchDone> {
    const run = (part: RawRow[]) =>
      tx.transaction(async (sp) => {
        const result = await processBatch(sp as unknown as Tx, workspaceId, part, this.stages, this.clock.now(), prepared);
        const events = await timed('events', pid, () => recordEvents(sp as unknown as Tx, workspaceId, result.events));
        return { result, events };
      });
    const done: BatchDone = { workspaceId, processed: rows.length, stored: 0, ignored: 0, failed: 0, events: [], externalIds: rows.map((r) => r.externalId) };
    const add = ({ result, events }: Awaited<ReturnType<typeof run>>) => {
      done.stored += result.stored;
      done.ignored += result.ignored;
      done.events.push(...events);
    };
    try {
      add(await run(rows));
      return done;
    } catch (err) {
      if (rows.length === 1) return this.markFailed(tx, rows[0]!, err, done);
      this.log.warn({ err, items: rows.length }, 'pipeline batch failed; retrying its items one by one');
    }
    for (const row of rows) {
      try {
        add(await run([row]));
      } catch (err) {
        await this.markFailed(tx, row, err, done);
      }
    }
    return done;
  }

  private async markFailed(tx: Tx, row: RawRow, err: unknown, done: BatchDone): Promise<BatchDone> {
    const reason = (err as Error).message?.slice(0, 500) || 'unknown error';
    this.log.error({ err, rawItemId: row.id }, 'pipeline item failed');
    await tx.execute(sql`update raw_items set status = 'failed', error = ${reason}, attempts = attempts + 1 where id = ${row.id}`);
    done.failed++;
    return done;
  }

  /**
   * The stages' item-only work for a claimed batch, by raw row id. In slices, yielding between
   * them: the batch being written shares this thread, and each of its statements should go out as
   * soon as the previous one answers rather than after the whole of this batch's text models.
   */
  private async prepare(rows: RawRow[]): Promise<Map<number, unknown> | undefined> {
    const prepare = this.stages.prepare;
    if (!prepare) return undefined;
    const out = new Map<number, unknown>();
    for (let i = 0; i < rows.length; i += PREPARE_SLICE) {
      if (i) await new Promise<void>((resolve) => setImmediate(resolve));
      const part = rows.slice(i, i + PREPARE_SLICE);
      // Timed slice by slice (benchmarks): between slices this thread does the other batch's work.
      const end = beginStep('prepare', null);
      const results = prepare(part.map((r) => fromStored(r.payload)));
      end();
      part.forEach((r, k) => out.set(r.id, results[k]));
    }
    return out;
  }

  private async claim(tx: Tx): Promise<(RawRow & { workspaceId: string })[]> {
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

  private finish(done: BatchDone): void {
    this.bus.committed(done.workspaceId, done.events);
    for (const fn of this.listeners) fn(done);
  }

  /** Processes until the queue is empty (imports, replays, tests), `concurrency` batches in flight. */
  async drain(): Promise<number> {
    let total = 0;
    const one = async (): Promise<void> => {
      for (;;) {
        const n = await this.runOnce();
        if (!n) return;
        total += n;
      }
    };
    await Promise.all(Array.from({ length: this.concurrency }, one));
    // A loop stops at its first empty claim, which may have come while another still held the last
    // rows: one more pass, alone, takes anything committed in the meantime.
    await one();
    return total;
  }

  /** New raw items were committed: process them now rather than at the next idle tick. */
  wake(): void {
    for (const loop of this.loops) loop.wake();
  }

  start(): void {
    for (const loop of this.loops) loop.start();
  }

  async stop(): Promise<void> {
    await Promise.all(this.loops.map((loop) => loop.stop()));
  }
}
