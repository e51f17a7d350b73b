import { Type, type Static } from 'typebox';
import { Strict } from './common.ts';

/** A workspace's priority weights: what it overrides of the defaults (src/modules/triage/settings.ts). */

const Points = Type.Number({ minimum: -100, maximum: 100 });
const Fraction = Type.Number({ minimum: 0.05, maximum: 0.95 });
const PointsByName = Type.Record(Type.String({ minLength: 1, maxLength: 64 }), Points, { maxProperties: 50 });

export const TriageWeightsOverrideBody = Strict({
  base: Type.Optional(Points),
  negative: Type.Optional(Points),
  complaint: Type.Optional(Points),
  needsResponse: Type.Optional(Points),
  influence: Type.Optional(Points),
  vip: Type.Optional(Points),
  /** Keys are intents (outage_report, billing, …); checked against the model's list. */
  intent: Type.Optional(PointsByName),
  /** Keys are urgency cues (outage, safety, …); checked against the model's list. */
  urgency: Type.Optional(PointsByName),
  /** Keys are customer tiers, free-form. */
  tier: Type.Optional(PointsByName),
  waitingFullAfterMinutes: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_080 })),
  needsResponseThreshold: Type.Optional(Fraction),
  complaintThreshold: Type.Optional(Fraction),
});
export type TriageWeightsOverrideBody = Static<typeof TriageWeightsOverrideBody>;

const Weights = Type.Record(Type.String(), Type.Unknown());

export const TriageWeightsView = Type.Object({
  /** What the workspace set (empty: all defaults). */
  override: Weights,
  defaults: Weights,
  /** The defaults with the override laid over them: what triage uses. */
  effective: Weights,
});
export type TriageWeightsView = Static<typeof TriageWeightsView>;
