import { randomUUID } from 'node:crypto';
import { and, eq, inArray, isNull, schema, sql, type Tx } from '../../platform/db/index.ts';
import { conflict, notFound } from '../../platform/errors/index.ts';
import type { DomainEvent } from '../../platform/events/index.ts';
import { recordAudit } from '../access/index.ts';
import { actorLabel, type CustomerActor } from './actor.ts';
import { conversationsAuthoredOnlyBy } from './authored-conversations.ts';
import type { MergeEntry } from './merge-history.ts';
import { lockLiveCustomer } from './update-customer.ts';

export interface UnlinkOutcome {
  split: MergeEntry;
  newCustomerId: string;
  events: DomainEvent[];
}

/**
 * "This identity is someone else": the identity leaves the customer for a new customer of its
 * own, taking the conversations only it spoke in. Recorded in the merge history as a split, so
 * undoing it (relinking) puts back exactly what moved.
 */
export const unlinkIdentity = async (tx: Tx, by: CustomerActor, input: { customerId: string; identityId: string; reason?: string }): Promise<UnlinkOutcome> => {
  const { workspaceId } = by;
  const customer = await lockLiveCustomer(tx, workspaceId, input.customerId);
  const active = await tx
    .select({ id: schema.customerIdentities.id, identityId: schema.customerIdentities.identityId })
    .from(schema.customerIdentities)
    .where(and(eq(schema.customerIdentities.workspaceId, workspaceId), eq(schema.customerIdentities.customerId, customer.id), isNull(schema.customerIdentities.unlinkedAt)));
  const link = active.find((l) => l.identityId === input.identityId);
  if (!link) throw notFound('Identity of this customer');
  if (active.length === 1) throw conflict('This is the customer’s only identity: there is nothing to split it from');

  const [identity] = await tx.select().from(schema.identities).where(eq(schema.identities.id, input.identityId));
  const newCustomerId = randomUUID();
  await tx.insert(schema.customers).values({ id: newCustomerId, workspaceId, name: identity!.displayName || identity!.handle, email: identity!.email });
  await tx.update(schema.customerIdentities).set({ customerId: newCustomerId }).where(eq(schema.customerIdentities.id, link.id));
  const moved = await conversationsAuthoredOnlyBy(tx, workspaceId, customer.id, [input.identityId]);
  if (moved.length) await tx.update(schema.conversations).set({ customerId: newCustomerId }).where(and(eq(schema.conversations.workspaceId, workspaceId), inArray(schema.conversations.id, moved)));
  await tx.update(schema.customers).set({ updatedAt: sql`now()` }).where(eq(schema.customers.id, customer.id));

  const reason = input.reason ?? `${identity!.channelKind} ${identity!.handle} is someone else`;
  const [split] = await tx
    .insert(schema.customerMerges)
    .values({
      workspaceId,
      kind: 'split',
      survivorId: customer.id,
      mergedId: newCustomerId,
      movedLinkIds: [link.id],
      movedConversationIds: moved,
      reason,
      mergedBy: actorLabel(by),
      createdAt: sql`clock_timestamp()`,
    })
    .returning();
  const data = { mergeId: split!.id, customerId: customer.id, identityId: input.identityId, newCustomerId, reason, movedConversations: moved.length };
  await recordAudit(tx, by, { action: 'customer.identity_unlinked', subjectType: 'customer', subjectId: customer.id, data });
  return { split: split!, newCustomerId, events: [{ type: 'customer.identity_unlinked', subjectId: customer.id, data }] };
};
