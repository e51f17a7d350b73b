import type { Database } from '../platform/db/index.ts';
import { createWorkLoop, type WorkLoop } from '../platform/loop/index.ts';
import { recordEvents, type EventBus } from '../platform/events/index.ts';
import type { Clock } from '../platform/clock/index.ts';
import type { Logger } from '../platform/logger/index.ts';
import type { SecretBox } from '../platform/crypto/index.ts';
import { isAppError } from '../platform/errors/index.ts';
import { drillTiming, endDrill, injectDue, runningDrills } from '../modules/drills/index.ts';

export interface DrillRunnerDeps {
  db: Database;
  bus: EventBus;
  box: SecretBox;
  clock: Clock;
  log: Logger;
  /** Wakes the pipeline after drill mentions were committed to the raw store. */
  wakePipeline: () => void;
}

/**
 * Plays running drills: every tick (and at once when a drill starts) each running drill's due
 * mentions go into the raw store, on the schedule its scenario gives compressed by its speed, read
 * from the injected clock. Progress is kept in memory only: after a restart a drill starts again
 * from its first item, the raw store drops what it already has, and the remaining timeline plays
 * on. When the timeline and its grace period are over, the drill finishes and is scored.
 */
export class DrillRunner {
  private readonly loop: WorkLoop;
  private readonly cursors = new Map<string, number>();
  private unsubscribe: () => void = () => {};

  constructor(
    private readonly deps: DrillRunnerDeps,
    opts: { idleMs?: number } = {},
  ) {
    this.loop = createWorkLoop(async () => {
      await this.tick();
      return 0;
    }, { idleMs: opts.idleMs ?? 1_000, onError: (err) => this.deps.log.error({ err }, 'drill runner error') });
  }

  /** One pass over the running drills; returns how many mentions it added. */
  async tick(): Promise<number> {
    const now = this.deps.clock.now();
    const runs = await runningDrills(this.deps.db);
    const live = new Set(runs.map((r) => r.id));
    for (const id of this.cursors.keys()) if (!live.has(id)) this.cursors.delete(id);
    let total = 0;
    for (const run of runs) {
      const { next, added } = await injectDue(this.deps, run, now, this.cursors.get(run.id) ?? 0);
      this.cursors.set(run.id, next);
      total += added;
      if (now >= drillTiming(run).autoFinishAt) await this.finish(run.workspaceId, run.id, now);
    }
    if (total) this.deps.wakePipeline();
    return total;
  }

  private async finish(workspaceId: string, id: string, now: Date): Promise<void> {
    let stored;
    try {
      stored = await this.deps.db.tenant(workspaceId, async (tx) => recordEvents(tx, workspaceId, (await endDrill(tx, workspaceId, id, 'finished', now)).events));
    } catch (err) {
      // Someone pressed "finish" or "cancel" at the same moment: theirs stands.
      if (isAppError(err) && err.code === 'CONFLICT') return;
      throw err;
    }
    this.deps.bus.committed(workspaceId, stored);
    this.cursors.delete(id);
    this.deps.log.info({ workspaceId, drillRunId: id }, 'drill finished by itself: timeline and grace period over');
  }

  start(): void {
    this.unsubscribe();
    this.unsubscribe = this.deps.bus.subscribeAll((_ws, events) => {
      if (events.some((e) => e.type === 'drill.started')) this.loop.wake();
    });
    this.loop.start();
  }

  async stop(): Promise<void> {
    this.unsubscribe();
    this.unsubscribe = () => {};
    await this.loop.stop();
  }
}
