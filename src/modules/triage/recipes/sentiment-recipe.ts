/** How the shipped sentiment model is trained (SemEval 2013–2016 tweets, 3 classes, balanced). */
import { fitLinear, type FitItem } from '../linear/fit.ts';
import type { LinearModel } from '../linear/linear-model.ts';
import { SHIPPED_BITS, SHIPPED_FEATURES } from './shared-features.ts';

export const SENTIMENT_CLASSES = ['negative', 'neutral', 'positive'] as const;
export type SentimentLabel = (typeof SENTIMENT_CLASSES)[number];

export const trainSentimentModel = (items: readonly FitItem[], seed = 1): LinearModel =>
  fitLinear(items, SENTIMENT_CLASSES, {
    features: SHIPPED_FEATURES,
    table: { kind: 'dense', bits: SHIPPED_BITS },
    // few epochs (more overfit the 2013–2016 tweets), averaged over four shuffles (less variance)
    epochs: 4, learningRate: 0.1, l2: 1e-6, seed, balance: 1, shuffles: 4,
    meta: { name: 'sentiment', data: 'SemEval 2013–2016 task 4A (validation tweets removed)' },
  });
