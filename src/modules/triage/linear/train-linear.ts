/**
 * Multinomial logistic regression trained by AdaGrad SGD over sparse rows.
 * Deterministic given the seed (seeded shuffle, fixed order of updates). Rows are feature slots:
 * a dense hashed table (hash & mask) or a compact vocabulary built from the training set.
 */
import { seededRandom } from '../../../platform/random/index.ts';

/** Re-exported for the callers that already import it from here. */
export { seededRandom };

export interface TrainExample {
  rows: Int32Array;
  values: Float32Array;
  label: number;
  /** per-example weight (class balancing, weak labels); 1 when absent */
  weight?: number;
}

export interface TrainOptions {
  rowCount: number;
  classCount: number;
  epochs: number;
  learningRate: number;
  l2: number;
  seed: number;
  /** multiplies each class's loss, e.g. to balance classes for macro recall */
  classWeights?: ArrayLike<number>;
  /** AdaGrad's starting accumulator: damps the first steps so rarely-wrong classes barely move */
  initialAccumulator?: number;
  /** class gradients smaller than this are skipped (they would move weights by almost nothing) */
  minGradient?: number;
}

export interface TrainedWeights {
  weights: Float32Array;
  bias: Float32Array;
}


export const shuffleInPlace = <T>(items: T[], random: () => number): T[] => {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const t = items[i]!;
    items[i] = items[j]!;
    items[j] = t;
  }
  return items;
};

export const softmaxInPlace = (scores: Float64Array, n = scores.length): void => {
  let max = -Infinity;
  for (let k = 0; k < n; k++) if (scores[k]! > max) max = scores[k]!;
  let sum = 0;
  for (let k = 0; k < n; k++) {
    const e = Math.exp(scores[k]! - max);
    scores[k] = e;
    sum += e;
  }
  for (let k = 0; k < n; k++) scores[k]! /= sum;
};

export const trainSoftmax = (examples: readonly TrainExample[], opts: TrainOptions): TrainedWeights => {
  const K = opts.classCount;
  const W = new Float32Array(opts.rowCount * K);
  const G = new Float32Array(opts.rowCount * K).fill(opts.initialAccumulator ?? 0.1);
  const minGrad = opts.minGradient ?? 1e-3;
  const bias = new Float32Array(K);
  const gBias = new Float64Array(K).fill(opts.initialAccumulator ?? 0.1);
  const p = new Float64Array(K);
  const grad = new Float64Array(K);
  const active = new Int32Array(K);
  const order = examples.map((_, i) => i);
  const random = seededRandom(opts.seed);
  const { learningRate: lr, l2 } = opts;
  for (let epoch = 0; epoch < opts.epochs; epoch++) {
    shuffleInPlace(order, random);
    for (const i of order) {
      const ex = examples[i]!;
      const { rows, values } = ex;
      for (let k = 0; k < K; k++) p[k] = bias[k]!;
      for (let f = 0; f < rows.length; f++) {
        const base = rows[f]! * K;
        const v = values[f]!;
        for (let k = 0; k < K; k++) p[k]! += v * W[base + k]!;
      }
      const w = (ex.weight ?? 1) * (opts.classWeights ? opts.classWeights[ex.label]! : 1);
      softmaxInPlace(p, K);
      // only classes with a gradient worth applying are updated: with many classes most are ~0
      let nActive = 0;
      for (let k = 0; k < K; k++) {
        const g = (p[k]! - (k === ex.label ? 1 : 0)) * w;
        gBias[k]! += g * g;
        bias[k]! -= (lr * g) / Math.sqrt(gBias[k]!);
        if (g <= -minGrad || g >= minGrad) {
          active[nActive] = k;
          grad[nActive++] = g;
        }
      }
      for (let f = 0; f < rows.length; f++) {
        const base = rows[f]! * K;
        const v = values[f]!;
        for (let a = 0; a < nActive; a++) {
          const j = base + active[a]!;
          const g = grad[a]! * v + l2 * W[j]!;
          const acc = G[j]! + g * g;
          G[j] = acc;
          W[j]! -= (lr * g) / Math.sqrt(acc);
        }
      }
    }
  }
  return { weights: W, bias };
};
