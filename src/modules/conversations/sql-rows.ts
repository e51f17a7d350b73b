import type { SQL } from 'drizzle-orm';
import type { Tx } from '../../platform/db/index.ts';

/** Raw SQL rows, the same shape from node-postgres and PGlite. */
export const rowsOf = async <T = Record<string, unknown>>(tx: Tx, query: SQL): Promise<T[]> => {
  const res = (await tx.execute(query)) as unknown as { rows: T[] };
  return res.rows;
};

/** Drivers differ (Date or string, number or string for bigint): one way to read them. */
export const asDate = (v: unknown): Date | null => (v === null || v === undefined ? null : v instanceof Date ? v : new Date(String(v)));
export const asDateRequired = (v: unknown): Date => asDate(v) ?? new Date(0);
export const asNumber = (v: unknown): number => (typeof v === 'number' ? v : Number(v));
export const asString = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));
export const asJson = <T>(v: unknown): T => (typeof v === 'string' ? (JSON.parse(v) as T) : (v as T));
