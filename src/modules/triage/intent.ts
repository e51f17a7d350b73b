/**
 * Intent from the built-in taxonomy: the intent model's scores, nudged by the lexical rules that
 * fire and by the complaint model. The same rules, in their priority order, make the weak labels
 * the model is trained on (`weakIntentLabel`).
 */
import { INTENTS, intentRuleHits, type Intent, type RuleHit } from './signals/intent-rules.ts';

/** added to a class's logit when one of its rules fires */
const RULE_BOOST = 1.5;
/** intents a rule names precisely; questions and praise are weaker signals than a complaint */
const SPECIFIC: ReadonlySet<Intent> = new Set(['spam', 'outage_report', 'churn_risk', 'bug_report', 'billing', 'feature_request', 'purchase_intent']);
const COMPLAINT = INTENTS.indexOf('complaint');
const OTHER = INTENTS.indexOf('other');
const PRAISE = INTENTS.indexOf('praise');

export interface IntentResult {
  intent: Intent;
  score: number;
  /** the rule words that fired, for reasons */
  evidence: RuleHit[];
}

/**
 * `logits` are the intent model's raw scores; on return they hold the final probabilities.
 * `complaintProb` is the complaint model's probability, `positiveProb` the sentiment model's.
 */
export const decideIntent = (
  logits: Float64Array, hits: readonly RuleHit[], complaintProb: number, positiveProb: number,
): IntentResult => {
  const K = INTENTS.length;
  let specific = false;
  for (const h of hits) {
    logits[INTENTS.indexOf(h.intent)]! += RULE_BOOST;
    if (SPECIFIC.has(h.intent)) specific = true;
  }
  // the complaint model is trained on gold labels: it pulls towards complaint and away from "other",
  // unless a rule named a more precise intent (a bug report is a complaint too, but more useful)
  if (!specific) logits[COMPLAINT]! += 2 * (complaintProb - 0.5);
  logits[OTHER]! -= 1.5 * Math.max(0, complaintProb - 0.5);
  // a clearly positive message to a brand is mostly thanks or praise
  logits[PRAISE]! += 2 * Math.max(0, positiveProb - 0.6);
  let max = -Infinity;
  for (let k = 0; k < K; k++) if (logits[k]! > max) max = logits[k]!;
  let sum = 0;
  let best = 0;
  for (let k = 0; k < K; k++) {
    const e = Math.exp(logits[k]! - max);
    logits[k] = e;
    sum += e;
    if (e > logits[best]!) best = k;
  }
  for (let k = 0; k < K; k++) logits[k]! /= sum;
  const intent = INTENTS[best]!;
  return { intent, score: logits[best]!, evidence: hits.filter((h) => h.intent === intent) };
};

/**
 * Weak label for training: a precise rule first, then the gold complaint label (or the complaint
 * model's confident say), then question/praise rules, else other.
 */
export const weakIntentLabel = (normText: string, complaint: { gold?: boolean; prob?: number }): Intent => {
  const hits = intentRuleHits(normText);
  const specific = hits.find((h) => SPECIFIC.has(h.intent));
  if (specific) return specific.intent;
  if (complaint.gold === true || (complaint.gold === undefined && (complaint.prob ?? 0) > 0.75)) return 'complaint';
  const soft = hits[0];
  return soft ? soft.intent : 'other';
};

export { intentRuleHits };
