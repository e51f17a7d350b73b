import { and, eq, schema, sql, type Tx } from '../../platform/db/index.ts';
import { conflict, notFound } from '../../platform/errors/index.ts';
import { recordAudit } from '../access/index.ts';
import type { CustomerActor } from './actor.ts';

export interface CustomerChanges {
  name?: string | null;
  email?: string | null;
  tier?: string | null;
  isVip?: boolean;
  attributes?: Record<string, unknown>;
  notes?: string | null;
  optedOut?: boolean;
}

/** Locks and returns a live (not merged) customer of the workspace, or explains why it cannot change. */
export const lockLiveCustomer = async (tx: Tx, workspaceId: string, customerId: string) => {
  const [customer] = await tx
    .select()
    .from(schema.customers)
    .where(and(eq(schema.customers.workspaceId, workspaceId), eq(schema.customers.id, customerId)))
    .for('update');
  if (!customer) throw notFound('Customer');
  if (customer.mergedIntoId) throw conflict(`This customer was merged into ${customer.mergedIntoId}; change that one, or undo the merge first`);
  return customer;
};

/**
 * Edits what a person knows of the customer. The audit row names the fields changed and the
 * flags set, never the free text (notes, email) itself.
 */
export const updateCustomer = async (tx: Tx, by: CustomerActor, customerId: string, changes: CustomerChanges): Promise<void> => {
  await lockLiveCustomer(tx, by.workspaceId, customerId);
  const fields = Object.keys(changes);
  if (!fields.length) return;
  // Stored lower-cased, as the pipeline stores them: duplicate lookups compare emails with plain equality.
  const set = { ...changes, ...(changes.email !== undefined ? { email: changes.email?.trim().toLowerCase() ?? null } : {}) };
  await tx
    .update(schema.customers)
    .set({ ...set, updatedAt: sql`now()` })
    .where(and(eq(schema.customers.workspaceId, by.workspaceId), eq(schema.customers.id, customerId)));
  const flags = Object.fromEntries(Object.entries(changes).filter(([k]) => k === 'tier' || k === 'isVip' || k === 'optedOut'));
  await recordAudit(tx, by, { action: 'customer.updated', subjectType: 'customer', subjectId: customerId, data: { fields, ...flags } });
};
