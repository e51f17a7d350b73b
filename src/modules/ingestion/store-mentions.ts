import { getTableColumns } from 'drizzle-orm';
import { schema, sql, type Tx } from '../../platform/db/index.ts';

type MentionRow = typeof schema.mentions.$inferInsert;

/**
 * Stores a batch's mentions and, for those in a conversation, their timeline messages — in ONE
 * statement: the messages are derived in SQL from the mention rows the insert returns (inbound for
 * a customer's mention, outbound and already sent for a brand post heard on the channel), so the
 * text, ids and timestamps travel once instead of twice and the batch makes one round trip.
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
    with m as (
      insert into mentions (${sql.raw(names)})
      select ${sql.raw(names)} from jsonb_to_recordset(${payload}::jsonb) as r(${sql.raw(defs)})
      returning id, workspace_id, conversation_id, channel_id, identity_id, visibility, text, external_id, is_own, is_drill, authored_at
    )
    insert into messages (workspace_id, conversation_id, direction, mention_id, channel_id, author_identity_id, visibility, body,
                          external_id, outbox_state, sent_at, is_drill, created_at)
    select workspace_id, conversation_id, case when is_own then 'outbound' else 'inbound' end, id, channel_id, identity_id, visibility, text,
           external_id, case when is_own then 'sent' end, case when is_own then authored_at end, is_drill, authored_at
    from m where conversation_id is not null`);
};
