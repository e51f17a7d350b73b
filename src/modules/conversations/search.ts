import type { SQL } from 'drizzle-orm';
import { sql, type Database, type Tx } from '../../platform/db/index.ts';
import { rowsOf } from './sql-rows.ts';

/**
 * Full-text search over mentions, newest matches first, bounded: the conversations of the newest
 * SEARCH_WINDOW matching mentions. Whole words go through the `search` tsvector; when they find
 * nothing — a partial word being typed ("refu"), a handle fragment — the text is matched with
 * `ILIKE '%q%'` (trigram index). Fragments shorter than three characters stop at the word search.
 *
 * Each runs in two steps, so its cost stays bounded however common the words are:
 * 1. the newest RECENT_SCAN mentions (walked in order on `mentions_workspace_received`) are
 *    filtered: a common word fills the window there and nothing else is read;
 * 2. otherwise the words are rare enough for the inverted index (GIN on `search`, trigram GIN on
 *    `text`): a bitmap of their matches, sorted by time. The planner is told not to walk the time
 *    index instead: it cannot see that testing each row costs more than reading its matches.
 *
 * Why `db.system` with an explicit workspace filter rather than a tenant transaction: under
 * row-level security PostgreSQL evaluates only leakproof operators inside an index scan, and
 * neither `@@` nor `ILIKE` is leakproof, so a tenant query could only scan the whole table.
 */
export const SEARCH_WINDOW = 100;
export const RECENT_SCAN = 10_000;

const escapeLike = (s: string): string => s.replace(/[\\%_]/g, (c) => `\\${c}`);

type Match = (alias: 'r' | 'm') => SQL;

const searchWith = async (tx: Tx, workspaceId: string, match: Match): Promise<string[]> => {
  const recent = await rowsOf<{ conversation_id: string }>(
    tx,
    sql`select r.conversation_id from (
          select conversation_id, search, text from mentions where workspace_id = ${workspaceId}
          order by received_at desc nulls last limit ${RECENT_SCAN}) r
        where r.conversation_id is not null and ${match('r')} limit ${SEARCH_WINDOW}`,
  );
  if (recent.length >= SEARCH_WINDOW) return [...new Set(recent.map((r) => r.conversation_id))];
  await tx.execute(sql`set local enable_indexscan = off`);
  const rare = await rowsOf<{ conversation_id: string }>(
    tx,
    sql`select m.conversation_id from mentions m
        where m.workspace_id = ${workspaceId} and m.conversation_id is not null and ${match('m')}
        order by m.received_at desc nulls last limit ${SEARCH_WINDOW}`,
  );
  await tx.execute(sql`set local enable_indexscan = on`);
  return [...new Set(rare.map((r) => r.conversation_id))];
};

export const searchConversationIds = (db: Database, workspaceId: string, q: string): Promise<string[]> =>
  db.system(async (tx) => {
    // The query is parsed once (an InitPlan), not once per row tested.
    const words = await searchWith(tx, workspaceId, (a) => sql`${sql.raw(a)}.search @@ (select plainto_tsquery('simple', ${q}))`);
    if (words.length || q.length < 3) return words;
    const pattern = `%${escapeLike(q)}%`;
    return searchWith(tx, workspaceId, (a) => sql`${sql.raw(a)}.text ilike ${pattern}`);
  });
