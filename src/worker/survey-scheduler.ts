import type { Database } from '../platform/db/index.ts';
import type { EventBus } from '../platform/events/index.ts';
import type { Clock } from '../platform/clock/index.ts';
import type { Logger } from '../platform/logger/index.ts';
import { connectorFor as registryConnectorFor, type Connector } from '../modules/channels/index.ts';
import { runSurveySchedule } from '../modules/surveys/index.ts';

export interface SurveySchedulerDeps {
  db: Database;
  bus: EventBus;
  clock: Clock;
  log: Logger;
  publicUrl: string;
  connectorFor?: (kind: string) => Connector | null;
}

/** A conversation became resolved: its check-in may become due (after the workspace's delay). */
const isResolution = (e: { type: string; data: Record<string, unknown> }): boolean => {
  if (e.type !== 'conversation.updated') return false;
  const status = (e.data.changes as { status?: { to?: unknown } } | undefined)?.status;
  return status?.to === 'resolved' || status?.to === 'closed';
};

/**
 * Sends check-ins when they are due: `afterResolution` surveys `delayMinutes` after a conversation
 * is resolved, and the scheduled ones every `everyDays` (modules/surveys decides what is due, from
 * the tables). A resolution event arms a timer for the end of its delay so the survey leaves on
 * time; a slow tick (every minute) catches the rest — resolutions in other processes, restarts,
 * schedules. `runOnce` is what tests drive with a FakeClock.
 */
export class SurveyScheduler {
  private timer: NodeJS.Timeout | null = null;
  private readonly timers = new Set<NodeJS.Timeout>();
  private unsubscribe: () => void = () => {};
  private running: Promise<number> | null = null;

  constructor(
    private readonly deps: SurveySchedulerDeps,
    private readonly opts: { everyMs?: number } = {},
  ) {}

  /** One pass; overlapping calls share the pass in flight. */
  runOnce(): Promise<number> {
    this.running ??= runSurveySchedule(
      { db: this.deps.db, bus: this.deps.bus, log: this.deps.log },
      { publicUrl: this.deps.publicUrl, connectorFor: this.deps.connectorFor ?? registryConnectorFor },
      this.deps.clock.now(),
    ).finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private tick(): void {
    this.runOnce().catch((err) => this.deps.log.error({ err }, 'survey scheduler failed'));
  }

  start(): void {
    this.stop();
    this.timer = setInterval(() => this.tick(), this.opts.everyMs ?? 60_000);
    this.timer.unref();
    this.unsubscribe = this.deps.bus.subscribeAll((_ws, events) => {
      if (!events.some(isResolution)) return;
      // The delay is per workspace; the longest sensible wait is the next tick anyway, so look
      // again shortly after the event (delay 0) and let the tick catch later ones.
      const t = setTimeout(() => {
        this.timers.delete(t);
        this.tick();
      }, 1_000);
      t.unref();
      this.timers.add(t);
    });
  }

  stop(): void {
    this.unsubscribe();
    this.unsubscribe = () => {};
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
  }
}
