import type { SQL } from 'drizzle-orm';
import { inArray, notInArray, sql, type Tx } from '../../platform/db/index.ts';

/**
 * The customer's conversations in which only these identities spoke for the customer: at least
 * one of their mentions, and none by another identity (the brand's own posts aside). These go
 * with the identities when they leave the customer. `since`: only conversations created after it.
 */
export const conversationsAuthoredOnlyBy = async (tx: Tx, workspaceId: string, customerId: string, identityIds: string[], since?: SQL): Promise<string[]> => {
  if (!identityIds.length) return [];
  const res = (await tx.execute(sql`
    select c.id from conversations c
    where c.workspace_id = ${workspaceId} and c.customer_id = ${customerId}
      ${since ? sql`and c.created_at > ${since}` : sql``}
      and exists (select 1 from mentions m where m.conversation_id = c.id and ${inArray(sql`m.identity_id`, identityIds)})
      and not exists (
        select 1 from mentions m
        where m.conversation_id = c.id and m.identity_id is not null and not m.is_own and ${notInArray(sql`m.identity_id`, identityIds)}
      )`)) as unknown as { rows: { id: string }[] };
  return res.rows.map((r) => r.id);
};
