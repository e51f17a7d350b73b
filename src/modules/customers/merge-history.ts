import { aliasedTable } from 'drizzle-orm';
import { and, desc, eq, or, schema, type Tx } from '../../platform/db/index.ts';
import { notFound } from '../../platform/errors/index.ts';

export type MergeEntry = typeof schema.customerMerges.$inferSelect;

/**
 * Which way an entry moved things: a merge moves the merged customer's links and conversations
 * to the survivor; a split moves one identity (and its conversations) from the customer it left
 * to the new customer made for it.
 */
export const directionOf = (e: Pick<MergeEntry, 'kind' | 'survivorId' | 'mergedId'>): { from: string; to: string } =>
  e.kind === 'split' ? { from: e.survivorId, to: e.mergedId } : { from: e.mergedId, to: e.survivorId };

/** The entries that moved something to this customer. */
export const movedToward = (entries: MergeEntry[], customerId: string): MergeEntry[] => entries.filter((e) => directionOf(e).to === customerId);

/** A customer's merges and splits, newest first, with the names of both sides. */
export const listMergeHistory = async (tx: Tx, workspaceId: string, customerId: string) => {
  const [exists] = await tx
    .select({ id: schema.customers.id })
    .from(schema.customers)
    .where(and(eq(schema.customers.workspaceId, workspaceId), eq(schema.customers.id, customerId)));
  if (!exists) throw notFound('Customer');
  const m = schema.customerMerges;
  return mergeViews(tx, and(eq(m.workspaceId, workspaceId), or(eq(m.survivorId, customerId), eq(m.mergedId, customerId))));
};

export const getMergeView = async (tx: Tx, workspaceId: string, mergeId: string) => {
  const m = schema.customerMerges;
  const [view] = await mergeViews(tx, and(eq(m.workspaceId, workspaceId), eq(m.id, mergeId)));
  if (!view) throw notFound('Merge');
  return view;
};

const survivor = aliasedTable(schema.customers, 'survivor');
const merged = aliasedTable(schema.customers, 'merged');

const mergeViews = async (tx: Tx, where: ReturnType<typeof and>) => {
  const rows = await tx
    .select({ entry: schema.customerMerges, survivorName: survivor.name, mergedName: merged.name })
    .from(schema.customerMerges)
    .innerJoin(survivor, eq(survivor.id, schema.customerMerges.survivorId))
    .innerJoin(merged, eq(merged.id, schema.customerMerges.mergedId))
    .where(where)
    .orderBy(desc(schema.customerMerges.createdAt), desc(schema.customerMerges.id));
  return rows.map(({ entry: e, survivorName, mergedName }) => ({
    id: e.id,
    kind: e.kind,
    survivorId: e.survivorId,
    survivorName,
    mergedId: e.mergedId,
    mergedName,
    reason: e.reason,
    confidence: e.confidence,
    mergedBy: e.mergedBy,
    createdAt: e.createdAt,
    movedLinkIds: e.movedLinkIds,
    movedConversationIds: e.movedConversationIds,
    undoneAt: e.undoneAt,
    undoneBy: e.undoneBy,
  }));
};

export type MergeView = Awaited<ReturnType<typeof getMergeView>>;
