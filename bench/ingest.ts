/**
 * Ingest throughput: a stream shaped like ../shared/data/twcs (its real rows first, then generated
 * mentions with the same mix of customers, brand replies and reply chains) goes through every
 * stage — raw store, normalize, identities, triage, threading, routing, events — on PGlite and on PostgreSQL
 * (DATABASE_URL). Receivers commit in chunks as webhooks would while the pipeline runs.
 * Reports mentions/s end to end, p50/p99 from receipt to notify, peak RSS, and the raw COPY rate
 * of the same PostgreSQL in the same run.
 * Last line: {"bench":"ingest","copyRowsPerSec":…,"results":[{"db","mentionsPerSec","p50Ms","p99Ms","peakRssMb"}]}
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import pg from 'pg';
import { openPglite, openPostgres, schema, type Database } from '../src/platform/db/index.ts';
import { EventBus } from '../src/platform/events/index.ts';
import { systemClock } from '../src/platform/clock/index.ts';
import { silentLogger } from '../src/platform/logger/index.ts';
import type { InboundItem } from '../src/modules/channels/index.ts';
import { acceptItems, collectStageTimings, PipelineRunner, twcsRowToItem } from '../src/modules/ingestion/index.ts';
import { createStages } from '../src/worker/stages.ts';

const SMOKE = Boolean(process.env.BENCH_SMOKE);
const N = Number(process.env.BENCH_MENTIONS ?? (SMOKE ? 3000 : 60_000));
const CHUNK = 500;
const DATA = path.resolve(process.env.LOOKOUT_SHARED_DATA ?? path.resolve(import.meta.dirname, '../../shared/data'), 'twcs/twcs_first5000.csv');

const realItems = (): InboundItem[] => {
  if (!existsSync(DATA)) return [];
  const rows = parse(readFileSync(DATA), { columns: true, relax_column_count: true, relax_quotes: true }) as Record<string, string>[];
  return rows.map((r) => twcsRowToItem(r)).flatMap((r) => (r.ok ? [r.item] : []));
};

/** Generated mentions with TWCS's shape: ~55% customer posts, ~45% brand replies, chains of 2–6. */
const stream = (n: number, real: InboundItem[]): InboundItem[] => {
  const out: InboundItem[] = real.slice(0, n);
  const texts = real.filter((r) => !r.isOwn).map((r) => r.text);
  let seed = 42;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  let i = 0;
  const t0 = Date.UTC(2026, 0, 1);
  while (out.length < n) {
    const customer = `gen-cust-${Math.floor(rnd() * n * 0.3)}`;
    const root = `gen-${i++}`;
    const at = t0 + out.length * 1000;
    out.push({ externalId: root, kind: 'post', visibility: 'public', text: texts[Math.floor(rnd() * texts.length)] ?? `order ${i} is late`, authoredAt: new Date(at), author: { externalId: customer, handle: customer, followers: Math.floor(rnd() * 5000) }, raw: {} });
    let parent = root;
    const depth = 1 + Math.floor(rnd() * 5);
    for (let d = 0; d < depth && out.length < n; d++) {
      const id = `gen-${i++}`;
      const own = d % 2 === 0;
      out.push({ externalId: id, kind: 'reply', visibility: 'public', text: own ? 'Sorry to hear that! Please DM us your order number.' : (texts[Math.floor(rnd() * texts.length)] ?? 'still broken'), authoredAt: new Date(at + (d + 1) * 60_000), author: own ? { externalId: 'AcmeSupport', handle: 'AcmeSupport' } : { externalId: customer, handle: customer }, inReplyTo: parent, isOwn: own, raw: {} });
      parent = id;
    }
  }
  return out;
};

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? 0;
};

