/**
 * Console speed at scale: a workspace seeded like `npm run seed:large` (1,000,000 mentions, 100,000
 * open conversations; smaller with BENCH_SMOKE or SEED_MENTIONS / SEED_OPEN_CONVERSATIONS), on
 * PGlite and on PostgreSQL (DATABASE_URL). Measures, server-side (in-process requests through the
 * real app, so no network and no browser in the figure):
 * - the inbox's first page for the work queues and filters a team uses, and the next page;
 * - a search for a common word, a mid-frequency word, a rare word, a prefix being typed, two
 *   words, and a word that is nowhere;
 * - a live update: a signed webhook delivery is POSTed over HTTP to the listening server with its
 *   workers running, and the clock stops when the SSE stream of an open console (same server,
 *   real HTTP) delivers the conversation event — receipt → raw store → pipeline → event → stream.
 * The seeded databases are kept between runs (PGlite in BENCH_CONSOLE_DIR, PostgreSQL database
 * lookout_bench_console_<size>), since seeding a million mentions takes minutes; BENCH_FRESH=1
 * re-seeds. BENCH_TARGETS=pglite|postgres runs one of the two.
 * Last line: {"bench":"console","results":[{"db","mentions","openConversations","inboxP95Ms","searchP95Ms","liveUpdateP95Ms"}]}
 */
import { existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { loadConfig } from '../src/platform/config/index.ts';
import { openPglite, openPostgres, type Database } from '../src/platform/db/index.ts';
import { EventBus } from '../src/platform/events/index.ts';
import { SecretBox } from '../src/platform/crypto/index.ts';
import { systemClock } from '../src/platform/clock/index.ts';
import { silentLogger } from '../src/platform/logger/index.ts';
import { signWebhook } from '../src/modules/channels/index.ts';
import { createApiToken } from '../src/modules/access/index.ts';
import { buildApp } from '../src/server/app.ts';
import type { AppContext } from '../src/server/context.ts';
import { startWorkers } from '../src/worker/index.ts';
import { seedLarge, type SeededLarge, type SeedSizes } from './lib/seed-large.ts';

const SMOKE = Boolean(process.env.BENCH_SMOKE);
const sizes: SeedSizes = {
  mentions: Number(process.env.SEED_MENTIONS ?? (SMOKE ? 20_000 : 1_000_000)),
  openConversations: Number(process.env.SEED_OPEN_CONVERSATIONS ?? (SMOKE ? 2_000 : 100_000)),
};
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? (SMOKE ? 3 : 20));
const LIVE_SAMPLES = Number(process.env.BENCH_LIVE_SAMPLES ?? (SMOKE ? 5 : 30));
const FRESH = Boolean(process.env.BENCH_FRESH) || SMOKE;
const SECRET_KEY = 'bench-console-secret-key-0123456789abcdef';

const p = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)]! : NaN;
};
const round1 = (x: number) => Math.round(x * 10) / 10;
const log = (line: string) => process.stderr.write(`${line}\n`);

interface Target {
  name: 'pglite' | 'postgres';
  open(): Promise<Database>;
  drop(): Promise<void>;
}

const pgliteTarget = (): Target => {
  const dir = process.env.BENCH_CONSOLE_DIR ?? path.join(tmpdir(), `lookout-bench-console-${sizes.mentions}`);
  if (FRESH && existsSync(dir)) rmSync(dir, { recursive: true, force: true });
  return {
    name: 'pglite',
    open: () => openPglite({ dataDir: dir }),
    drop: async () => {
      if (SMOKE) rmSync(dir, { recursive: true, force: true });
    },
  };
};

