import { sql, type Database } from '../platform/db/index.ts';
import type { Logger } from '../platform/logger/index.ts';

/**
 * Table statistics for the embedded database. PostgreSQL's autovacuum keeps the planner's
 * statistics fresh; PGlite runs no background workers, so without this its planner would cost every
 * query as if the tables were empty and pick scans that are fine at a hundred rows and slow at a
 * million (the inbox's and search's plans depend on them). Every `intervalMs`, if anything happened
 * since the last run (the event log moved), it runs ANALYZE — a sampled read of each table, about a
 * second at a million mentions, during which the single embedded connection waits.
 */
export const ANALYZE_INTERVAL_MS = 10 * 60_000;

export const analyzeIfChanged = async (db: Database, lastEventId: number | null): Promise<number | null> => {
  const res = await db.system((tx) => tx.execute(sql`select coalesce(max(id), 0)::bigint as id from events`));
  const now = Number((res as unknown as { rows: { id: unknown }[] }).rows[0]!.id);
  if (now === lastEventId) return now;
  await db.exec('analyze');
  return now;
};

export const startMaintenance = (deps: { db: Database; log: Logger; intervalMs?: number }): { stop(): void } => {
  if (deps.db.kind !== 'pglite') return { stop: () => {} };
  let last: number | null = null;
  let busy = false;
  const timer = setInterval(() => {
    if (busy) return;
    busy = true;
    analyzeIfChanged(deps.db, last)
      .then((id) => (last = id))
      .catch((err: unknown) => deps.log.warn({ err }, 'analyze failed; will try again'))
      .finally(() => (busy = false));
  }, deps.intervalMs ?? ANALYZE_INTERVAL_MS);
  timer.unref();
  return { stop: () => clearInterval(timer) };
};
