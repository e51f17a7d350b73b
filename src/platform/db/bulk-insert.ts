import { getTableColumns, getTableName, sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { Tx } from './database.ts';

/**
 * Multi-row insert of many rows as ONE bound parameter: the rows travel as a JSON array and
 * PostgreSQL unpacks them with jsonb_to_recordset. Building a 500-row × 30-column INSERT with
 * 15,000 parameters costs the query builder hundreds of milliseconds; this costs a JSON.stringify.
 * Columns are the union of the rows' keys (the schema's property names); a row without one of
 * them inserts NULL there, not the column default, so give NOT NULL columns in every row.
 */
export const bulkInsert = async <T extends PgTable>(
  tx: Tx,
  table: T,
  rows: T['$inferInsert'][],
  opts: { onConflictDoNothing?: string[]; /** Raw `on conflict …` clause, e.g. an upsert's do update. */ onConflict?: string; returning?: (keyof T['$inferSelect'] & string)[] } = {},
): Promise<Record<string, unknown>[]> => {
  if (!rows.length) return [];
  const columns = getTableColumns(table);
  const keySet = new Set<string>();
  for (const r of rows) for (const [k, v] of Object.entries(r)) if (v !== undefined && columns[k]) keySet.add(k);
  const keys = [...keySet];
  const cols = keys.map((k) => {
    const c = columns[k]!;
    return { key: k, name: c.name, type: c.getSQLType() };
  });
  const payload = JSON.stringify(
    rows.map((r) => {
      const o: Record<string, unknown> = {};
      for (const c of cols) {
        const v = (r as Record<string, unknown>)[c.key];
        o[c.name] = v instanceof Date ? v.toISOString() : v;
      }
      return o;
    }),
  );
  const q = (s: string) => `"${s.replaceAll('"', '""')}"`;
  const names = cols.map((c) => q(c.name)).join(', ');
  const defs = cols.map((c) => `${q(c.name)} ${c.type}`).join(', ');
  const conflict = opts.onConflict ? ` ${opts.onConflict}` : opts.onConflictDoNothing ? ` on conflict (${opts.onConflictDoNothing.map(q).join(', ')}) do nothing` : '';
  const returning = opts.returning?.length ? ` returning ${opts.returning.map((k) => `${q(columns[k]!.name)} as ${q(k)}`).join(', ')}` : '';
  const res = (await tx.execute(
    sql`${sql.raw(`insert into ${q(getTableName(table))} (${names}) select ${names} from jsonb_to_recordset(`)}${payload}${sql.raw(`::jsonb) as r(${defs})${conflict}${returning}`)}`,
  )) as unknown as { rows: Record<string, unknown>[] };
  return res.rows ?? [];
};