const runOn = async (label: 'pglite' | 'postgres', db: Database, items: InboundItem[]) => {
  await db.migrate();
  const [ws] = await db.system((tx) => tx.insert(schema.workspaces).values({ slug: `bench-${Date.now()}`, name: 'Bench' }).returning());
  const [ch] = await db.tenant(ws!.id, (tx) => tx.insert(schema.channels).values({ workspaceId: ws!.id, kind: 'import', name: 'bench', config: { network: 'x', followUps: false } }).returning());
  const received = new Map<string, number>();
  const latencies: number[] = [];
  // The stages `lookout start` runs: triage, listening queries, rules, assignment and SLA clocks.
  const runner = new PipelineRunner(db, createStages({ clock: systemClock, log: silentLogger() }), new EventBus(), systemClock, silentLogger(), { batchSize: 1000, idleMs: 5 });
  let done = 0;
  let peakRss = 0;
  const finished = new Promise<void>((resolve) => {
    runner.onBatch((b) => {
      const now = performance.now();
      for (const id of b.externalIds) {
        const r = received.get(id);
        if (r !== undefined) latencies.push(now - r);
      }
      done += b.processed;
      peakRss = Math.max(peakRss, process.memoryUsage().rss);
      if (done >= items.length) resolve();
    });
  });
  const timings = collectStageTimings();
  const t0 = performance.now();
  runner.start();
  // Receivers: commit chunk by chunk (as webhooks would), waking the pipeline; backpressure keeps
  // at most a few chunks ahead of it so memory stays bounded.
  for (let i = 0; i < items.length; i += CHUNK) {
    while (i - done > CHUNK * 8) await new Promise((r) => setTimeout(r, 2));
    const chunk = items.slice(i, i + CHUNK);
    const at = performance.now();
    for (const it of chunk) received.set(it.externalId, at);
    await acceptItems(db, { workspaceId: ws!.id, channelId: ch!.id, items: chunk });
    runner.wake();
  }
  await finished;
  const secs = (performance.now() - t0) / 1000;
  await runner.stop();
  const stored = Number((await db.exec('select count(*)::int as n from mentions where workspace_id = $1', [ws!.id])).rows[0]!.n);
  const result = { db: label, mentions: items.length, stored, mentionsPerSec: Math.round(items.length / secs), p50Ms: Math.round(pct(latencies, 50)), p99Ms: Math.round(pct(latencies, 99)), peakRssMb: Math.round(peakRss / 1048576) };
  console.log(`${label}: where the pipeline's time went (ms): ${[...timings].map(([k, v]) => `${k} ${Math.round(v)}`).join(', ')}`);
  console.log(JSON.stringify(result));
  return result;
};

/** The same machine's raw COPY rate into PostgreSQL, for scale. */
const copyRate = (url: string, rows: number): number | null => {
  const csv = Array.from({ length: rows }, (_, i) => `${i},"{""text"": ""order ${i} is late"", ""author"": ""c${i % 997}""}"`).join('\n');
  const t0 = performance.now();
  const r = spawnSync('psql', [url, '-q', '-v', 'ON_ERROR_STOP=1', '-c', 'create temp table copy_bench (id bigint, payload jsonb)', '-c', "\\copy copy_bench from stdin with (format csv)"], { input: csv, encoding: 'utf8' });
  if (r.status !== 0) return null;
  return Math.round(rows / ((performance.now() - t0) / 1000));
};

const items = stream(N, realItems());
console.log(`stream: ${items.length} mentions (${items.filter((x) => x.isOwn).length} brand replies)`);
const results = [];

const dir = mkdtempSync(path.join(tmpdir(), 'lookout-bench-ingest-'));
const lite = await openPglite({ dataDir: dir });
results.push(await runOn('pglite', lite, items));
await lite.close();
rmSync(dir, { recursive: true, force: true });

let copyRowsPerSec: number | null = null;
const admin = process.env.DATABASE_URL;
if (admin) {
  const name = `lookout_bench_ingest_${process.pid}`;
  const c = new pg.Client({ connectionString: admin });
  await c.connect();
  await c.query(`create database "${name}"`);
  const u = new URL(admin);
  u.pathname = `/${name}`;
  try {
    const db = await openPostgres(u.toString(), { max: 4 });
    results.push(await runOn('postgres', db, items));
    await db.close();
    copyRowsPerSec = copyRate(u.toString(), Math.min(N * 2, 200_000));
  } finally {
    await c.query(`drop database if exists "${name}" with (force)`);
    await c.end();
  }
} else console.log('postgres: skipped (set DATABASE_URL)');

console.log(JSON.stringify({ bench: 'ingest', mentions: items.length, copyRowsPerSec, results }));
