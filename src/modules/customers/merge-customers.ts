import { and, eq, inArray, isNull, schema, sql, type Tx } from '../../platform/db/index.ts';
import { badRequest, conflict, notFound } from '../../platform/errors/index.ts';
import type { DomainEvent } from '../../platform/events/index.ts';
import { recordAudit } from '../access/index.ts';
import { actorLabel, type CustomerActor } from './actor.ts';
import type { MergeEntry } from './merge-history.ts';

type Customer = typeof schema.customers.$inferSelect;

/** What a merge filled on the survivor, so that an unmerge can empty it again if nobody changed it since. */
export interface FilledFields {
  fields?: Partial<Record<'name' | 'email' | 'tier' | 'notes' | 'isVip' | 'optedOut', { before: unknown; after: unknown }>>;
  attributeKeys?: string[];
}

/**
 * The survivor keeps what it knows and takes what only the other one knew: empty name, email,
 * tier, notes and missing attributes are filled; VIP and opted-out carry over (an opt-out must
 * never be lost by a merge).
 */
const fillFromOther = (survivor: Customer, other: Customer): { set: Partial<Customer>; filled: FilledFields } => {
  const set: Partial<Customer> = {};
  const fields: NonNullable<FilledFields['fields']> = {};
  for (const k of ['name', 'email', 'tier', 'notes'] as const) {
    if (survivor[k] === null && other[k] !== null) {
      set[k] = other[k];
      fields[k] = { before: null, after: other[k] };
    }
  }
  for (const k of ['isVip', 'optedOut'] as const) {
    if (!survivor[k] && other[k]) {
      set[k] = true;
      fields[k] = { before: false, after: true };
    }
  }
  const attributeKeys = Object.keys(other.attributes).filter((k) => !(k in survivor.attributes));
  if (attributeKeys.length) set.attributes = { ...survivor.attributes, ...Object.fromEntries(attributeKeys.map((k) => [k, other.attributes[k]])) };
  return { set, filled: { ...(Object.keys(fields).length ? { fields } : {}), ...(attributeKeys.length ? { attributeKeys } : {}) } };
};

export interface MergeInput {
  survivorId: string;
  otherId: string;
  reason: string;
  confidence?: number | null;
}

export interface MergeOutcome {
  merge: MergeEntry;
  events: DomainEvent[];
}

/**
 * Merges `otherId` into `survivorId`: the other's active identity links and its conversations
 * move to the survivor, and the merge row records exactly which, so an unmerge puts back those
 * and only those. The other customer stays, pointing at its survivor. The caller records the
 * returned events in the same transaction.
 */
export const mergeCustomers = async (tx: Tx, by: CustomerActor, input: MergeInput): Promise<MergeOutcome> => {
  const { workspaceId } = by;
  if (input.survivorId === input.otherId) throw badRequest('A customer cannot be merged with itself', [{ path: '/body/otherId', message: 'the id of another customer' }]);
  // Lock both in id order: two merges of the same pair in opposite directions cannot deadlock.
  const rows = await tx
    .select()
    .from(schema.customers)
    .where(and(eq(schema.customers.workspaceId, workspaceId), inArray(schema.customers.id, [input.survivorId, input.otherId])))
    .orderBy(schema.customers.id)
    .for('update');
  const survivor = rows.find((r) => r.id === input.survivorId);
  const other = rows.find((r) => r.id === input.otherId);
  if (!survivor || !other) throw notFound('Customer');
  if (survivor.mergedIntoId) throw conflict(`This customer was merged into ${survivor.mergedIntoId}; merge into that one instead`);
  if (other.mergedIntoId) throw conflict(`The other customer is already merged into ${other.mergedIntoId}`);

  const links = await tx
    .update(schema.customerIdentities)
    .set({ customerId: survivor.id })
    .where(and(eq(schema.customerIdentities.workspaceId, workspaceId), eq(schema.customerIdentities.customerId, other.id), isNull(schema.customerIdentities.unlinkedAt)))
    .returning({ id: schema.customerIdentities.id });
  const conversations = await tx
    .update(schema.conversations)
    .set({ customerId: survivor.id })
    .where(and(eq(schema.conversations.workspaceId, workspaceId), eq(schema.conversations.customerId, other.id)))
    .returning({ id: schema.conversations.id });

  const { set, filled } = fillFromOther(survivor, other);
  await tx.update(schema.customers).set({ ...set, updatedAt: sql`now()` }).where(eq(schema.customers.id, survivor.id));
  await tx.update(schema.customers).set({ mergedIntoId: survivor.id, updatedAt: sql`now()` }).where(eq(schema.customers.id, other.id));

  const [merge] = await tx
    .insert(schema.customerMerges)
    .values({
      workspaceId,
      kind: 'merge',
      survivorId: survivor.id,
      mergedId: other.id,
      movedLinkIds: links.map((l) => l.id),
      movedConversationIds: conversations.map((c) => c.id),
      reason: input.reason,
      confidence: input.confidence ?? null,
      mergedBy: actorLabel(by),
      filledFields: filled as Record<string, unknown>,
      // The wall clock, not the transaction's start: several merges in one transaction keep their order.
      createdAt: sql`clock_timestamp()`,
    })
    .returning();
  const data = { mergeId: merge!.id, survivorId: survivor.id, mergedId: other.id, reason: input.reason, confidence: input.confidence ?? null, movedLinks: links.length, movedConversations: conversations.length };
  await recordAudit(tx, by, { action: 'customer.merged', subjectType: 'customer', subjectId: survivor.id, data });
  return { merge: merge!, events: [{ type: 'customer.merged', subjectId: survivor.id, data }] };
};