const postgresTarget = async (url: string): Promise<Target> => {
  const name = `lookout_bench_console_${sizes.mentions}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  const exists = (await admin.query('select 1 from pg_database where datname = $1', [name])).rowCount;
  if (exists && FRESH) await admin.query(`drop database "${name}" with (force)`);
  if (!exists || FRESH) await admin.query(`create database "${name}"`);
  await admin.end();
  const u = new URL(url);
  u.pathname = `/${name}`;
  return {
    name: 'postgres',
    open: () => openPostgres(u.toString(), { max: 10 }),
    drop: async () => {
      if (!SMOKE) return;
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`drop database if exists "${name}" with (force)`);
      await c.end();
    },
  };
};

/** Times `fn` ROUNDS times after two warm-up calls; milliseconds. */
const timeIt = async (fn: () => Promise<void>): Promise<number[]> => {
  for (let i = 0; i < 2; i++) await fn();
  const out: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    const t0 = performance.now();
    await fn();
    out.push(performance.now() - t0);
  }
  return out;
};

/** Reads an SSE stream and resolves waiters on each conversation event. */
const openStream = async (base: string, headers: Record<string, string>) => {
  const controller = new AbortController();
  const res = await fetch(`${base}/api/events/stream`, { headers: { ...headers, accept: 'text/event-stream' }, signal: controller.signal });
  if (!res.ok || !res.body) throw new Error(`stream: ${res.status}`);
  const waiters: Array<(at: number) => void> = [];
  let ready!: () => void;
  const isReady = new Promise<void>((r) => (ready = r));
  void (async () => {
    const decoder = new TextDecoder();
    let buf = '';
    try {
      for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
        buf += decoder.decode(chunk, { stream: true });
        let cut: number;
        while ((cut = buf.indexOf('\n\n')) >= 0) {
          const block = buf.slice(0, cut);
          buf = buf.slice(cut + 2);
          if (/^event: ready/m.test(block)) ready();
          if (/"type":"conversation\.(created|message)"/.test(block)) waiters.shift()?.(performance.now());
        }
      }
    } catch {
      // aborted at the end
    }
  })();
  await isReady;
  return { next: () => new Promise<number>((r) => waiters.push(r)), close: () => controller.abort() };
};

const measure = async (target: Target) => {
  const db = await target.open();
  await db.migrate();
  const box = new SecretBox(SECRET_KEY);
  const t0 = Date.now();
  const seeded: SeededLarge = await seedLarge(db, box, sizes, (l) => log(`[${target.name}] ${l}`));
  log(`[${target.name}] seeded/checked in ${((Date.now() - t0) / 1000).toFixed(0)} s`);

  const config = loadConfig({ NODE_ENV: 'production', LOG_LEVEL: 'silent', LOOKOUT_SECRET_KEY: SECRET_KEY, LOOKOUT_DATA_DIR: path.join(tmpdir(), 'lookout-bench-unused'), PORT: '0' });
  const ctx: AppContext = { config, db, clock: systemClock, log: silentLogger(), bus: new EventBus(), box, pipeline: { wake: () => {} } };
  const app = await buildApp(ctx);
  const workers = await startWorkers(ctx);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  const { token } = await createApiToken(db, { system: true, workspaceId: seeded.workspaceId }, { name: 'bench', role: 'admin' });
  const headers = { authorization: `Bearer ${token}` };
  const get = async (url: string) => {
    const res = await app.inject({ method: 'GET', url, headers });
    if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
    return res.json() as { items: unknown[]; nextCursor: string | null };
  };

  const first = await get('/api/conversations');
  const inboxUrls = [
    '/api/conversations',
    '/api/conversations?queue=unassigned',
    '/api/conversations?queue=all',
    '/api/conversations?queue=waiting',
    '/api/conversations?queue=needs_response&sentiment=negative',
    '/api/conversations?queue=needs_response&minInfluence=10000',
    '/api/conversations?queue=all&tag=billing',
    '/api/conversations?queue=needs_response&slaAtRisk=true',
    ...(first.nextCursor ? [`/api/conversations?cursor=${first.nextCursor}`] : []),
  ];
  const inbox: Record<string, number> = {};
  const inboxAll: number[] = [];
  for (const url of inboxUrls) {
    const ts = await timeIt(async () => void (await get(url)));
    inbox[url.replace('/api/conversations', '') || '(needs response)'] = round1(p(ts, 0.95));
    inboxAll.push(...ts);
  }
  // The tabs' counts (five queues, each counted up to its cap) load with every inbox view and live refresh.
  const counts = await timeIt(async () => void (await get('/api/conversations/counts')));
  const w = seeded.words;
  const searches = [w.common, w.medium, w.rare, w.prefix, `${w.common} ${w.medium}`, 'zzqxnowhere'];
  const search: Record<string, number> = {};
  const searchAll: number[] = [];
  for (const q of searches) {
    const ts = await timeIt(async () => void (await get(`/api/conversations?queue=all&q=${encodeURIComponent(q)}`)));
    search[q] = round1(p(ts, 0.95));
    searchAll.push(...ts);
  }

  const stream = await openStream(base, headers);
  const live: number[] = [];
  for (let i = 0; i < LIVE_SAMPLES + 2; i++) {
    const id = `bench-live-${Date.now()}-${i}`;
    const body = JSON.stringify({ items: [{ id, text: `my order ${id} never arrived, please help`, createdAt: new Date().toISOString(), author: { id: `live-${i}`, handle: `live_${i}`, followers: 100 } }] });
    const arrived = stream.next();
    const sent = performance.now();
    const res = await fetch(`${base}/api/hooks/${seeded.webhookKey}`, { method: 'POST', headers: { 'content-type': 'application/json', ...signWebhook(seeded.webhookSecret, Date.now() / 1000, body, id) }, body });
    if (res.status !== 202) throw new Error(`webhook: ${res.status} ${await res.text()}`);
    const at = await Promise.race([arrived, new Promise<number>((_, reject) => setTimeout(() => reject(new Error('no live update within 10 s')), 10_000))]);
    if (i >= 2) live.push(at - sent);
    await new Promise((r) => setTimeout(r, 100));
  }
  stream.close();

  await app.close();
  await workers.stop();
  await db.close();
  await target.drop();
  const result = {
    db: target.name,
    mentions: sizes.mentions,
    openConversations: sizes.openConversations,
    inboxP95Ms: round1(p(inboxAll, 0.95)),
    tabCountsP95Ms: round1(p(counts, 0.95)),
    searchP95Ms: round1(p(searchAll, 0.95)),
    liveUpdateP95Ms: round1(p(live, 0.95)),
  };
  log(`[${target.name}] inbox p95 by view: ${JSON.stringify(inbox)}`);
  log(`[${target.name}] search p95 by query: ${JSON.stringify(search)}`);
  log(`[${target.name}] live update p50 ${round1(p(live, 0.5))} ms, p95 ${result.liveUpdateP95Ms} ms`);
  return result;
};

// BENCH_TARGETS=pglite or =postgres runs one of them (both by default; PostgreSQL only with DATABASE_URL).
const wanted = (process.env.BENCH_TARGETS ?? 'pglite,postgres').split(',');
const targets: Target[] = [];
if (wanted.includes('pglite')) targets.push(pgliteTarget());
if (wanted.includes('postgres') && process.env.DATABASE_URL) targets.push(await postgresTarget(process.env.DATABASE_URL));
const results = [];
for (const t of targets) results.push(await measure(t));
console.log(JSON.stringify({ bench: 'console', results }));
