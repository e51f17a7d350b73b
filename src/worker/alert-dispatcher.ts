import { sql } from '../platform/db/index.ts';
import { createWorkLoop, type WorkLoop } from '../platform/loop/index.ts';
import type { Logger } from '../platform/logger/index.ts';
import { alertDepsFrom, claimDueDeliveries, escalateDue, planIncidentAlerts, sendClaimed, type AlertDeps } from '../modules/alerts/index.ts';
import type { AppContext } from '../server/context.ts';

export interface AlertDispatcherOptions {
  batchSize?: number;
  /** How often to look for due work when nothing woke it (backoffs, escalation deadlines, other processes). */
  idleMs?: number;
  /** Read incident events after this id (tests start at 0); default: those of the last 10 minutes, so a restart catches up. */
  fromEventId?: number;
}

/** Incident events the dispatcher plans alerts from. Status changes need no plan: escalation reads the incident's status. */
const PLAN_ON: Record<string, 'opened' | 'updated'> = { 'incident.opened': 'opened', 'incident.updated': 'updated' };
const EVENT_BATCH = 200;

/**
 * Sends stakeholder alerts. Each pass: plans alerts for new incident events (read from the `events`
 * table after a cursor, so nothing is missed between wake-ups), escalates incidents nobody
 * acknowledged in time, then claims due alerts (FOR UPDATE SKIP LOCKED) and sends them side by
 * side, outside any transaction: a slow or failing webhook holds up neither the other alerts nor
 * detection, and its failure is retried with backoff and written on the incident's timeline.
 */
export class AlertDispatcher {
  private readonly loop: WorkLoop;
  private unsubscribe: () => void = () => {};
  private cursor: number | null;

  constructor(
    private readonly deps: AlertDeps & { log: Logger },
    private readonly opts: AlertDispatcherOptions = {},
  ) {
    this.cursor = opts.fromEventId ?? null;
    this.loop = createWorkLoop(() => this.runOnce(), { idleMs: opts.idleMs ?? 5_000, onError: (err) => deps.log.error({ err }, 'alert dispatcher loop error') });
  }

  private async startCursor(): Promise<number> {
    const res = await this.deps.db.system((tx) => tx.execute(sql`select coalesce(max(id), 0)::bigint as id from events where created_at < now() - interval '10 minutes'`));
    return Number((res as unknown as { rows: { id: string | number }[] }).rows[0]?.id ?? 0);
  }

  /** Plans alerts for incident events after the cursor; returns how many events it read. */
  async planFromEvents(): Promise<number> {
    this.cursor ??= await this.startCursor();
    const res = await this.deps.db.system((tx) =>
      tx.execute(sql`select id, workspace_id, type, data from events
        where id > ${this.cursor} and type in ('incident.opened', 'incident.updated') order by id limit ${EVENT_BATCH}`),
    );
    const rows = (res as unknown as { rows: { id: string | number; workspace_id: string; type: string; data: Record<string, unknown> | string }[] }).rows;
    for (const e of rows) {
      const data = typeof e.data === 'string' ? (JSON.parse(e.data) as Record<string, unknown>) : e.data;
      const trigger = PLAN_ON[e.type];
      if (trigger && typeof data.incidentId === 'string') {
        try {
          await planIncidentAlerts(this.deps, e.workspace_id, data.incidentId, trigger, Number(e.id));
        } catch (err) {
          // One bad incident must not stop the alerts of every later one.
          this.deps.log.error({ err, workspaceId: e.workspace_id, incidentId: data.incidentId }, 'alert planning failed');
        }
      }
      this.cursor = Number(e.id);
    }
    return rows.length;
  }

  /** One pass; returns how much it did (0: nothing due). */
  async runOnce(): Promise<number> {
    const planned = await this.planFromEvents();
    const escalated = await escalateDue(this.deps);
    const claimed = await claimDueDeliveries(this.deps, this.opts.batchSize ?? 20);
    const outcomes = await Promise.allSettled(claimed.map((c) => sendClaimed(this.deps, c)));
    for (const o of outcomes) if (o.status === 'rejected') this.deps.log.error({ err: o.reason }, 'alert send could not be recorded');
    return planned + escalated + claimed.length;
  }

  /** Runs until nothing is due (tests, and draining at shutdown). */
  async drain(): Promise<number> {
    let total = 0;
    for (;;) {
      const n = await this.runOnce();
      if (!n) return total;
      total += n;
    }
  }

  wake(): void {
    this.loop.wake();
  }

  start(): void {
    this.unsubscribe();
    this.unsubscribe = this.deps.bus.subscribeAll((_ws, events) => {
      if (events.some((e) => e.type in PLAN_ON || e.type === 'incident.status_changed')) this.wake();
    });
    this.loop.start();
  }

  async stop(): Promise<void> {
    this.unsubscribe();
    this.unsubscribe = () => {};
    await this.loop.stop();
  }
}

/** Started by startWorkers; stopped with the other workers. */
export const startAlertDispatcher = (ctx: AppContext): AlertDispatcher => {
  const dispatcher = new AlertDispatcher({ ...alertDepsFrom(ctx), log: ctx.log.child({ module: 'alerts' }) });
  dispatcher.start();
  return dispatcher;
};
