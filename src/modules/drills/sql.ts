import type { SQL } from 'drizzle-orm';
import type { Tx } from '../../platform/db/index.ts';

/** Raw SQL rows, the same shape from node-postgres and PGlite. */
export const rowsOf = async <T = Record<string, unknown>>(tx: Tx, query: SQL): Promise<T[]> => ((await tx.execute(query)) as unknown as { rows: T[] }).rows;
export const asDate = (v: unknown): Date | null => (v === null || v === undefined ? null : v instanceof Date ? v : new Date(String(v)));
export const asJson = <T>(v: unknown): T => (typeof v === 'string' ? (JSON.parse(v) as T) : (v as T));
