/**
 * How the shipped complaint model is trained: the complaint corpus (Preotiuc-Pietro et al. 2019),
 * the shared hashed features, plus the signal features (sentiment probabilities, intent rules and
 * urgency cues, see signal-features.ts): complaints are mostly negative, and the 47k SemEval tweets
 * teach that better than 1.7k can.
 */
import { fitLinear, type FitItem } from '../linear/fit.ts';
import { probabilitiesInto, type LinearModel } from '../linear/linear-model.ts';
import { appendSignalFeatures, textSignals } from './signal-features.ts';
import { SHIPPED_BITS, SHIPPED_FEATURES } from './shared-features.ts';

export const COMPLAINT_CLASSES = ['not_complaint', 'complaint'] as const;

export const trainComplaintModel = (
  items: readonly FitItem[], sentiment: LinearModel, opts: { seed?: number } = {},
): LinearModel => {
  const probs = new Float64Array(3);
  return fitLinear(items, COMPLAINT_CLASSES, {
    features: SHIPPED_FEATURES,
    table: { kind: 'dense', bits: SHIPPED_BITS },
    epochs: 20, learningRate: 0.1, l2: 1e-6, seed: opts.seed ?? 1, balance: 1, shuffles: 3,
    meta: { name: 'complaint', data: 'complaints corpus (ACL 2019), 1,724 tweets' },
    extraFeatures: (tokens, fv) => {
      probabilitiesInto(sentiment, fv, probs);
      appendSignalFeatures(fv, probs, textSignals(tokens.norm));
    },
  });
};
