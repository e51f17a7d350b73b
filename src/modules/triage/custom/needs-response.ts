/**
 * A workspace's own needs-response model, learnt from its team's history: mentions the team
 * answered versus dismissed. It is a small custom classifier (labels `respond` / `dismiss`) whose
 * probability is blended with the shipped signal; the blend leans on the workspace's model as it
 * sees more examples (n / (n + 200), at most 0.8), so a few dozen decisions nudge, thousands steer.
 */
import { classifierProbabilities, trainClassifier, type CustomClassifier } from './custom-classifier.ts';

export interface NeedsResponseExample {
  text: string;
  /** true: the team answered it; false: dismissed as needing no answer */
  answered: boolean;
}

export interface NeedsResponseModel {
  format: 'lookout-needs-response/1';
  classifier: CustomClassifier;
  /** share of the workspace model in the blend */
  blend: number;
  examples: { answered: number; dismissed: number };
}

const BLEND_HALF_AT = 200;
const MAX_BLEND = 0.8;

export const trainNeedsResponseModel = (
  examples: readonly NeedsResponseExample[], opts: { seed?: number } = {},
): NeedsResponseModel => {
  const labelled = examples
    .filter((e) => e && typeof e.text === 'string')
    .map((e) => ({ text: e.text, label: e.answered ? 'respond' : 'dismiss' }));
  const answered = labelled.filter((e) => e.label === 'respond').length;
  const dismissed = labelled.length - answered;
  if (answered === 0 || dismissed === 0) throw new Error('needs both answered and dismissed examples');
  const n = labelled.length;
  return {
    format: 'lookout-needs-response/1',
    classifier: trainClassifier(labelled, { seed: opts.seed ?? 1 }),
    blend: Math.min(MAX_BLEND, n / (n + BLEND_HALF_AT)),
    examples: { answered, dismissed },
  };
};

/** The shipped probability moved towards the workspace model's view. */
export const blendNeedsResponse = (shippedProb: number, model: NeedsResponseModel, text: string): number => {
  const p = classifierProbabilities(model.classifier, text).respond ?? shippedProb;
  return model.blend * p + (1 - model.blend) * shippedProb;
};
