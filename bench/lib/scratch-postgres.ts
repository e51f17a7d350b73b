/**
 * Benchmarks on PostgreSQL run in a database of their own, created for the run and dropped after
 * it (forced: a benchmark that fails must not leave connections holding it).
 */
import { readFileSync } from 'node:fs';
import pg from 'pg';
import type { Database } from '../../src/platform/db/index.ts';

export const withScratchDatabase = async <T>(adminUrl: string, name: string, run: (url: string) => Promise<T>): Promise<T> => {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database "${name}"`);
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  try {
    return await run(u.toString());
  } finally {
    await admin.query(`drop database if exists "${name}" with (force)`);
    await admin.end();
  }
};

/** Nanoseconds a local process has run on a CPU (/proc/<pid>/schedstat, first field). */
export const schedstatNs = (pid: number): number => {
  try {
    return Number(readFileSync(`/proc/${pid}/schedstat`, 'utf8').split(' ')[0]);
  } catch {
    return 0;
  }
};

/**
 * CPU time (ms) each PostgreSQL server process of this database has used so far, by pid. On a
 * shared, loaded machine wall-clock rates say more about the neighbours than about the code; CPU
 * time per item (this process + the server's) does not depend on them. (Local server only.)
 */
export const serverCpuByPid = async (db: Database): Promise<Map<number, number>> => {
  const { rows } = await db.exec('select pid from pg_stat_activity where datname = current_database()');
  return new Map(rows.map((r) => [Number(r.pid), schedstatNs(Number(r.pid)) / 1e6]));
};

/** The same, summed over the server's processes. */
export const serverCpuMs = async (db: Database): Promise<number> => [...(await serverCpuByPid(db)).values()].reduce((a, b) => a + b, 0);
