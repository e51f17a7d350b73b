import { sql, type SQL } from 'drizzle-orm';
import type { Tx } from '../../platform/db/index.ts';

/** Raw SQL rows, the same shape from node-postgres and PGlite. */
export const rowsOf = async <T = Record<string, unknown>>(tx: Tx, query: SQL): Promise<T[]> => {
  const res = (await tx.execute(query)) as unknown as { rows: T[] };
  return res.rows;
};

/** `(a, b, c)` for an `in` list; callers never pass an empty list. */
export const listOf = (values: readonly string[]): SQL => sql`(${sql.join(values.map((v) => sql`${v}`), sql`, `)})`;

export const asDate = (v: unknown): Date | null => (v === null || v === undefined ? null : v instanceof Date ? v : new Date(String(v)));
