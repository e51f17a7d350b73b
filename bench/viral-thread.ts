/**
 * A viral thread: thousands of customer replies in one conversation (replies to one brand post all
 * join the conversation of the first). Every batch that adds to it asks how long the customer side
 * has waited since our last reply (`unansweredSince`, for urgency). Measures that lookup as the
 * thread grows, on PGlite and on PostgreSQL (DATABASE_URL), side by side with the query it replaced
 * (0012 and earlier: the last reply looked up again for every reply in the thread — quadratic).
 * Last line: {"bench":"viral-thread","results":[{"db","replies","lookupMs","earlierQueryMs"}]}
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openPglite, openPostgres, sql, type Database } from '../src/platform/db/index.ts';
import { unansweredSince } from '../src/modules/ingestion/index.ts';
import { withScratchDatabase } from './lib/scratch-postgres.ts';

const SMOKE = Boolean(process.env.BENCH_SMOKE);
const SIZES = SMOKE ? [200, 1000] : [1000, 5000, 10_000];
const RUNS = SMOKE ? 1 : 3;
const WS = '00000000-0000-4000-8000-000000000001';
const CH = '00000000-0000-4000-8000-000000000002';
const CONV = '00000000-0000-4000-8000-000000000003';

/** The query before: the same answer, the last reply searched once per reply. */
const EARLIER = `select m.conversation_id as id, count(*)::int as n, min(m.authored_at) as since from mentions m
  where m.workspace_id = '${WS}' and m.conversation_id in ('${CONV}'::uuid) and not m.is_own
    and m.authored_at > greatest(
      coalesce((select max(o.created_at) from messages o where o.conversation_id = m.conversation_id and o.direction = 'outbound'), '-infinity'::timestamptz),
      coalesce((select max(b.authored_at) from mentions b where b.conversation_id = m.conversation_id and b.is_own), '-infinity'::timestamptz))
  group by m.conversation_id`;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const timed = async (f: () => Promise<unknown>) => {
  const t0 = performance.now();
  await f();
  return performance.now() - t0;
};

const runOn = async (label: 'pglite' | 'postgres', db: Database) => {
  await db.migrate();
  await db.exec(`insert into workspaces (id, slug, name) values ('${WS}', 'viral', 'Viral')`);
  await db.exec(`insert into channels (id, workspace_id, kind, name) values ('${CH}', '${WS}', 'bluesky', 'Bluesky')`);
  await db.exec(`insert into conversations (id, workspace_id, channel_id, status) values ('${CONV}', '${WS}', '${CH}', 'open')`);
  // The brand post that started it, then the replies (none answered since).
  await db.exec(`insert into mentions (workspace_id, channel_id, external_id, kind, visibility, text, conversation_id, is_own, authored_at)
    values ('${WS}', '${CH}', 'brand-0', 'post', 'public', 'We are down for maintenance', '${CONV}', true, '2026-01-01')`);
  const out = [];
  let have = 0;
  for (const size of SIZES) {
    await db.exec(`insert into mentions (workspace_id, channel_id, external_id, kind, visibility, text, conversation_id, is_own, authored_at)
      select '${WS}', '${CH}', 'reply-' || g, 'reply', 'public', 'still down? ' || g, '${CONV}', false, timestamptz '2026-01-01' + g * interval '1 second'
      from generate_series(${have + 1}, ${size}) g`);
    have = size;
    await db.exec('analyze mentions');
    const lookup: number[] = [];
    const earlier: number[] = [];
    for (let r = 0; r < RUNS; r++) {
      let found = 0;
      lookup.push(await timed(async () => (found = (await db.tenant(WS, (tx) => unansweredSince(tx, WS, [CONV]))).get(CONV)?.count ?? 0)));
      if (found !== size) throw new Error(`${label}: the lookup found ${found} waiting replies, expected ${size}`);
      earlier.push(await timed(() => db.tenant(WS, (tx) => tx.execute(sql.raw(EARLIER)))));
    }
    const row = { db: label, replies: size, lookupMs: Math.round(median(lookup) * 10) / 10, earlierQueryMs: Math.round(median(earlier) * 10) / 10 };
    console.log(`${label}: ${String(size).padStart(6)} replies in one conversation: lookup ${row.lookupMs} ms, the earlier query ${row.earlierQueryMs} ms`);
    out.push(row);
  }
  return out;
};

const results = [];
const dir = mkdtempSync(path.join(tmpdir(), 'lookout-bench-viral-'));
const lite = await openPglite({ dataDir: dir });
try {
  results.push(...(await runOn('pglite', lite)));
} finally {
  await lite.close();
  rmSync(dir, { recursive: true, force: true });
}
const admin = process.env.DATABASE_URL;
if (admin) {
  await withScratchDatabase(admin, `lookout_bench_viral_${process.pid}`, async (url) => {
    const db = await openPostgres(url, { max: 2 });
    results.push(...(await runOn('postgres', db)));
    await db.close();
  });
} else console.log('postgres: skipped (set DATABASE_URL)');
console.log(JSON.stringify({ bench: 'viral-thread', results }));
