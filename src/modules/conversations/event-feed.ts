import { sql, type Database } from '../../platform/db/index.ts';
import type { StoredEvent } from '../../platform/events/index.ts';
import { asDateRequired, asJson, asNumber, asString, rowsOf } from './sql-rows.ts';

/**
 * Reading the workspace's event log in id order, for the live stream. Ids come from one sequence,
 * but transactions commit in their own order: a transaction holding id 10 may commit after the
 * one holding id 11. A reader that passed 11 would never see 10. So a row is served only once
 * every transaction older than the one that wrote it has finished (its xmin precedes the oldest
 * transaction still running); until then the reader waits and asks again. Rows older than a few
 * minutes are served regardless, so ancient or frozen rows never stall a resume.
 */
export const FEED_PAGE = 500;

const SETTLED = sql`(created_at < now() - interval '5 minutes' or age(xmin) > age(pg_snapshot_xmin(pg_current_snapshot())::text::xid))`;

/**
 * Where a client without Last-Event-ID starts: after the newest event — but before any row that is
 * still settling, so an older transaction committing late is not lost. The settling rows already
 * visible happened before the client connected: `skip` lists them so the stream does not replay them.
 */
export const latestEventId = async (db: Database, workspaceId: string): Promise<{ after: number; skip: number[] }> => {
  const rows = await db.tenant(workspaceId, (tx) =>
    rowsOf<{ id: unknown; settled: boolean }>(tx, sql`select id, ${SETTLED} as settled from events where workspace_id = ${workspaceId} order by id desc limit ${FEED_PAGE}`),
  );
  const unsettled = rows.filter((r) => !r.settled).map((r) => asNumber(r.id));
  if (unsettled.length) return { after: Math.min(...unsettled) - 1, skip: unsettled };
  return { after: rows.length ? asNumber(rows[0]!.id) : 0, skip: [] };
};

export interface FeedPage {
  events: StoredEvent[];
  /** A newer row exists but an older transaction is still running: ask again shortly. */
  blocked: boolean;
}

export const eventsAfter = (db: Database, workspaceId: string, afterId: number, limit = FEED_PAGE): Promise<FeedPage> =>
  db.tenant(workspaceId, async (tx) => {
    const rows = await rowsOf(
      tx,
      sql`select id, type, subject_id, data, created_at, ${SETTLED} as settled
          from events where workspace_id = ${workspaceId} and id > ${afterId} order by id limit ${limit}`,
    );
    const events: StoredEvent[] = [];
    for (const r of rows) {
      // Stop at the first row whose neighbours may still be in flight: order matters more than speed.
      if (!r.settled) return { events, blocked: true };
      events.push({ id: asNumber(r.id), workspaceId, type: String(r.type), subjectId: asString(r.subject_id), data: asJson<Record<string, unknown>>(r.data ?? {}), createdAt: asDateRequired(r.created_at) });
    }
    return { events, blocked: false };
  });
