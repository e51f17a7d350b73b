/**
 * Features the complaint and intent models read besides the text's n-grams: the sentiment model's
 * negative/positive probabilities, and which intent rules and urgency cues fire (lexical knowledge
 * that carries further than 1.7k labelled tweets do). Used the same way in training and at run time.
 */
import { INTENTS, intentRuleHits, type RuleHit } from '../signals/intent-rules.ts';
import { URGENCY_CUES, findTextCues, type CueHit } from '../signals/urgency-cues.ts';
import { shapeFeature, type FeatureVector } from '../text/features.ts';

export interface TextSignals {
  hits: RuleHit[];
  cues: CueHit[];
}

const NEG = shapeFeature('sentiment:negative');
const POS = shapeFeature('sentiment:positive');
const RULE_FEATURES = new Map(INTENTS.map((i) => [i, shapeFeature(`rule:${i}`)]));
const CUE_FEATURES = new Map(URGENCY_CUES.map((c) => [c, shapeFeature(`cue:${c}`)]));

/** Rule hits and cues of a tokenised text's normalised form (`tokens.norm`). */
export const textSignals = (norm: string): TextSignals => {
  const text = norm.trim();
  return { hits: intentRuleHits(text), cues: findTextCues(text) };
};

export const appendSignalFeatures = (fv: FeatureVector, sentimentProbs: ArrayLike<number>, signals: TextSignals): void => {
  fv.push(NEG, sentimentProbs[0]!);
  fv.push(POS, sentimentProbs[2]!);
  for (const h of signals.hits) fv.push(RULE_FEATURES.get(h.intent)!, 1);
  for (const c of signals.cues) fv.push(CUE_FEATURES.get(c.cue)!, 1);
};
