import { getTableColumns } from 'drizzle-orm';
import { schema, sql, type Tx } from '../../platform/db/index.ts';

type MentionRow = typeof schema.mentions.$inferInsert;

/**
 * Stores a batch's mentions in one statement. A mention in a conversation is also one of its
 * messages: the timeline reads it from here (the view `timeline_messages`), so nothing is copied.
 * The rows travel as one JSON parameter unpacked by jsonb_to_recordset (see bulkInsert for why).
 */
export const storeMentions = async (tx: Tx, rows: MentionRow[]): Promise<void> => {
  if (!rows.length) return;
  const columns = getTableColumns(schema.mentions);
  // Every row gives every column it has (process-batch builds them whole), so the first row's keys are the set.
  const cols = Object.keys(rows[0]!).flatMap((k) => {
    const c = columns[k as keyof typeof columns];
    return c ? [{ key: k, name: c.name, type: c.getSQLType() }] : [];
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
  const names = cols.map((c) => `"${c.name}"`).join(', ');
  const defs = cols.map((c) => `"${c.name}" ${c.type}`).join(', ');
  await tx.execute(sql`
    insert into mentions (${sql.raw(names)})
    select ${sql.raw(names)} from jsonb_to_recordset(${payload}::jsonb) as r(${sql.raw(defs)})`);
};
