/**
 * Cold start: how long `lookout start` takes to answer /readyz on an empty embedded database
 * (PGlite) and on PostgreSQL (DATABASE_URL), and the memory of the idle server.
 * Runs the built server (`npm run build` first) as a child process, the way `npm start` does.
 * Last line: {"bench":"start","pgliteReadyMs":…,"postgresReadyMs":…,"idleRssMb":…}
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';

const ROOT = path.resolve(import.meta.dirname, '..');
const RUNS = process.env.BENCH_SMOKE ? 1 : Number(process.env.BENCH_RUNS ?? 5);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const statusKb = (pid: number, field: string): number => {
  const m = readFileSync(`/proc/${pid}/status`, 'utf8').match(new RegExp(`${field}:\\s+(\\d+) kB`));
  return m ? Number(m[1]) : 0;
};

const freePort = () => 20000 + Math.floor(Math.random() * 20000);

const startOnce = async (env: Record<string, string>): Promise<{ readyMs: number; idleRssMb: number; peakRssMb: number }> => {
  const port = freePort();
  const t0 = performance.now();
  const child = spawn(process.execPath, [path.join(ROOT, 'bin/lookout.js'), 'start'], {
    cwd: ROOT,
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
      try {
        const r = await fetch(`http://127.0.0.1:${port}/readyz`);
        if (r.ok) break;
      } catch {
        /* not listening yet */
      }
      await new Promise((r) => setTimeout(r, 20));
      if (performance.now() - t0 > 120_000) throw new Error('not ready after 120 s');
    }
    const readyMs = performance.now() - t0;
    await new Promise((r) => setTimeout(r, 3000)); // idle: the workers' first ticks have run
    const idleRssMb = statusKb(child.pid!, 'VmRSS') / 1024;
    const peakRssMb = statusKb(child.pid!, 'VmHWM') / 1024;
    return { readyMs, idleRssMb, peakRssMb };
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
  }
};

const pglite = [];
for (let i = 0; i < RUNS; i++) {
  const dir = mkdtempSync(path.join(tmpdir(), 'lookout-bench-start-'));
  pglite.push(await startOnce({ LOOKOUT_DATA_DIR: dir }));
  rmSync(dir, { recursive: true, force: true });
}

const postgres = [];
const adminUrl = process.env.DATABASE_URL;
if (adminUrl) {
  for (let i = 0; i < RUNS; i++) {
    const name = `lookout_bench_start_${process.pid}_${i}`;
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`create database "${name}"`);
    const u = new URL(adminUrl);
    u.pathname = `/${name}`;
    const dir = mkdtempSync(path.join(tmpdir(), 'lookout-bench-start-'));
    try {
      postgres.push(await startOnce({ DATABASE_URL: u.toString(), LOOKOUT_DATA_DIR: dir }));
    } finally {
      await admin.query(`drop database if exists "${name}" with (force)`);
      await admin.end();
      rmSync(dir, { recursive: true, force: true });
    }
  }
}

const fmt = (xs: { readyMs: number }[]) => (xs.length ? Math.round(median(xs.map((x) => x.readyMs))) : null);
console.log(`runs per database: ${RUNS}`);
console.log(`PGlite   ready: ${pglite.map((x) => Math.round(x.readyMs)).join(', ')} ms (median ${fmt(pglite)})`);
if (postgres.length) console.log(`Postgres ready: ${postgres.map((x) => Math.round(x.readyMs)).join(', ')} ms (median ${fmt(postgres)})`);
else console.log('Postgres: skipped (set DATABASE_URL to an admin connection)');
const idle = median(pglite.map((x) => x.idleRssMb));
const peak = median(pglite.map((x) => x.peakRssMb));
console.log(`idle RSS (PGlite): ${idle.toFixed(0)} MB, peak ${peak.toFixed(0)} MB`);
console.log(JSON.stringify({ bench: 'start', runs: RUNS, pgliteReadyMs: fmt(pglite), postgresReadyMs: fmt(postgres), idleRssMb: Math.round(idle), peakRssMb: Math.round(peak), idleRssPostgresMb: postgres.length ? Math.round(median(postgres.map((x) => x.idleRssMb))) : null }));
