/**
 * What the ingest floor is made of, on PostgreSQL (DATABASE_URL): the same TWCS-shaped stream as
 * bench:ingest through the floor's writes (bench/lib/ingest-floor.ts: raw store, mention row, done
 * mark) with parts of the mention row's schema taken away, each variant in a fresh database:
 *
 *   raw-store         the receivers' raw-store commits only (no mention rows)
 *   floor             the floor as bench:ingest measures it
 *   no-search         without the full-text search column and its GIN index
 *   bare              without any secondary index (primary key and the channel + external id key only)
 *   bare-no-fks       … and without the mention's foreign-key checks
 *
 * The variants without parts are not configurations Lookout could ship (the console's inbox,
 * threading and search need those indexes); they say what each part costs, so that the floor's
 * distance from a throughput target can be read off. Variants run in rounds, side by side, and
 * each reports the median of its rounds: the rate, and the CPU (this process + the server's
 * processes) per 1,000 mentions, which depends much less than the rate on a shared machine's load.
 * Last line: {"bench":"ingest-floor-parts","mentions":…,"runs":…,"results":[{"variant","perSec","cpuMsPer1000","nodeCpuMsPer1000","serverCpuMsPer1000"}]}
 */
import { openPostgres, schema, type Database } from '../src/platform/db/index.ts';
import { acceptItems } from '../src/modules/ingestion/index.ts';
import { floorRate, type FloorResult } from './lib/ingest-floor.ts';
import { twcsShapedStream } from './lib/ingest-stream.ts';
import { serverCpuMs, withScratchDatabase } from './lib/scratch-postgres.ts';

const SMOKE = Boolean(process.env.BENCH_SMOKE);
const N = Number(process.env.BENCH_MENTIONS ?? (SMOKE ? 2000 : 20_000));
const RUNS = Number(process.env.BENCH_RUNS ?? (SMOKE ? 1 : 3));
const CHUNK = 500;

const SECONDARY = ['mentions_workspace_received', 'mentions_conversation', 'mentions_identity', 'mentions_content_hash', 'mentions_in_reply_to', 'mentions_raw_item'];
const VARIANTS: { name: string; ddl: string[] }[] = [
  { name: 'raw-store', ddl: [] },
  { name: 'floor', ddl: [] },
  { name: 'no-search', ddl: ['alter table mentions drop column search'] },
  { name: 'bare', ddl: ['alter table mentions drop column search', ...SECONDARY.map((i) => `drop index ${i}`)] },
  { name: 'bare-no-fks', ddl: ['alter table mentions drop column search', ...SECONDARY.map((i) => `drop index ${i}`), 'fks'] },
];

/** The receivers alone: the raw-store commits every accepted mention needs before it is acknowledged. */
const rawStoreOnly = async (db: Database, items: Parameters<typeof floorRate>[1]): Promise<FloorResult> => {
  const [ws] = await db.system((tx) => tx.insert(schema.workspaces).values({ slug: `raw-${Date.now()}`, name: 'Raw' }).returning());
  const [ch] = await db.tenant(ws!.id, (tx) => tx.insert(schema.channels).values({ workspaceId: ws!.id, kind: 'import', name: 'raw', config: {} }).returning());
  const server = () => serverCpuMs(db);
  const s0 = await server();
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  for (let i = 0; i < items.length; i += CHUNK) await acceptItems(db, { workspaceId: ws!.id, channelId: ch!.id, items: items.slice(i, i + CHUNK) });
  const secs = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(c0);
  const per1000 = (ms: number) => Math.round((ms / items.length) * 1000);
  return { perSec: Math.round(items.length / secs), nodeCpuPer1000: per1000((cpu.user + cpu.system) / 1000), serverCpuPer1000: per1000((await server()) - s0) };
};

const admin = process.env.DATABASE_URL;
if (!admin) {
  console.log('postgres: skipped (set DATABASE_URL)');
  console.log(JSON.stringify({ bench: 'ingest-floor-parts', mentions: 0, runs: 0, results: [] }));
  process.exit(0);
}

const runVariant = (variant: (typeof VARIANTS)[number], items: ReturnType<typeof twcsShapedStream>): Promise<FloorResult> =>
  withScratchDatabase(admin, `lookout_bench_floor_parts_${process.pid}`, async (url) => {
    const db = await openPostgres(url, { max: 4 });
    try {
      await db.migrate();
      for (const ddl of variant.ddl) {
        if (ddl !== 'fks') await db.exec(ddl);
        else {
          const { rows } = await db.exec(`select conname from pg_constraint where conrelid = 'mentions'::regclass and contype = 'f'`);
          for (const r of rows) await db.exec(`alter table mentions drop constraint "${String(r.conname)}"`);
        }
      }
      return variant.name === 'raw-store' ? await rawStoreOnly(db, items) : await floorRate(db, items, { chunk: CHUNK, batch: 1000, serverCpuMs: () => serverCpuMs(db) });
    } finally {
      await db.close();
    }
  });

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : Math.round((s[s.length / 2 - 1]! + s[s.length / 2]!) / 2);
};

const items = twcsShapedStream(N);
const runs = new Map<string, FloorResult[]>(VARIANTS.map((v) => [v.name, []]));
for (let round = 1; round <= RUNS; round++) {
  for (const v of VARIANTS) {
    const r = await runVariant(v, items);
    runs.get(v.name)!.push(r);
    console.log(`round ${round} ${v.name.padEnd(12)} ${String(r.perSec).padStart(6)}/s  CPU per 1,000: node ${r.nodeCpuPer1000} server ${r.serverCpuPer1000}`);
  }
}
const results = VARIANTS.map((v) => {
  const rs = runs.get(v.name)!;
  const cpu = rs.map((r) => r.nodeCpuPer1000 + r.serverCpuPer1000);
  return { variant: v.name, perSec: median(rs.map((r) => r.perSec)), cpuMsPer1000: median(cpu), nodeCpuMsPer1000: median(rs.map((r) => r.nodeCpuPer1000)), serverCpuMsPer1000: median(rs.map((r) => r.serverCpuPer1000)) };
});
console.log('variant        mentions/s  CPU ms per 1,000 (node + server)  → at best on 2 cores');
for (const r of results) console.log(`${r.variant.padEnd(14)} ${String(r.perSec).padStart(10)}  ${String(r.cpuMsPer1000).padStart(6)} (${r.nodeCpuMsPer1000} + ${r.serverCpuMsPer1000})  ${String(Math.round(2_000_000 / r.cpuMsPer1000)).padStart(22)}/s`);
console.log(JSON.stringify({ bench: 'ingest-floor-parts', mentions: items.length, runs: RUNS, results }));
