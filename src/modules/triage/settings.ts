/**
 * Priority weights: how much each signal adds to a mention's 0–100 priority. A workspace stores
 * its own (partial) weights; `resolveWeights` lays them over the defaults.
 */
import type { Intent } from './signals/intent-rules.ts';
import type { UrgencyCue } from './signals/urgency-cues.ts';

export interface TriageWeights {
  /** every mention starts here */
  base: number;
  /** × probability the mention is negative */
  negative: number;
  /** × complaint probability */
  complaint: number;
  /** × needs-response probability */
  needsResponse: number;
  /** points per intent (negative for noise such as spam) */
  intent: Record<Intent, number>;
  /** points per urgency cue; `waiting` is reached after `waitingFullAfterMinutes` */
  urgency: Record<UrgencyCue, number>;
  /** × influence score (0–1: followers on a log scale, verified, engagement, reputation) */
  influence: number;
  /** a VIP customer */
  vip: number;
  /** points per customer tier (CRM value), by tier name */
  tier: Record<string, number>;
  /** minutes of waiting that earn the full `urgency.waiting` points (linear before) */
  waitingFullAfterMinutes: number;
  /** needs-response probability above which `needsResponse` is true */
  needsResponseThreshold: number;
  /** complaint probability above which `complaint` is true */
  complaintThreshold: number;
}

export type TriageWeightsOverride = Partial<Omit<TriageWeights, 'intent' | 'urgency' | 'tier'>> & {
  intent?: Partial<Record<Intent, number>>;
  urgency?: Partial<Record<UrgencyCue, number>>;
  tier?: Record<string, number>;
};

export const DEFAULT_WEIGHTS: Readonly<TriageWeights> = Object.freeze({
  base: 5,
  negative: 12,
  complaint: 15,
  needsResponse: 15,
  intent: {
    outage_report: 12, churn_risk: 12, bug_report: 8, billing: 8, complaint: 6, question: 6, purchase_intent: 6,
    feature_request: 2, praise: 0, other: 0, spam: -40,
  },
  urgency: { outage: 8, safety: 25, legal: 15, media: 12, cancellation: 10, repeated_contact: 8, waiting: 12 },
  influence: 20,
  vip: 15,
  tier: { enterprise: 10, premium: 8, business: 6, pro: 4, free: 0 },
  waitingFullAfterMinutes: 120,
  needsResponseThreshold: 0.5,
  complaintThreshold: 0.5,
});

export const resolveWeights = (override?: TriageWeightsOverride): TriageWeights => {
  if (!override) return DEFAULT_WEIGHTS;
  return {
    ...DEFAULT_WEIGHTS,
    ...override,
    intent: { ...DEFAULT_WEIGHTS.intent, ...override.intent },
    urgency: { ...DEFAULT_WEIGHTS.urgency, ...override.urgency },
    tier: { ...DEFAULT_WEIGHTS.tier, ...override.tier },
  };
};
