/**
 * Ingest throughput: a stream shaped like ../shared/data/twcs (its real rows first, then generated
 * mentions with the same mix of customers, brand replies and reply chains) goes through every
 * stage — raw store, normalize, identities, triage, threading, routing, events — on PGlite and on PostgreSQL
 * (DATABASE_URL). Receivers commit in chunks as webhooks would while the pipeline runs.
 * Reports mentions/s end to end, p50/p99 from receipt to notify, peak RSS, and the raw COPY rate
 * of the same PostgreSQL in the same run; and, per pipeline step, the wall time, this process's CPU
 * and the PostgreSQL backend's CPU per 1,000 mentions (load-independent enough to compare variants
 * on a shared machine). BENCH_DB=pglite|postgres runs one database only;
 * BENCH_CONCURRENCY sets the runner's batches in flight (default: 2 on PostgreSQL, 1 on PGlite);
 * BENCH_WHATIF=no-fks drops the foreign keys of the tables written per mention (what they cost).
 * Then the floor: the same stream through only the writes every mention must make (raw store,
 * mention row, done mark — bench/lib/ingest-floor.ts), the ceiling for any pipeline on this machine.
 * Last line: {"bench":"ingest","copyRowsPerSec":…,"results":[{"db","mentionsPerSec","p50Ms","p99Ms","peakRssMb","floorPerSec"}]}
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openPglite, openPostgres, schema, type Database } from '../src/platform/db/index.ts';
import { EventBus } from '../src/platform/events/index.ts';
import { systemClock } from '../src/platform/clock/index.ts';
import { silentLogger } from '../src/platform/logger/index.ts';
import type { InboundItem } from '../src/modules/channels/index.ts';
import { acceptItems, collectStageTimings, PipelineRunner, type StageCost } from '../src/modules/ingestion/index.ts';
import { createStages } from '../src/worker/stages.ts';
import { floorRate } from './lib/ingest-floor.ts';
import { schedstatNs, serverCpuByPid, serverCpuMs as serverCpuTotal, withScratchDatabase } from './lib/scratch-postgres.ts';
import { twcsShapedStream } from './lib/ingest-stream.ts';

const SMOKE = Boolean(process.env.BENCH_SMOKE);
const N = Number(process.env.BENCH_MENTIONS ?? (SMOKE ? 3000 : 60_000));
const CHUNK = 500;
const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? 0;
};

const runOn = async (label: 'pglite' | 'postgres', db: Database, items: InboundItem[]) => {
  await db.migrate();
  // What-if (BENCH_WHATIF=no-fks, PostgreSQL): the tables the pipeline writes per mention without
  // their foreign-key checks — not a configuration Lookout runs; it says what those checks cost.
  if (process.env.BENCH_WHATIF === 'no-fks' && label === 'postgres') {
    const { rows } = await db.exec(`select conrelid::regclass::text as t, conname from pg_constraint where contype = 'f'
      and conrelid::regclass::text in ('raw_items', 'mentions', 'messages', 'conversations', 'identities', 'customers', 'customer_identities', 'events')`);
    for (const r of rows) await db.exec(`alter table ${String(r.t)} drop constraint "${String(r.conname)}"`);
  }
  const [ws] = await db.system((tx) => tx.insert(schema.workspaces).values({ slug: `bench-${Date.now()}`, name: 'Bench' }).returning());
  const [ch] = await db.tenant(ws!.id, (tx) => tx.insert(schema.channels).values({ workspaceId: ws!.id, kind: 'import', name: 'bench', config: { network: 'x', followUps: false } }).returning());
  const received = new Map<string, number>();
  const latencies: number[] = [];
  // The stages `lookout start` runs: triage, listening queries, rules, assignment and SLA clocks.
  const runner = new PipelineRunner(db, createStages({ clock: systemClock, log: silentLogger() }), new EventBus(), systemClock, silentLogger(), { batchSize: Number(process.env.BENCH_BATCH ?? 1000), idleMs: 5, ...(process.env.BENCH_CONCURRENCY ? { concurrency: Number(process.env.BENCH_CONCURRENCY) } : {}) });
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
  // Per step: wall time, this process's CPU and (PostgreSQL) the server's CPU for the pipeline's connection.
  const timings = collectStageTimings(label === 'postgres' ? { serverCpuNs: schedstatNs } : {});
  const cpu0 = process.cpuUsage();
  const server0 = label === 'postgres' ? await serverCpuByPid(db) : new Map<number, number>();
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
  const cpu = process.cpuUsage(cpu0);
  const nodeCpuMs = (cpu.user + cpu.system) / 1000;
  let serverCpuMs = 0;
  if (label === 'postgres') for (const [pid, ms] of await serverCpuByPid(db)) serverCpuMs += ms - (server0.get(pid) ?? 0);
  await runner.stop();
  const stored = Number((await db.exec('select count(*)::int as n from mentions where workspace_id = $1', [ws!.id])).rows[0]!.n);
  const failed = Number((await db.exec(`select count(*)::int as n from raw_items where workspace_id = $1 and status = 'failed'`, [ws!.id])).rows[0]!.n);
  if (failed) console.log(`${label}: ${failed} raw items FAILED (see raw_items.error)`);
  // The floor: the same stream through only the writes every mention must make (see ingest-floor.ts).
  const floor = await floorRate(db, items, { chunk: CHUNK, batch: Number(process.env.BENCH_BATCH ?? 1000), ...(label === 'postgres' ? { serverCpuMs: () => serverCpuTotal(db) } : {}) });
  // The floor's CPU bounds any design on this machine: the cores it can use (PGlite runs on this
  // process's one thread; PostgreSQL's backends and this process can fill both) / CPU per mention.
  // Add the text models (prepare + enrich, pure CPU in this process): what any design that keeps
  // the raw store, the mention row and triage must spend, whatever else it drops.
  const floorCpu = floor.nodeCpuPer1000 + floor.serverCpuPer1000;
  const cores = label === 'postgres' ? 2 : 1;
  const triageCpu = (['prepare', 'enrich'].reduce((acc, k) => acc + (timings.get(k)?.nodeCpuMs ?? 0), 0) / items.length) * 1000;
  const ceilingPerSec = Math.round((cores * 1_000_000) / (floorCpu + triageCpu));
  const result = { db: label, mentions: items.length, stored, mentionsPerSec: Math.round(items.length / secs), p50Ms: Math.round(pct(latencies, 50)), p99Ms: Math.round(pct(latencies, 99)), peakRssMb: Math.round(peakRss / 1048576), floorPerSec: floor.perSec, floorCpuMsPer1000: floor.nodeCpuPer1000 + floor.serverCpuPer1000, ceilingPerSec };
  // Where the time goes, per 1,000 mentions: wall ms, this process's CPU ms, the server's CPU ms
  // (the pipeline's connection). "receivers+other" is what is left of the totals: the receivers'
  // raw-store commits (their own connections), the event loop, the benchmark itself.
  const per1000 = (ms: number) => Math.round((ms / items.length) * 1000 * 10) / 10;
  const steps = [...timings].sort((a, b) => b[1].nodeCpuMs + b[1].serverCpuMs - (a[1].nodeCpuMs + a[1].serverCpuMs));
  const sum = (f: (c: StageCost) => number) => steps.reduce((acc, [, c]) => acc + f(c), 0);
  console.log(`${label}: per 1,000 mentions (ms)   wall   node-cpu  server-cpu`);
  for (const [k, c] of steps) console.log(`${label}:   ${k.padEnd(22)} ${String(per1000(c.wallMs)).padStart(7)} ${String(per1000(c.nodeCpuMs)).padStart(9)} ${String(per1000(c.serverCpuMs)).padStart(10)}`);
  console.log(`${label}:   ${'receivers+other'.padEnd(22)} ${String(per1000(secs * 1000 - sum((c) => c.wallMs))).padStart(7)} ${String(per1000(nodeCpuMs - sum((c) => c.nodeCpuMs))).padStart(9)} ${String(per1000(Math.max(0, serverCpuMs - sum((c) => c.serverCpuMs)))).padStart(10)}`);
  console.log(`${label}:   ${'total'.padEnd(22)} ${String(per1000(secs * 1000)).padStart(7)} ${String(per1000(nodeCpuMs)).padStart(9)} ${String(per1000(serverCpuMs)).padStart(10)}`);
  // Load-independent: the rates these CPU costs allow on an idle 2-core machine — one after the
  // other (as the pipeline runs now), or overlapped (Node and the server each on its own core).
  console.log(`${label}: floor (raw store + mention row + done mark only): ${floor.perSec}/s; CPU per 1,000: node ${floor.nodeCpuPer1000} server ${floor.serverCpuPer1000}; with ${cores} core(s) fully busy at best ${Math.round((cores * 1_000_000) / floorCpu)}/s`);
  console.log(`${label}: floor + text models: ${Math.round(floorCpu + triageCpu)} ms CPU per 1,000 → at best ${ceilingPerSec}/s on ${cores} core(s)`);
  console.log(`${label}: CPU per 1,000 mentions: node ${Math.round((nodeCpuMs / items.length) * 1000)} server ${Math.round((serverCpuMs / items.length) * 1000)}`);
  if (label === 'postgres') console.log(`${label}: idle-machine rate from CPU: ${Math.round(items.length / ((nodeCpuMs + serverCpuMs) / 1000))}/s serial, ${Math.round(items.length / (Math.max(nodeCpuMs, serverCpuMs) / 1000))}/s overlapped`);
  else console.log(`${label}: idle-machine rate from CPU: ${Math.round(items.length / (nodeCpuMs / 1000))}/s`);
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

const items = twcsShapedStream(N);
console.log(`stream: ${items.length} mentions (${items.filter((x) => x.isOwn).length} brand replies)`);
const results = [];

// BENCH_DB=pglite|postgres runs one of the two (profiling one database at a time).
const only = process.env.BENCH_DB;
if (only !== 'postgres') {
  const dir = mkdtempSync(path.join(tmpdir(), 'lookout-bench-ingest-'));
  const lite = await openPglite({ dataDir: dir });
  results.push(await runOn('pglite', lite, items));
  await lite.close();
  rmSync(dir, { recursive: true, force: true });
}

let copyRowsPerSec: number | null = null;
const admin = process.env.DATABASE_URL;
if (admin && only !== 'pglite') {
  await withScratchDatabase(admin, `lookout_bench_ingest_${process.pid}`, async (url) => {
    const db = await openPostgres(url, { max: 4 });
    results.push(await runOn('postgres', db, items));
    await db.close();
    copyRowsPerSec = copyRate(url, Math.min(N * 2, 200_000));
  });
} else console.log('postgres: skipped (set DATABASE_URL)');

console.log(JSON.stringify({ bench: 'ingest', mentions: items.length, copyRowsPerSec, results }));
