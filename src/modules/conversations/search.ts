import type { SQL } from 'drizzle-orm';
import { sql, type Database, type Tx } from '../../platform/db/index.ts';
import { rowsOf } from './sql-rows.ts';

/**
 * Full-text search over mentions, newest matches first, bounded: the conversations of the newest
 * SEARCH_WINDOW matching mentions. Search-as-you-type: every word must be there, the last one as a
 * prefix (`cancelled fli` → `cancelled & fli:*`), all on the `search` tsvector's GIN index.
 * Substrings inside a word ("mehelp" in "acmehelp") are not searched: that needed a trigram index
 * on every mention's text, which cost the ingest pipeline a large share of its time.
 *
 * Its cost must stay bounded whatever the words' frequency, and what costs is reading rows from the
 * table. The planner's statistics say how many mentions match (ANALYZE keeps them fresh: autovacuum
 * on PostgreSQL, src/worker/maintenance.ts on PGlite), and the answer is read the cheapest way:
 * 1. a common query (≥ COMMON_SHARE of the workspace's mentions): walk the newest mentions in time
 *    order and stop at a page of matches — a few hundred rows at most;
 * 2. a rare one (≤ RARE_MATCHES): read all its matches from the GIN bitmap and keep the newest;
 * 3. in between: only the time window expected (at the workspace's average rate) to hold two pages
 *    of matches — the GIN bitmap ANDed with the time index's — and everything if that came back short.
 * The planner is told not to walk the time index for 2 and 3: it cannot see that testing each row
 * costs more than reading the bitmap's matches. Estimates can be wrong (stale statistics, bursts):
 * each way falls back to reading everything, which is correct, only slower.
 *
 * Why `db.system` with an explicit workspace filter rather than a tenant transaction: under
 * row-level security PostgreSQL evaluates only leakproof operators inside an index scan, and
 * `@@` is not leakproof, so a tenant query could only scan the whole table.
 */
export const SEARCH_WINDOW = 100;

export interface SearchTuning {
  /** The time walk of a common query reads at most this many mentions before giving up on it. */
  walkLimit: number;
  /** A query matching at least this share of the workspace's mentions is common. */
  commonShare: number;
  /** A query matching at most this many mentions is rare. */
  rareMatches: number;
}
export const SEARCH_TUNING: SearchTuning = { walkLimit: 5_000, commonShare: 0.03, rareMatches: 5_000 };

/** `Cancelled fli` → `cancelled & fli:*`; null when nothing searchable is left. */
export const searchQuery = (q: string): string | null => {
  const words = q.toLowerCase().match(/[\p{L}\p{N}_]+/gu) ?? [];
  if (!words.length) return null;
  return words.map((w, i) => (i === words.length - 1 ? `${w}:*` : w)).join(' & ');
};

const uniqueIds = (rows: { conversation_id: string | null }[]): string[] => [...new Set(rows.flatMap((r) => (r.conversation_id ? [r.conversation_id] : [])))];

export type SearchStrategy = 'walk' | 'walk+all' | 'window' | 'window+all' | 'all';

/** The newest matching mentions' conversations; `complete` when a whole window of mentions matched. */
const bitmapSearch = async (tx: Tx, workspaceId: string, tsq: string, since: Date | null): Promise<{ ids: string[]; complete: boolean }> => {
  await tx.execute(sql`set local enable_indexscan = off`);
  const rows = await rowsOf<{ conversation_id: string }>(
    tx,
    sql`select m.conversation_id from mentions m
        where m.workspace_id = ${workspaceId} and m.conversation_id is not null
          and m.search @@ to_tsquery('simple', ${tsq})
          ${since ? sql`and m.received_at >= ${since.toISOString()}::timestamptz` : sql``}
        order by m.received_at desc nulls last limit ${SEARCH_WINDOW}`,
  );
  await tx.execute(sql`set local enable_indexscan = on`);
  return { ids: uniqueIds(rows), complete: rows.length >= SEARCH_WINDOW };
};

export const searchConversationIds = async (db: Database, workspaceId: string, q: string): Promise<string[]> => (await searchConversations(db, workspaceId, q)).ids;

/** The planner's estimate of the rows a query returns (EXPLAIN, nothing read). */
const estimateRows = async (tx: Tx, query: SQL): Promise<number> => {
  const [row] = await rowsOf<Record<string, unknown>>(tx, sql`explain (format json) ${query}`);
  const plan = Object.values(row ?? {})[0];
  const parsed = (typeof plan === 'string' ? JSON.parse(plan) : plan) as { Plan?: { 'Plan Rows'?: number } }[];
  return Number(parsed[0]?.Plan?.['Plan Rows'] ?? 0);
};

/** The newest mentions in time order, stopping at a page of matches. */
const walkNewest = async (tx: Tx, workspaceId: string, tsq: string, walkLimit: number): Promise<{ ids: string[]; complete: boolean }> => {
  const rows = await rowsOf<{ conversation_id: string }>(
    tx,
    sql`select r.conversation_id from (
          select conversation_id, search from mentions where workspace_id = ${workspaceId}
          order by received_at desc nulls last limit ${walkLimit}) r
        where r.conversation_id is not null and r.search @@ (select to_tsquery('simple', ${tsq})) limit ${SEARCH_WINDOW}`,
  );
  return { ids: uniqueIds(rows), complete: rows.length >= SEARCH_WINDOW };
};

/** The search, and which way answered it (tests check each is right). */
export const searchConversations = (db: Database, workspaceId: string, q: string, tuning: SearchTuning = SEARCH_TUNING): Promise<{ ids: string[]; strategy: SearchStrategy }> =>
  db.system(async (tx) => {
    const tsq = searchQuery(q);
    if (!tsq) return { ids: [], strategy: 'all' };
    const total = await estimateRows(tx, sql`select 1 from mentions where workspace_id = ${workspaceId}`);
    const matches = await estimateRows(tx, sql`select 1 from mentions where workspace_id = ${workspaceId} and search @@ to_tsquery('simple', ${tsq})`);
    if (matches <= tuning.rareMatches || total <= tuning.walkLimit) return { ids: (await bitmapSearch(tx, workspaceId, tsq, null)).ids, strategy: 'all' };
    if (matches >= tuning.commonShare * total) {
      const walked = await walkNewest(tx, workspaceId, tsq, tuning.walkLimit);
      if (walked.complete) return { ids: walked.ids, strategy: 'walk' };
      return { ids: (await bitmapSearch(tx, workspaceId, tsq, null)).ids, strategy: 'walk+all' };
    }
    // The window that should hold two pages of matches at the workspace's average arrival rate.
    const [span] = await rowsOf<{ newest: string | null; oldest: string | null }>(
      tx,
      sql`select (select received_at from mentions where workspace_id = ${workspaceId} order by received_at desc nulls last limit 1)::text as newest,
                 (select received_at from mentions where workspace_id = ${workspaceId} order by received_at asc nulls first limit 1)::text as oldest`,
    );
    const newest = new Date(span?.newest ?? 0).getTime();
    const oldest = new Date(span?.oldest ?? 0).getTime();
    const since = new Date(newest - Math.max(1, newest - oldest) * Math.min(1, (2 * SEARCH_WINDOW) / matches));
    const windowed = await bitmapSearch(tx, workspaceId, tsq, since);
    if (windowed.complete) return { ids: windowed.ids, strategy: 'window' };
    return { ids: (await bitmapSearch(tx, workspaceId, tsq, null)).ids, strategy: 'window+all' };
  });
