/**
 * A linear classifier over hashed features, and its JSON form.
 * Two table kinds: `dense` (row = hash & (dim-1), for shipped models: one array read per feature) and
 * `sparse` (row = a lookup of the hash among the features seen in training, for compact per-workspace
 * models). Weights are stored as int8 with one scale per class; that keeps files small and costs
 * nothing measurable in accuracy (the eval scores the stored, quantised files).
 */
import type { FeatureConfig, FeatureVector } from '../text/features.ts';
import { softmaxInPlace } from './train-linear.ts';

export interface LinearModel {
  classes: string[];
  features: FeatureConfig;
  table: { kind: 'dense'; dim: number } | { kind: 'sparse'; rowOf: Map<number, number> };
  /** rows × classes, row-major */
  weights: Float32Array;
  bias: Float32Array;
  /** per-row inverse document frequency: values are weighted by it and re-normalised (tf-idf) */
  idf?: Float32Array;
  meta: Record<string, unknown>;
}

export interface LinearModelJson {
  format: 'lookout-linear/1';
  classes: string[];
  features: FeatureConfig;
  table: { kind: 'dense'; dim: number } | { kind: 'sparse'; keys: string };
  scales: number[];
  /** dense: int8 rows × classes; sparse: only the entries that survive pruning (see `entries`) */
  weights: string;
  /** sparse only: per row, how many entries it has (uint16), and each entry's class (uint16) */
  entries?: { perRow: string; classes: string };
  /** sparse only: idf per row × 1000 as uint16 */
  idf?: string;
  bias: number[];
  meta: Record<string, unknown>;
}

let rowsScratch = new Int32Array(1024);
let valsScratch = new Float64Array(1024);
const scratchRows = (n: number): Int32Array => (rowsScratch.length >= n ? rowsScratch : (rowsScratch = new Int32Array(n * 2)));
const scratchVals = (n: number): Float64Array => (valsScratch.length >= n ? valsScratch : (valsScratch = new Float64Array(n * 2)));

/** Adds the model's raw class scores (logits) for the features into `out`. */
export const scoreInto = (model: LinearModel, fv: FeatureVector, out: Float64Array): Float64Array => {
  const K = model.classes.length;
  const W = model.weights;
  for (let k = 0; k < K; k++) out[k] = model.bias[k]!;
  const { hashes, values, size } = fv;
  const table = model.table;
  if (table.kind === 'dense') {
    const mask = table.dim - 1;
    if (K === 2) {
      for (let i = 0; i < size; i++) {
        const b = (hashes[i]! & mask) * 2;
        const v = values[i]!;
        out[0]! += v * W[b]!;
        out[1]! += v * W[b + 1]!;
      }
    } else {
      for (let i = 0; i < size; i++) {
        const b = (hashes[i]! & mask) * K;
        const v = values[i]!;
        for (let k = 0; k < K; k++) out[k]! += v * W[b + k]!;
      }
    }
  } else if (model.idf) {
    // tf-idf: weigh each known feature by its idf, then scale the vector to unit length
    const { rowOf } = table;
    const idf = model.idf;
    const rows = scratchRows(size);
    const vals = scratchVals(size);
    let n = 0;
    let norm = 0;
    for (let i = 0; i < size; i++) {
      const r = rowOf.get(hashes[i]!);
      if (r === undefined) continue;
      const v = values[i]! * idf[r]!;
      rows[n] = r;
      vals[n++] = v;
      norm += v * v;
    }
    const inv = norm > 0 ? 1 / Math.sqrt(norm) : 0;
    for (let i = 0; i < n; i++) {
      const b = rows[i]! * K;
      const v = vals[i]! * inv;
      for (let k = 0; k < K; k++) out[k]! += v * W[b + k]!;
    }
  } else {
    const rowOf = table.rowOf;
    for (let i = 0; i < size; i++) {
      const r = rowOf.get(hashes[i]!);
      if (r === undefined) continue;
      const b = r * K;
      const v = values[i]!;
      for (let k = 0; k < K; k++) out[k]! += v * W[b + k]!;
    }
  }
  return out;
};

export const probabilitiesInto = (model: LinearModel, fv: FeatureVector, out: Float64Array): Float64Array => {
  scoreInto(model, fv, out);
  softmaxInPlace(out, model.classes.length);
  return out;
};

