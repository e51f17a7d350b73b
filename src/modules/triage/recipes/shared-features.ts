/**
 * The shipped models (sentiment, complaint, intent) share one feature configuration, so a mention is
 * tokenised and featurised once and then scored by each model: that is most of the speed budget.
 */
import type { FeatureConfig } from '../text/features.ts';

export const SHIPPED_FEATURES: FeatureConfig = {
  wordNgrams: 2, charMin: 3, charMax: 5, wordWeight: 1, charWeight: 0.5, shapeWeight: 1,
};

/** 2^18 rows: with int8 weights a 3-class model is ~1 MB of base64 and loses nothing measurable to collisions */
export const SHIPPED_BITS = 18;
