// Runs a command (the integration suites) against the real PostgreSQL server: every test file
// gets its own database cloned from a template migrated once for this run; all are dropped after.
// The server: TEST_DATABASE_URL, else DATABASE_URL, else postgres://postgres@127.0.0.1:5432/postgres.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import pg from 'pg';

const adminUrl = process.env.TEST_DATABASE_URL || process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
const run = randomBytes(4).toString('hex');
const [cmd, ...args] = process.argv.slice(2);

const client = new pg.Client({ connectionString: adminUrl });
try {
  await client.connect();
  const v = await client.query('show server_version');
  process.stdout.write(`PostgreSQL ${v.rows[0].server_version} at ${new URL(adminUrl).host}, run ${run}\n`);
} catch (e) {
  process.stderr.write(`Cannot reach PostgreSQL at ${new URL(adminUrl).host}: ${e.message}\n`);
  process.exit(1);
} finally {
  await client.end().catch(() => {});
}

const result = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, TEST_DATABASE_URL: adminUrl, LOOKOUT_TEST_RUN: run } });

const cleanup = new pg.Client({ connectionString: adminUrl });
await cleanup.connect();
const left = await cleanup.query("select datname from pg_database where datname like $1 or datname like $2", [`lookout_tpl_%_${run}`, `lookout_t_${run}_%`]);
for (const row of left.rows) {
  // Only this run's databases: a concurrent run on the same server keeps its own.
  await cleanup.query(`drop database if exists "${row.datname}"`).catch(() => {});
}
await cleanup.end();
process.exit(result.status ?? 1);
