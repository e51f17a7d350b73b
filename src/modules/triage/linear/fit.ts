/**
 * Featurise a labelled set and fit a linear model: `dense` (hashed table of 2^bits rows, for the
 * shipped models) or `sparse` (only the features seen in training, for per-workspace models).
 */
import { FeatureVector, featurize, type FeatureConfig } from '../text/features.ts';
import { tokenize, type Tokens } from '../text/tokenize.ts';
import type { LinearModel } from './linear-model.ts';
import { trainSoftmax, type TrainExample } from './train-linear.ts';

export interface FitOptions {
  features: FeatureConfig;
  table: { kind: 'dense'; bits: number } | { kind: 'sparse' };
  epochs: number;
  learningRate: number;
  l2: number;
  seed: number;
  /** weigh classes inversely to their frequency (power 0 = off, 1 = fully balanced) */
  balance: number;
  /** tf-idf: weigh features by inverse document frequency and re-normalise (sparse tables only) */
  idf?: boolean;
  /** sparse tables: drop features seen in fewer training texts (they only memorise; fewer rows train faster) */
  minDf?: number;
  minGradient?: number;
  /**
   * train this many times on different shuffles (seed, seed+1, …) and average the weights: the
   * same cost at prediction, less variance from the order SGD saw the examples in
   */
  shuffles?: number;
  meta?: Record<string, unknown>;
  /** extra features appended to each example (e.g. another model's outputs) */
  extraFeatures?: (tokens: Tokens, out: FeatureVector) => void;
}

export interface FitItem {
  text: string;
  label: string;
  weight?: number;
}

export const fitLinear = (items: readonly FitItem[], classes: readonly string[], opts: FitOptions): LinearModel => {
  const classIndex = new Map(classes.map((c, i) => [c, i]));
  const fv = new FeatureVector();
  const rowOf = new Map<number, number>();
  const mask = opts.table.kind === 'dense' ? (1 << opts.table.bits) - 1 : 0;
  const examples: TrainExample[] = [];
  for (const item of items) {
    const label = classIndex.get(item.label);
    if (label === undefined) continue;
    const tokens = tokenize(item.text);
    featurize(tokens, opts.features, fv);
    opts.extraFeatures?.(tokens, fv);
    // merge repeated features (a char n-gram seen twice) so each row is touched once per example
    const merged = new Map<number, number>();
    for (let i = 0; i < fv.size; i++) {
      const h = fv.hashes[i]!;
      let r: number;
      if (mask) r = h & mask;
      else {
        const known = rowOf.get(h);
        r = known ?? rowOf.size;
        if (known === undefined) rowOf.set(h, r);
      }
      merged.set(r, (merged.get(r) ?? 0) + fv.values[i]!);
    }
    examples.push({
      rows: Int32Array.from(merged.keys()), values: Float32Array.from(merged.values()), label, weight: item.weight ?? 1,
    });
  }
  let idf: Float32Array | undefined;
  if (!mask && (opts.minDf ?? 1) > 1) pruneRareRows(examples, rowOf, opts.minDf!);
  if (opts.idf && !mask) {
    const df = new Float64Array(rowOf.size);
    for (const e of examples) for (const r of e.rows) df[r]!++;
    const n = examples.length;
    idf = Float32Array.from(df, (d) => Math.log((n + 1) / (d + 1)) + 1);
    for (const e of examples) {
      let norm = 0;
      for (let i = 0; i < e.rows.length; i++) {
        e.values[i]! *= idf[e.rows[i]!]!;
        norm += e.values[i]! ** 2;
      }
      const inv = norm > 0 ? 1 / Math.sqrt(norm) : 0;
      for (let i = 0; i < e.values.length; i++) e.values[i]! *= inv;
    }
  }
  const counts = classes.map(() => 0);
  for (const e of examples) counts[e.label]!++;
  const classWeights = counts.map((c) => (c ? (examples.length / classes.length / c) ** opts.balance : 0));
  const rowCount = mask ? mask + 1 : rowOf.size;
  const trainOnce = (seed: number) =>
    trainSoftmax(examples, {
      rowCount, classCount: classes.length, epochs: opts.epochs, learningRate: opts.learningRate, l2: opts.l2,
      seed, classWeights, minGradient: opts.minGradient,
    });
  const runs = Math.max(1, opts.shuffles ?? 1);
  const trained = trainOnce(opts.seed);
  for (let r = 1; r < runs; r++) {
    const next = trainOnce(opts.seed + r);
    for (let i = 0; i < trained.weights.length; i++) trained.weights[i]! += next.weights[i]!;
    for (let k = 0; k < trained.bias.length; k++) trained.bias[k]! += next.bias[k]!;
  }
  if (runs > 1) {
    for (let i = 0; i < trained.weights.length; i++) trained.weights[i]! /= runs;
    for (let k = 0; k < trained.bias.length; k++) trained.bias[k]! /= runs;
  }
  return {
    classes: [...classes],
    features: opts.features,
    table: mask ? { kind: 'dense', dim: mask + 1 } : { kind: 'sparse', rowOf },
    weights: trained.weights,
    bias: trained.bias,
    ...(idf ? { idf } : {}),
    meta: { ...opts.meta, trainedExamples: examples.length, seed: opts.seed },
  };
};

/** Removes rows seen in fewer than `minDf` examples and renumbers the rest (in place). */
const pruneRareRows = (examples: TrainExample[], rowOf: Map<number, number>, minDf: number): void => {
  const df = new Int32Array(rowOf.size);
  for (const e of examples) for (const r of e.rows) df[r]!++;
  const renumber = new Int32Array(rowOf.size).fill(-1);
  let next = 0;
  for (const [hash, row] of rowOf) {
    if (df[row]! >= minDf) {
      renumber[row] = next;
      rowOf.set(hash, next++);
    } else rowOf.delete(hash);
  }
  for (const e of examples) {
    let n = 0;
    for (let i = 0; i < e.rows.length; i++) {
      const r = renumber[e.rows[i]!]!;
      if (r < 0) continue;
      e.rows[n] = r;
      e.values[n++] = e.values[i]!;
    }
    e.rows = e.rows.subarray(0, n);
    e.values = e.values.subarray(0, n);
  }
};
