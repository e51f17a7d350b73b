import { and, eq, or, schema, type Database, type Tx } from '../../platform/db/index.ts';
import { notFound } from '../../platform/errors/index.ts';
import { loadSummaries, type CustomerSummary } from './customer-summaries.ts';
import { EMAIL_CONFIDENCE, loadProfile, sameEmail, sameHandle, sharedUrl, similarName, type Hint, type SuggestionReason } from './duplicate-signals.ts';

export interface DuplicateSuggestion {
  customer: CustomerSummary;
  confidence: number;
  reasons: SuggestionReason[];
  previouslyUnmerged: boolean;
}

/**
 * Several independent hints add up (noisy-or), but only a shared email address reaches the
 * confidence at which a workspace may merge automatically.
 */
export const combineConfidence = (reasons: SuggestionReason[]): number => {
  const either = 1 - reasons.reduce((p, r) => p * (1 - r.confidence), 1);
  const hasEmail = reasons.some((r) => r.kind === 'email');
  return Math.round((hasEmail ? Math.max(EMAIL_CONFIDENCE, either) : Math.min(0.9, either)) * 100) / 100;
};

/** Pairs a person separated (an undone merge, or a split still in place): never merged automatically. */
export const separatedFrom = async (tx: Tx, workspaceId: string, customerId: string): Promise<Set<string>> => {
  const m = schema.customerMerges;
  const rows = await tx
    .select({ kind: m.kind, survivorId: m.survivorId, mergedId: m.mergedId, undoneAt: m.undoneAt })
    .from(m)
    .where(and(eq(m.workspaceId, workspaceId), or(eq(m.survivorId, customerId), eq(m.mergedId, customerId))));
  const separated = rows.filter((r) => (r.kind === 'merge') === (r.undoneAt !== null));
  return new Set(separated.map((r) => (r.survivorId === customerId ? r.mergedId : r.survivorId)));
};

/**
 * Candidate duplicates of a customer, each with its reasons and a confidence: the same email
 * address (0.95), the same handle on two networks (0.7), a shared profile link or website (0.8),
 * similar names (0.4–0.6 by trigram similarity). Merged customers are never candidates.
 * The candidates are found on the system path (see duplicate-signals.ts) with every query bound
 * to the workspace; the customer itself and what is shown of the candidates go through the tenant wall.
 */
export const suggestDuplicates = async (db: Database, workspaceId: string, customerId: string, limit = 20): Promise<DuplicateSuggestion[]> => {
  const [customer] = await db.tenant(workspaceId, (tx) =>
    tx
      .select({ id: schema.customers.id })
      .from(schema.customers)
      .where(and(eq(schema.customers.workspaceId, workspaceId), eq(schema.customers.id, customerId))),
  );
  if (!customer) throw notFound('Customer');

  const hints: Hint[] = await db.system(async (tx) => {
    const profile = await loadProfile(tx, workspaceId, customerId);
    return [
      ...(await sameEmail(tx, workspaceId, customerId, profile.emails)).map((r) => ({
        customerId: r.customerId,
        reason: { kind: 'email' as const, detail: `same email address (${r.email})`, confidence: EMAIL_CONFIDENCE },
      })),
      ...(await sameHandle(tx, workspaceId, customerId, profile.handles)),
      ...(await sharedUrl(tx, workspaceId, customerId, profile.urls)),
      ...(await similarName(tx, workspaceId, customerId, profile.names)),
    ];
  });
  // The strongest reason of each kind, per candidate.
  const reasons = new Map<string, Map<string, SuggestionReason>>();
  for (const { customerId: id, reason } of hints) {
    const byKind = reasons.get(id) ?? new Map<string, SuggestionReason>();
    const best = byKind.get(reason.kind);
    if (!best || reason.confidence > best.confidence) byKind.set(reason.kind, reason);
    reasons.set(id, byKind);
  }
  const ranked = [...reasons.entries()]
    .map(([id, byKind]) => ({ id, reasons: [...byKind.values()].sort((a, b) => b.confidence - a.confidence) }))
    .map((c) => ({ ...c, confidence: combineConfidence(c.reasons) }))
    .sort((a, b) => b.confidence - a.confidence || a.id.localeCompare(b.id))
    .slice(0, limit);

  return db.tenant(workspaceId, async (tx) => {
    const summaries = new Map((await loadSummaries(tx, workspaceId, ranked.map((c) => c.id))).map((s) => [s.id, s]));
    const separated = await separatedFrom(tx, workspaceId, customerId);
    return ranked.flatMap((c) => {
      const summary = summaries.get(c.id);
      return summary && !summary.mergedIntoId ? [{ customer: summary, confidence: c.confidence, reasons: c.reasons, previouslyUnmerged: separated.has(c.id) }] : [];
    });
  });
};
