import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { sql } from 'drizzle-orm';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import pg from 'pg';
import path from 'node:path';
import { mkdirSync } from 'node:fs';
import * as schema from './schema/index.ts';
import { APP_ROLE, WORKSPACE_SETTING } from './schema/index.ts';
import { acquireDirLock, type DirLock } from './dir-lock.ts';
import { MIGRATIONS_DIR } from './paths.ts';

export type Schema = typeof schema;
/** A drizzle handle: the database itself or a transaction on it. */
export type Tx = PgDatabase<PgQueryResultHKT, Schema>;

export interface Database {
  readonly kind: 'pglite' | 'postgres';
  /**
   * One transaction as the application role, scoped to one workspace: PostgreSQL's row-level
   * security applies, so even a query that forgot `where workspace_id = …` sees only this workspace.
   */
  tenant<T>(workspaceId: string, fn: (tx: Tx) => Promise<T>): Promise<T>;
  /**
   * One transaction with the owner's rights (row-level security bypassed). Only for work that
   * crosses workspaces by nature: sign-in, token and session lookup, routing a webhook to its
   * channel, claiming queued work. Everything else goes through `tenant`.
   */
  system<T>(fn: (tx: Tx) => Promise<T>): Promise<T>;
  /** Plain SQL with owner rights, for bulk paths (COPY-like multi-row inserts) and health checks. */
  exec(text: string, params?: unknown[]): Promise<{ rows: Record<string, unknown>[] }>;
  migrate(): Promise<void>;
  ping(): Promise<void>;
  close(): Promise<void>;
  /** The embedded engine, for tests that clone or dump it. Null on PostgreSQL. */
  readonly pglite: PGlite | null;
}

/**
 * Switches the current transaction to the app role, scoped to one workspace. For a system
 * transaction that has just created the workspace and continues inside it.
 */
export const enterWorkspace = async (tx: Tx, workspaceId: string): Promise<void> => {
  // One round trip: become the app role and pin the workspace for this transaction only.
  await tx.execute(sql`select set_config('role', ${APP_ROLE}, true), set_config(${WORKSPACE_SETTING}, ${workspaceId}, true)`);
};

const wrap = (kind: Database['kind'], db: Tx, extra: {
  exec: Database['exec'];
  migrate: () => Promise<void>;
  close: () => Promise<void>;
  pglite: PGlite | null;
}): Database => ({
  kind,
  pglite: extra.pglite,
  tenant: (workspaceId, fn) =>
    db.transaction(async (tx) => {
      await enterWorkspace(tx as unknown as Tx, workspaceId);
      return fn(tx as unknown as Tx);
    }),
  system: (fn) => db.transaction(async (tx) => fn(tx as unknown as Tx)),
  exec: extra.exec,
  migrate: extra.migrate,
  ping: async () => {
    await extra.exec('select 1');
  },
  close: extra.close,
});

export interface PgliteOptions {
  /** Directory for the data; omitted = in memory (tests). */
  dataDir?: string;
  /** A dump made by `dumpDataDir()`, to start from a migrated template (tests). */
  loadDataDir?: Blob | File;
}

export const openPglite = async (opts: PgliteOptions = {}): Promise<Database> => {
  let lock: DirLock | null = null;
  if (opts.dataDir) {
    mkdirSync(opts.dataDir, { recursive: true });
    // PGlite does not lock its directory; two processes on one directory lose committed rows.
    lock = acquireDirLock(opts.dataDir);
  }
  let client: PGlite;
  try {
    client = await PGlite.create({
      ...(opts.dataDir ? { dataDir: path.join(opts.dataDir, 'pglite') } : {}),
      ...(opts.loadDataDir ? { loadDataDir: opts.loadDataDir } : {}),
      extensions: { pg_trgm },
    });
  } catch (e) {
    lock?.release();
    throw e;
  }
  return fromPglite(client, lock);
};

/** Wrap an already open PGlite (a test's clone of a template). */
export const fromPglite = (client: PGlite, lock: DirLock | null = null): Database => {
  const db = drizzlePglite({ client, schema }) as unknown as Tx;
  let closed = false;
  return wrap('pglite', db, {
    pglite: client,
    exec: async (text, params) => {
      const r = await client.query<Record<string, unknown>>(text, params as never[]);
      return { rows: r.rows };
    },
    migrate: () => migratePglite(db as never, { migrationsFolder: MIGRATIONS_DIR }),
    close: async () => {
      if (closed) return;
      closed = true;
      await client.close();
      lock?.release();
    },
  });
};

export const openPostgres = async (url: string, opts: { max?: number } = {}): Promise<Database> => {
  const pool = new pg.Pool({ connectionString: url, max: opts.max ?? 10, application_name: 'lookout' });
  // A dropped idle connection must not crash the process; the pool replaces it.
  pool.on('error', () => {});
  const db = drizzlePg({ client: pool, schema }) as unknown as Tx;
  return wrap('postgres', db, {
    pglite: null,
    exec: async (text, params) => {
      const r = await pool.query(text, params as unknown[]);
      return { rows: r.rows as Record<string, unknown>[] };
    },
    migrate: async () => {
      // Several processes may start at once: one migrates, the others wait for it.
      const conn = await pool.connect();
      try {
        await conn.query('select pg_advisory_lock(727272)');
        await migratePg(drizzlePg({ client: conn, schema }) as never, { migrationsFolder: MIGRATIONS_DIR });
      } finally {
        await conn.query('select pg_advisory_unlock(727272)').catch(() => {});
        conn.release();
      }
    },
    close: async () => {
      await pool.end();
    },
  });
};

/** The database the configuration asks for: PostgreSQL when a URL is given, else embedded. */
export const openDatabase = (opts: { databaseUrl?: string | null; dataDir: string }): Promise<Database> =>
  opts.databaseUrl ? openPostgres(opts.databaseUrl) : openPglite({ dataDir: opts.dataDir });
