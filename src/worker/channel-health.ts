import { enterWorkspace, schema, sql, eq, type Database } from '../platform/db/index.ts';
import { recordEvents, type EventBus } from '../platform/events/index.ts';
import type { Clock } from '../platform/clock/index.ts';
import type { Logger } from '../platform/logger/index.ts';
import { assessChannelHealth } from '../modules/channels/index.ts';

/**
 * Every minute: counts what each channel delivered (last hour, usual hourly rate over 7 days, time
 * since the last item), writes it into the channel's health, and when a channel turns unhealthy
 * (refused credentials, repeated errors, unusual silence) or recovers, records a
 * `channel.unhealthy` / `channel.recovered` event that the console and alerts listen to.
 */
export const checkChannelHealth = async (db: Database, bus: EventBus, clock: Clock): Promise<number> => {
  const now = clock.now();
  const rows = (await db.system((tx) =>
    tx.execute(sql`
      select c.id, c.workspace_id, c.kind, c.status, c.health,
        (select count(*) from raw_items r where r.channel_id = c.id and r.received_at > ${now.toISOString()}::timestamptz - interval '1 hour')::int as last_hour,
        (select count(*) from raw_items r where r.channel_id = c.id and r.received_at > ${now.toISOString()}::timestamptz - interval '7 days')::int as last_week,
        (select extract(epoch from ${now.toISOString()}::timestamptz - max(r.received_at)) from raw_items r where r.channel_id = c.id) as since_last,
        extract(epoch from ${now.toISOString()}::timestamptz - c.created_at) as age
      from channels c`),
  )) as unknown as { rows: { id: string; workspace_id: string; kind: string; status: string; health: Record<string, unknown>; last_hour: number; last_week: number; since_last: number | null; age: number }[] };
  let changed = 0;
  for (const c of rows.rows) {
    const weekHours = Math.min(168, Math.max(1, Number(c.age) / 3600));
    const alert = assessChannelHealth({
      kind: c.kind,
      status: c.status,
      problem: (c.health.problem as string | null) ?? null,
      consecutiveErrors: Number(c.health.consecutiveErrors ?? 0),
      itemsLastHour: Number(c.last_hour),
      usualPerHour: Number(c.last_week) / weekHours,
      secondsSinceLastItem: c.since_last === null ? null : Number(c.since_last),
    });
    const before = (c.health.alert as { problem?: string } | null | undefined)?.problem ?? null;
    const after = alert?.problem ?? null;
    await db.system(async (tx) => {
      await enterWorkspace(tx, c.workspace_id);
      await tx
        .update(schema.channels)
        .set({ health: sql`${schema.channels.health} || ${JSON.stringify({ itemsLastHour: Number(c.last_hour), usualPerHour: Number((Number(c.last_week) / weekHours).toFixed(2)), lagSeconds: c.since_last === null ? null : Math.round(Number(c.since_last)), alert })}::jsonb` })
        .where(eq(schema.channels.id, c.id));
      if (before !== after) {
        changed++;
        const events = await recordEvents(tx, c.workspace_id, [
          after ? { type: 'channel.unhealthy', subjectId: c.id, data: { kind: c.kind, ...alert } } : { type: 'channel.recovered', subjectId: c.id, data: { kind: c.kind, was: before } },
        ]);
        queueMicrotask(() => bus.committed(c.workspace_id, events));
      }
    });
  }
  return changed;
};

export const startChannelHealth = (deps: { db: Database; bus: EventBus; clock: Clock; log: Logger; everyMs?: number }) => {
  const timer = setInterval(() => {
    checkChannelHealth(deps.db, deps.bus, deps.clock).catch((err) => deps.log.error({ err }, 'channel health check failed'));
  }, deps.everyMs ?? 60_000);
  timer.unref();
  return { stop: () => clearInterval(timer) };
};
