/**
 * A real, local AT Protocol network for the connector's tests, from `@atproto/dev-env`: a PLC
 * directory, a PDS and the Bluesky AppView (bsky) with bsync, in this process on loopback ports
 * (see slim-network.ts; `{ full: true }` runs dev-env's whole TestNetwork, Ozone included). The
 * AppView and bsync keep their data in PostgreSQL: each run gets its own database (dropped on
 * close), so parallel runs never meet. The PDS keeps SQLite files (better-sqlite3, see
 * scripts/ci/bluesky-native.sh) and blobs under a temporary directory, removed on close.
 *
 * PostgreSQL: `LOOKOUT_BLUESKY_PG_URL` (default `postgresql://postgres@127.0.0.1:5432/postgres`),
 * a role that may CREATE DATABASE. dev-env insists on `REDIS_HOST` being set; the in-process
 * AppView does not connect to it, so a default is filled in when it is missing.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { AtpAgent, RichText } from '@atproto/api';
import { TestNetwork } from '@atproto/dev-env';
import pg from 'pg';
import { createSlimNetwork, type BlueskyTestNet } from './slim-network.ts';

export interface DevAccount {
  did: string;
  handle: string;
  password: string;
  agent: AtpAgent;
}

export interface DevNetwork {
  network: BlueskyTestNet | TestNetwork;
  pdsUrl: string;
  appviewUrl: string;
  /** Milliseconds the network took to start (database creation included). */
  startMs: number;
  createAccount(name: string, displayName?: string): Promise<DevAccount>;
  appPassword(account: DevAccount): Promise<string>;
  /** A post by `account` with mention and link facets detected, as the Bluesky app makes them. */
  post(account: DevAccount, text: string, reply?: { root: Ref; parent: Ref }): Promise<Ref>;
  /** Waits until the AppView has indexed everything the PDS sequenced. */
  processAll(): Promise<void>;
  close(): Promise<void>;
}

export interface Ref {
  uri: string;
  cid: string;
}

const DEFAULT_PG = 'postgresql://postgres@127.0.0.1:5432/postgres';
const DB_PREFIX = 'lookout_bsky_';
const STALE_AFTER_S = 3600;

/** dev-env accepts only letters and underscores in schema names. */
const letters = (n: number): string =>
  Array.from(randomBytes(n), (b) => String.fromCharCode(97 + (b % 26))).join('');

export const startDevNetwork = async (opts: { rateLimits?: boolean; full?: boolean } = {}): Promise<DevNetwork> => {
  const started = performance.now();
  const adminUrl = process.env['LOOKOUT_BLUESKY_PG_URL'] ?? DEFAULT_PG;
  // The creation time in the name lets a later run drop what a killed run left behind.
  const dbName = `${DB_PREFIX}${Math.floor(Date.now() / 1000)}_${letters(8)}`;
  await dropStaleDatabases(adminUrl);
  const dbUrl = new URL(adminUrl);
  dbUrl.pathname = `/${dbName}`;
  await withAdmin(adminUrl, (c) => c.query(`CREATE DATABASE ${dbName}`));
  process.env['REDIS_HOST'] ??= '127.0.0.1:6379';

  // TestPds puts its SQLite files and blobs under os.tmpdir(): point that at a directory we remove.
  const dataDir = await mkdtemp(join(tmpdir(), 'lookout-bsky-'));
  const previousTmp = process.env['TMPDIR'];
  process.env['TMPDIR'] = dataDir;
  let network: BlueskyTestNet | TestNetwork;
  try {
    const rateLimits = opts.rateLimits ?? false;
    network = opts.full
      ? await TestNetwork.create({
          dbPostgresUrl: dbUrl.toString(),
          dbPostgresSchema: 'lookout',
          pds: { rateLimitsEnabled: rateLimits },
        })
      : await createSlimNetwork({ dbPostgresUrl: dbUrl.toString(), rateLimits });
  } catch (err) {
    await dropDatabase(adminUrl, dbName);
    await rm(dataDir, { recursive: true, force: true });
    throw err;
  } finally {
    if (previousTmp === undefined) delete process.env['TMPDIR'];
    else process.env['TMPDIR'] = previousTmp;
  }
  const startMs = Math.round(performance.now() - started);
  const pdsUrl = network.pds.url;

  const createAccount = async (name: string, displayName?: string): Promise<DevAccount> => {
    const agent = new AtpAgent({ service: pdsUrl });
    const handle = `${name}.test`;
    const password = `pw-${letters(12)}`;
    const res = await agent.createAccount({ handle, email: `${name}@example.com`, password });
    if (displayName) {
      await agent.com.atproto.repo.putRecord({
        repo: res.data.did,
        collection: 'app.bsky.actor.profile',
        rkey: 'self',
        record: { $type: 'app.bsky.actor.profile', displayName },
      });
    }
    return { did: res.data.did, handle, password, agent };
  };

  return {
    network,
    pdsUrl,
    appviewUrl: network.bsky.url,
    startMs,
    createAccount,
    async appPassword(account) {
      const res = await account.agent.com.atproto.server.createAppPassword({ name: `lookout-${letters(6)}` });
      return res.data.password;
    },
    async post(account, text, reply) {
      const rt = new RichText({ text });
      await rt.detectFacets(account.agent);
      return account.agent.post({
        text: rt.text,
        ...(rt.facets?.length ? { facets: rt.facets } : {}),
        ...(reply ? { reply } : {}),
        createdAt: new Date().toISOString(),
      });
    },
    processAll: () => network.processAll(),
    async close() {
      try {
        await network.close();
      } finally {
        await dropDatabase(adminUrl, dbName);
        await rm(dataDir, { recursive: true, force: true });
      }
    },
  };
};

const withAdmin = async <T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> => {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
};

const dropDatabase = (adminUrl: string, dbName: string) =>
  withAdmin(adminUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`));

/**
 * Databases of runs that died before closing (a crash, a kill): older than an hour and unused.
 * Without FORCE, a database something is still connected to is left alone.
 */
const dropStaleDatabases = (adminUrl: string) =>
  withAdmin(adminUrl, async (c) => {
    const { rows } = await c.query<{ datname: string }>(
      `SELECT datname FROM pg_database WHERE datname LIKE '${DB_PREFIX}%'`,
    );
    const cutoff = Date.now() / 1000 - STALE_AFTER_S;
    for (const { datname } of rows) {
      const created = Number(/^lookout_bsky_(\d+)_[a-z]+$/.exec(datname)?.[1]);
      if (!(created < cutoff)) continue;
      await c.query(`DROP DATABASE IF EXISTS ${datname}`).catch(() => undefined);
    }
  });
