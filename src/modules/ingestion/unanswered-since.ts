import { sql, type Tx } from '../../platform/db/index.ts';

const CHUNK = 500;

/**
 * For each conversation: the customer's messages since our last reply (how many, since when). Our
 * replies are the outbound messages Lookout sent and the brand's own posts heard on the channel.
 * The last reply is found once per conversation, then only the mentions after it are read: a viral
 * thread (thousands of replies in one conversation) costs one range scan, not one scan per reply.
 * `materialized`: inlined, the last reply's subqueries sat in the join filter and ran once per
 * reply again (bench:viral-thread measures it).
 */
export const unansweredSince = async (tx: Tx, workspaceId: string, conversationIds: string[]): Promise<Map<string, { count: number; since: Date }>> => {
  const out = new Map<string, { count: number; since: Date }>();
  for (let i = 0; i < conversationIds.length; i += CHUNK) {
    const part = conversationIds.slice(i, i + CHUNK);
    const res = (await tx.execute(sql`
      with last_reply as materialized (
        select c.id, greatest(
          (select max(o.created_at) from messages o where o.workspace_id = ${workspaceId} and o.conversation_id = c.id and o.direction = 'outbound'),
          (select max(b.authored_at) from mentions b where b.workspace_id = ${workspaceId} and b.conversation_id = c.id and b.is_own)) as at
        from (select x::uuid as id from jsonb_array_elements_text(${JSON.stringify(part)}::jsonb) as t(x)) c
      )
      select l.id, count(*)::int as n, min(m.authored_at) as since
      from last_reply l
      join mentions m on m.conversation_id = l.id and m.authored_at > coalesce(l.at, '-infinity'::timestamptz)
      where m.workspace_id = ${workspaceId} and not m.is_own
      group by l.id`)) as unknown as { rows: { id: string; n: number; since: string | Date }[] };
    for (const r of res.rows) out.set(r.id, { count: Number(r.n), since: new Date(r.since) });
  }
  return out;
};
