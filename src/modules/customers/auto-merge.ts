import { and, eq, inArray, isNull, schema, type Tx } from '../../platform/db/index.ts';
import type { DomainEvent } from '../../platform/events/index.ts';
import { SYSTEM_ACTOR } from './actor.ts';
import { mergeCustomers } from './merge-customers.ts';
import type { MergeEntry } from './merge-history.ts';
import { EMAIL_CONFIDENCE, findSameEmail } from './duplicate-signals.ts';
import { separatedFrom } from './suggest-duplicates.ts';

/** Nothing merges without a person unless the evidence is at least this strong. */
export const AUTO_MERGE_MIN_CONFIDENCE = 0.95;
export const AUTO_MERGE_SETTING = 'autoMergeExactEmail';

/**
 * For the pipeline, after it resolved a batch's authors: merges customers that share an exact
 * email address, when the workspace opted in (`settings.autoMergeExactEmail: true`). The oldest
 * customer survives; each merge is audited as the system with its reason, and reversible like
 * any other. A pair a person separated before (an undone merge, a split) is left alone.
 * The caller records the returned events in its transaction.
 */
export const autoMergeExactEmail = async (tx: Tx, workspaceId: string, customerIds: string[]): Promise<{ merges: MergeEntry[]; events: DomainEvent[] }> => {
  const merges: MergeEntry[] = [];
  const events: DomainEvent[] = [];
  if (!customerIds.length || EMAIL_CONFIDENCE < AUTO_MERGE_MIN_CONFIDENCE) return { merges, events };
  const [ws] = await tx.select({ settings: schema.workspaces.settings }).from(schema.workspaces).where(eq(schema.workspaces.id, workspaceId));
  if (ws?.settings[AUTO_MERGE_SETTING] !== true) return { merges, events };

  for (const customerId of new Set(customerIds)) {
    const [self] = await tx
      .select({ id: schema.customers.id })
      .from(schema.customers)
      .where(and(eq(schema.customers.workspaceId, workspaceId), eq(schema.customers.id, customerId), isNull(schema.customers.mergedIntoId)));
    if (!self) continue; // merged earlier in this loop, or gone
    const same = await findSameEmail(tx, workspaceId, customerId);
    if (!same.length) continue;
    const group = await tx
      .select({ id: schema.customers.id, createdAt: schema.customers.createdAt })
      .from(schema.customers)
      .where(and(inArray(schema.customers.id, [customerId, ...same.map((s) => s.customerId)]), isNull(schema.customers.mergedIntoId)))
      .orderBy(schema.customers.createdAt, schema.customers.id);
    const survivor = group[0]!;
    const emailOf = new Map(same.map((s) => [s.customerId, s.email]));
    const joined = [survivor.id];
    for (const other of group.slice(1)) {
      const separated = await separatedFrom(tx, workspaceId, other.id);
      if (joined.some((id) => separated.has(id))) continue;
      joined.push(other.id);
      const email = emailOf.get(other.id) ?? emailOf.get(survivor.id) ?? '';
      const reason = `same email address (${email}), merged automatically (settings.${AUTO_MERGE_SETTING})`;
      const { merge, events: e } = await mergeCustomers(tx, SYSTEM_ACTOR(workspaceId), { survivorId: survivor.id, otherId: other.id, reason, confidence: EMAIL_CONFIDENCE });
      merges.push(merge);
      events.push(...e);
    }
  }
  return { merges, events };
};
