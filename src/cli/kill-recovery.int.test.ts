import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { openDatabase, type Database } from '../platform/db/index.ts';
import { EventBus } from '../platform/events/index.ts';
import { systemClock } from '../platform/clock/index.ts';
import { silentLogger } from '../platform/logger/index.ts';
import { signWebhook } from '../modules/channels/index.ts';
import { PipelineRunner, defaultStages } from '../modules/ingestion/index.ts';

/**
 * kill -9 in the middle of a burst, then restart: every accepted mention is stored exactly once.
 * KILL_TEST_SIZE sets the burst (CI runs it small; `KILL_TEST_SIZE=100000` for the full run).
 * On PostgreSQL when TEST_DATABASE_URL is set (npm run test:pg), else on the embedded database.
 */
const SIZE = Number(process.env.KILL_TEST_SIZE ?? 3000);
const ROOT = path.resolve(import.meta.dirname, '../..');
const CLI = [process.execPath, '--import', 'tsx', path.join(ROOT, 'src/cli/main.ts')];
const SECRET = 'whsec_kill_test_0123456789abcdef01234567';

describe(`kill -9 during a burst of ${SIZE} mentions`, { timeout: 600_000 }, () => {
  let env: Record<string, string>;
  let dropDb: (() => Promise<void>) | null = null;

  before(async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'lookout-kill-'));
    env = { ...(process.env as Record<string, string>), LOOKOUT_DATA_DIR: dataDir, LOOKOUT_SECRET_KEY: 'kill-test-secret-key-0123456789abcdefgh', LOG_LEVEL: 'error', LOOKOUT_PROGRESS: 'lines' };
    delete env.DATABASE_URL;
    const admin = process.env.TEST_DATABASE_URL;
    if (admin) {
      const name = `lookout_kill_${process.env.LOOKOUT_TEST_RUN ?? 'adhoc'}_${process.pid}`;
      const c = new pg.Client({ connectionString: admin });
      await c.connect();
      await c.query(`create database "${name}"`);
      await c.end();
      const u = new URL(admin);
      u.pathname = `/${name}`;
      env.DATABASE_URL = u.toString();
      dropDb = async () => {
        const d = new pg.Client({ connectionString: admin });
        await d.connect();
        await d.query(`drop database if exists "${name}" with (force)`);
        await d.end();
      };
    }
    const r = spawnSync(CLI[0]!, [...CLI.slice(1), 'user', 'create', '--admin', '--email', 'admin@kill.test', '--name', 'Admin', '--password', 'kill test password'], { env, encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
  });
  after(async () => {
    await dropDb?.();
  });

  const open = (): Promise<Database> => openDatabase({ databaseUrl: env.DATABASE_URL ?? null, dataDir: env.LOOKOUT_DATA_DIR! });
  const killHard = async (child: ChildProcess) => {
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
  };
  const drainAndCount = async (prefix: string) => {
    const db = await open();
    try {
      await new PipelineRunner(db, defaultStages, new EventBus(), systemClock, silentLogger()).drain();
      const r = await db.exec(`select count(*)::int as n, count(distinct external_id)::int as d from mentions where external_id like $1`, [`${prefix}%`]);
      const raw = await db.exec(`select count(*)::int as n from raw_items where external_id like $1`, [`${prefix}%`]);
      const ids = (await db.exec(`select external_id from mentions where external_id like $1`, [`${prefix}%`])).rows.map((x) => String(x.external_id));
      return { mentions: Number(r.rows[0]!.n), distinct: Number(r.rows[0]!.d), raw: Number(raw.rows[0]!.n), ids: new Set(ids) };
    } finally {
      await db.close();
    }
  };

  it('import: killed mid-file, run again, every row stored exactly once', async () => {
    const file = path.join(env.LOOKOUT_DATA_DIR!, 'burst.jsonl');
    const lines = [];
    for (let i = 0; i < SIZE; i++) lines.push(JSON.stringify({ id: `imp-${i}`, text: `order ${i} did not arrive, please help`, createdAt: new Date(Date.UTC(2026, 0, 1) + i * 1000).toISOString(), author: { id: `cust-${i % 997}`, handle: `cust${i % 997}` } }));
    writeFileSync(file, `${lines.join('\n')}\n`);
    const child = spawn(CLI[0]!, [...CLI.slice(1), 'import', 'jsonl', file], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    // Kill as soon as the first batch is committed: the file is mid-way.
    await new Promise<void>((resolve, reject) => {
      child.stderr!.on('data', (d: Buffer) => {
        if (d.toString().includes('rows')) resolve();
      });
      child.once('exit', (code) => reject(new Error(`import finished (${code}) before it could be killed: raise KILL_TEST_SIZE`)));
    });
    await killHard(child);
    const mid = await drainAndCount('imp-');
    assert.ok(mid.raw > 0 && mid.raw < SIZE, `killed mid-way (${mid.raw} of ${SIZE} stored)`);
    const again = spawnSync(CLI[0]!, [...CLI.slice(1), 'import', 'jsonl', file], { env, encoding: 'utf8', maxBuffer: 64 << 20 });
    assert.equal(again.status, 0, again.stderr);
    const stats = JSON.parse(again.stdout.trim().split('\n').pop()!);
    assert.equal(stats.added + stats.duplicates, SIZE);
    const end = await drainAndCount('imp-');
    assert.deepEqual([end.raw, end.mentions, end.distinct], [SIZE, SIZE, SIZE]);
  });

  it('webhook: killed mid-burst, restarted, every accepted mention stored exactly once', async () => {
    const port = 30000 + Math.floor(Math.random() * 20000);
    const start = () => spawn(CLI[0]!, [...CLI.slice(1), 'start'], { env: { ...env, PORT: String(port), HOST: '127.0.0.1' }, stdio: ['ignore', 'ignore', 'pipe'] });
    const waitReady = async () => {
      for (let i = 0; i < 600; i++) {
        try {
          if ((await fetch(`http://127.0.0.1:${port}/readyz`)).ok) return;
        } catch {
          /* starting */
        }
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error('server did not become ready');
    };
    let server = start();
    await waitReady();
    const login = await fetch(`http://127.0.0.1:${port}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'admin@kill.test', password: 'kill test password' }) });
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    const { csrfToken } = (await login.json()) as { csrfToken: string };
    const ch = await fetch(`http://127.0.0.1:${port}/api/channels`, { method: 'POST', headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken }, body: JSON.stringify({ kind: 'webhook', name: 'burst', secrets: { signingSecret: SECRET } }) });
    const { publicKey } = (await ch.json()) as { publicKey: string };

    const accepted = new Set<string>();
    const perDelivery = 50;
    const deliveries = Math.ceil(SIZE / perDelivery);
    let sent = 0;
    let killed = false;
    const send = async (d: number) => {
      const items = Array.from({ length: perDelivery }, (_, i) => ({ id: `hook-${d * perDelivery + i}`, text: `webhook burst item ${d * perDelivery + i} about a broken order`, createdAt: new Date().toISOString(), author: { id: `a-${(d * perDelivery + i) % 500}`, handle: `a${(d * perDelivery + i) % 500}` } }));
      const body = JSON.stringify({ items });
      try {
        const res = await fetch(`http://127.0.0.1:${port}/api/hooks/${publicKey}`, { method: 'POST', headers: { 'content-type': 'application/json', ...signWebhook(SECRET, Date.now() / 1000, body, `del-${d}`) }, body });
        if (res.status === 202) for (const it of items) accepted.add(it.id);
      } catch {
        /* the server died under us: this delivery was not acknowledged */
      }
    };
    // Four deliveries in flight at a time; kill -9 once a third of the burst is acknowledged.
    const inFlight = new Set<Promise<void>>();
    for (let d = 0; d < deliveries; d++) {
      const p = send(d).finally(() => inFlight.delete(p));
      inFlight.add(p);
      sent++;
      if (inFlight.size >= 4) await Promise.race(inFlight);
      if (!killed && accepted.size >= SIZE / 3) {
        await killHard(server);
        killed = true;
        break;
      }
    }
    await Promise.allSettled([...inFlight]);
    assert.ok(killed, 'the server was killed mid-burst');
    assert.ok(accepted.size > 0 && accepted.size < SIZE, `${accepted.size} acknowledged of ${SIZE}`);
    // Restart: the server comes back on the same data and its pipeline finishes the backlog.
    server = start();
    await waitReady();
    await new Promise((r) => setTimeout(r, 1500));
    server.kill('SIGTERM');
    await new Promise((r) => server.once('exit', r));
    const end = await drainAndCount('hook-');
    assert.equal(end.mentions, end.distinct, 'no mention stored twice');
    for (const id of accepted) assert.ok(end.ids.has(id), `accepted ${id} was lost`);
    assert.ok(sent > 0);
  });
});
