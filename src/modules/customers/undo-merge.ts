import type { SQL } from 'drizzle-orm';
import { and, eq, gt, inArray, isNull, ne, or, schema, sql, type Tx } from '../../platform/db/index.ts';
import { conflict, notFound } from '../../platform/errors/index.ts';
import type { DomainEvent } from '../../platform/events/index.ts';
import { recordAudit } from '../access/index.ts';
import { actorLabel, type CustomerActor } from './actor.ts';
import { conversationsAuthoredOnlyBy } from './authored-conversations.ts';
import type { FilledFields } from './merge-customers.ts';
import { directionOf, type MergeEntry } from './merge-history.ts';

export interface UndoOutcome {
  merge: MergeEntry;
  restoredLinkIds: string[];
  restoredConversationIds: string[];
  followedConversationIds: string[];
  events: DomainEvent[];
}

const sameValue = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** A later merge or split that moved some of the same links or conversations must be undone first. */
const assertNothingLaterMovedThem = async (tx: Tx, entry: MergeEntry, to: string, createdAt: SQL) => {
  const m = schema.customerMerges;
  const later = await tx
    .select()
    .from(m)
    .where(and(eq(m.workspaceId, entry.workspaceId), ne(m.id, entry.id), isNull(m.undoneAt), gt(m.createdAt, createdAt), or(eq(m.survivorId, to), eq(m.mergedId, to))));
  const links = new Set(entry.movedLinkIds);
  const conversations = new Set(entry.movedConversationIds);
  const blocker = later.find((e) => e.movedLinkIds.some((id) => links.has(id)) || e.movedConversationIds.some((id) => conversations.has(id)));
  if (blocker) throw conflict(`A later ${blocker.kind} (${blocker.id}) moved some of the same identities or conversations; undo it first`);
};

/**
 * Undoes a merge (the merged customer comes back with exactly the links and conversations it
 * brought) or a split (the identity is relinked to the customer it left). Conversations that
 * arrived in between through the identities going back follow them; everything else — new
 * conversations of the survivor's other identities — stays.
 */
export const undoMerge = async (tx: Tx, by: CustomerActor, mergeId: string): Promise<UndoOutcome> => {
  const { workspaceId } = by;
  const m = schema.customerMerges;
  const [entry] = await tx.select().from(m).where(and(eq(m.workspaceId, workspaceId), eq(m.id, mergeId))).for('update');
  if (!entry) throw notFound('Merge');
  if (entry.undoneAt) throw conflict('This merge was already undone');
  const { from, to } = directionOf(entry);
  const customers = await tx
    .select()
    .from(schema.customers)
    .where(and(eq(schema.customers.workspaceId, workspaceId), inArray(schema.customers.id, [from, to])))
    .orderBy(schema.customers.id)
    .for('update');
  const source = customers.find((c) => c.id === from)!;
  const target = customers.find((c) => c.id === to)!;
  // The entry's time as stored (microseconds), not as a JS Date (milliseconds).
  const createdAt = sql`(select created_at from customer_merges where id = ${entry.id})`;
  await assertNothingLaterMovedThem(tx, entry, to, createdAt);
  if (entry.kind === 'split') {
    const others = await tx
      .select({ id: schema.customerIdentities.id })
      .from(schema.customerIdentities)
      .where(and(eq(schema.customerIdentities.customerId, to), isNull(schema.customerIdentities.unlinkedAt)));
    if (others.some((l) => !entry.movedLinkIds.includes(l.id))) throw conflict('The split-off customer has other identities now; merge it instead');
    if (source.mergedIntoId) throw conflict(`The customer the identity left was merged into ${source.mergedIntoId}; undo that merge first`);
  }

  const linkIds = entry.movedLinkIds.length
    ? (
        await tx
          .update(schema.customerIdentities)
          .set({ customerId: from })
          .where(and(inArray(schema.customerIdentities.id, entry.movedLinkIds), eq(schema.customerIdentities.customerId, to), isNull(schema.customerIdentities.unlinkedAt)))
          .returning({ id: schema.customerIdentities.id, identityId: schema.customerIdentities.identityId })
      )
    : [];
  const restored = entry.movedConversationIds.length
    ? await tx
        .update(schema.conversations)
        .set({ customerId: from })
        .where(and(eq(schema.conversations.workspaceId, workspaceId), inArray(schema.conversations.id, entry.movedConversationIds), eq(schema.conversations.customerId, to)))
        .returning({ id: schema.conversations.id })
    : [];
  const followed = await conversationsAuthoredOnlyBy(tx, workspaceId, to, linkIds.map((l) => l.identityId), createdAt);
  if (followed.length) await tx.update(schema.conversations).set({ customerId: from }).where(inArray(schema.conversations.id, followed));

  if (entry.kind === 'merge') {
    await tx.update(schema.customers).set({ mergedIntoId: null, updatedAt: sql`now()` }).where(eq(schema.customers.id, from));
    await tx.update(schema.customers).set({ ...unfill(target, source, entry.filledFields as FilledFields), updatedAt: sql`now()` }).where(eq(schema.customers.id, to));
  } else {
    // The split-off customer is empty again: it points at the customer its identity went back to.
    await tx.update(schema.customers).set({ mergedIntoId: from, updatedAt: sql`now()` }).where(eq(schema.customers.id, to));
    await tx.update(schema.customers).set({ updatedAt: sql`now()` }).where(eq(schema.customers.id, from));
  }
  const [undone] = await tx.update(m).set({ undoneAt: sql`clock_timestamp()`, undoneBy: actorLabel(by) }).where(eq(m.id, entry.id)).returning();

  const type = entry.kind === 'merge' ? 'customer.unmerged' : 'customer.identity_relinked';
  const data = {
    mergeId: entry.id,
    survivorId: entry.survivorId,
    mergedId: entry.mergedId,
    restoredLinks: linkIds.length,
    restoredConversations: restored.length,
    followedConversations: followed.length,
  };
  await recordAudit(tx, by, { action: type, subjectType: 'customer', subjectId: entry.survivorId, data });
  return {
    merge: undone!,
    restoredLinkIds: linkIds.map((l) => l.id),
    restoredConversationIds: restored.map((c) => c.id),
    followedConversationIds: followed,
    events: [{ type, subjectId: entry.survivorId, data }],
  };
};

type Customer = typeof schema.customers.$inferSelect;

/** Empties on the survivor what the merge filled, where nobody changed it since. */
const unfill = (survivor: Customer, merged: Customer, filled: FilledFields): Partial<Customer> => {
  const set: Record<string, unknown> = {};
  for (const [k, { before, after }] of Object.entries(filled.fields ?? {})) {
    if (sameValue(survivor[k as keyof Customer], after)) set[k] = before;
  }
  const keys = (filled.attributeKeys ?? []).filter((k) => sameValue(survivor.attributes[k], merged.attributes[k]));
  if (keys.length) set.attributes = Object.fromEntries(Object.entries(survivor.attributes).filter(([k]) => !keys.includes(k)));
  return set as Partial<Customer>;
};
