import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { openPglite, openPostgres, type Database } from './database.ts';
import { MIGRATIONS_DIR, PACKAGE_ROOT } from './paths.ts';

/**
 * Fresh, migrated databases for tests, fast.
 * - PGlite (default): the migrated data directory is dumped once per migration set into
 *   node_modules/.cache and every test loads it (~0.5 s instead of migrating, 3–10 s).
 * - PostgreSQL (TEST_DATABASE_URL, set by `npm run test:pg`): one migrated template database per
 *   migration set, and a `CREATE DATABASE … TEMPLATE` per test (~0.1 s), dropped at cleanup.
 */
export interface TestDatabase {
  db: Database;
  cleanup(): Promise<void>;
}

const migrationsHash = (): string => {
  const h = createHash('sha256');
  for (const f of readdirSync(MIGRATIONS_DIR, { recursive: true }).map(String).sort()) {
    const p = path.join(MIGRATIONS_DIR, f);
    if (f.endsWith('.sql') || f.endsWith('.json')) h.update(f).update(readFileSync(p));
  }
  return h.digest('hex').slice(0, 16);
};

const CACHE_DIR = path.join(PACKAGE_ROOT, 'node_modules/.cache/lookout-test');

const pgliteTemplate = async (): Promise<Blob> => {
  const file = path.join(CACHE_DIR, `template-${migrationsHash()}.tar.gz`);
  if (!existsSync(file)) {
    const db = await openPglite();
    await db.migrate();
    const dump = await db.pglite!.dumpDataDir('gzip');
    await db.close();
    mkdirSync(CACHE_DIR, { recursive: true });
    // Write then rename: parallel test processes never read a half-written template.
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, Buffer.from(await dump.arrayBuffer()));
    renameSync(tmp, file);
  }
  return new Blob([readFileSync(file)]);
};

const withDbName = (url: string, name: string): string => {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
};

const postgresTestDatabase = async (adminUrl: string): Promise<TestDatabase> => {
  // One template per run (LOOKOUT_TEST_RUN, set by scripts/with-test-postgres.mjs), dropped at its end.
  const template = `lookout_tpl_${migrationsHash()}_${process.env.LOOKOUT_TEST_RUN ?? 'adhoc'}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    // Parallel test processes: one builds the template, the others wait on the lock.
    await admin.query('select pg_advisory_lock(727273)');
    const exists = await admin.query('select 1 from pg_database where datname = $1', [template]);
    if (!exists.rowCount) {
      await admin.query(`create database "${template}"`);
      const tdb = await openPostgres(withDbName(adminUrl, template), { max: 1 });
      await tdb.migrate();
      await tdb.close();
    }
    await admin.query('select pg_advisory_unlock(727273)');
    const name = `lookout_t_${process.env.LOOKOUT_TEST_RUN ?? 'adhoc'}_${randomBytes(5).toString('hex')}`;
    await admin.query(`create database "${name}" template "${template}"`);
    const db = await openPostgres(withDbName(adminUrl, name), { max: 4 });
    return {
      db,
      cleanup: async () => {
        await db.close();
        const c = new pg.Client({ connectionString: adminUrl });
        await c.connect();
        await c.query(`drop database if exists "${name}" with (force)`);
        await c.end();
      },
    };
  } finally {
    await admin.end();
  }
};

export const createTestDatabase = async (): Promise<TestDatabase> => {
  const url = process.env.TEST_DATABASE_URL;
  if (url) return postgresTestDatabase(url);
  const db = await openPglite({ loadDataDir: await pgliteTemplate() });
  return { db, cleanup: () => db.close() };
};