const toBase64 = (a: ArrayBufferView): string => Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString('base64');
const fromBase64 = (s: string): Buffer => Buffer.from(s, 'base64');

/**
 * Weights below this fraction of their class's largest weight are dropped from sparse models: they
 * change no decision measurably and are most of the entries (a per-workspace model stays ~1–3 MB).
 */
const PRUNE_BELOW = 2.5;

export const encodeModel = (model: LinearModel): LinearModelJson => {
  const K = model.classes.length;
  const W = model.weights;
  const rows = W.length / K;
  const scales = new Array<number>(K).fill(0);
  for (let i = 0; i < W.length; i++) {
    const k = i % K;
    const a = Math.abs(W[i]!);
    if (a > scales[k]!) scales[k] = a;
  }
  for (let k = 0; k < K; k++) scales[k] = scales[k]! / 127 || 1;
  const quantize = (i: number): number => Math.max(-127, Math.min(127, Math.round(W[i]! / scales[i % K]!)));
  const base = {
    format: 'lookout-linear/1' as const, classes: model.classes, features: model.features, scales,
    bias: Array.from(model.bias, (b) => Number(b.toPrecision(7))), meta: model.meta,
  };
  if (model.table.kind === 'dense') {
    const q = new Int8Array(rows * K);
    for (let i = 0; i < W.length; i++) q[i] = quantize(i);
    return { ...base, table: { kind: 'dense', dim: model.table.dim }, weights: toBase64(q) };
  }
  const keys = new Uint32Array(rows);
  for (const [hash, row] of model.table.rowOf) keys[row] = hash;
  const perRow = new Uint16Array(rows);
  const cls: number[] = [];
  const q: number[] = [];
  for (let r = 0; r < rows; r++) {
    for (let k = 0; k < K; k++) {
      const i = r * K + k;
      if (Math.abs(W[i]!) < PRUNE_BELOW * scales[k]!) continue;
      perRow[r]!++;
      cls.push(k);
      q.push(quantize(i));
    }
  }
  return {
    ...base,
    table: { kind: 'sparse', keys: toBase64(keys) },
    weights: toBase64(Int8Array.from(q)),
    entries: { perRow: toBase64(perRow), classes: toBase64(Uint16Array.from(cls)) },
    ...(model.idf ? { idf: toBase64(Uint16Array.from(model.idf, (x) => Math.round(x * 1000))) } : {}),
  };
};

const typed = <T>(s: string, make: (b: ArrayBuffer) => T): T => {
  const b = fromBase64(s);
  return make(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer);
};

export const decodeModel = (json: LinearModelJson): LinearModel => {
  if (json?.format !== 'lookout-linear/1') throw new Error('not a lookout-linear/1 model');
  const K = json.classes.length;
  const q = typed(json.weights, (b) => new Int8Array(b));
  const bias = Float32Array.from(json.bias);
  const meta = json.meta ?? {};
  if (json.table.kind === 'dense') {
    const weights = new Float32Array(q.length);
    for (let i = 0; i < q.length; i++) weights[i] = q[i]! * json.scales[i % K]!;
    if (weights.length !== json.table.dim * K) throw new Error('model weights do not match its table');
    return { classes: json.classes, features: json.features, table: { kind: 'dense', dim: json.table.dim }, weights, bias, meta };
  }
  if (!json.entries) throw new Error('sparse model without entries');
  const keys = typed(json.table.keys, (b) => new Uint32Array(b));
  const perRow = typed(json.entries.perRow, (b) => new Uint16Array(b));
  const cls = typed(json.entries.classes, (b) => new Uint16Array(b));
  const rowOf = new Map<number, number>();
  for (let r = 0; r < keys.length; r++) rowOf.set(keys[r]!, r);
  const weights = new Float32Array(keys.length * K);
  let e = 0;
  for (let r = 0; r < keys.length; r++) {
    for (let n = perRow[r]!; n > 0; n--, e++) weights[r * K + cls[e]!] = q[e]! * json.scales[cls[e]!]!;
  }
  const idf = json.idf ? Float32Array.from(typed(json.idf, (b) => new Uint16Array(b)), (x) => x / 1000) : undefined;
  return { classes: json.classes, features: json.features, table: { kind: 'sparse', rowOf }, weights, bias, ...(idf ? { idf } : {}), meta };
};
