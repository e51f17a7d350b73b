/**
 * Scores several dense models that share one feature space in a single pass. Their weights are
 * interleaved into one int8 table, one row per hash slot holding every model's classes side by
 * side (sentiment 3 + complaint 2 + intent 11 = 16 bytes), so each feature costs one memory read
 * instead of one per model. That is most of the enrich stage's speed.
 */
import type { FeatureVector } from '../text/features.ts';
import type { LinearModel } from './linear-model.ts';

export interface FusedScorer {
  /** column offset of each model's first class */
  offsets: number[];
  width: number;
  /** adds every model's logits for the features into `out` (length = width) */
  score(fv: FeatureVector, out: Float64Array, from?: number): Float64Array;
}

export const fuseModels = (models: readonly LinearModel[]): FusedScorer => {
  const dims = new Set(models.map((m) => (m.table.kind === 'dense' ? m.table.dim : -1)));
  if (dims.size !== 1 || dims.has(-1)) throw new Error('fused models must be dense with one table size');
  const dim = [...dims][0]!;
  const offsets: number[] = [];
  let width = 0;
  for (const m of models) {
    offsets.push(width);
    width += m.classes.length;
  }
  const table = new Int8Array(dim * width);
  const scales = new Float64Array(width);
  const bias = new Float64Array(width);
  models.forEach((m, mi) => {
    const K = m.classes.length;
    for (let k = 0; k < K; k++) {
      let max = 0;
      for (let r = 0; r < dim; r++) max = Math.max(max, Math.abs(m.weights[r * K + k]!));
      const col = offsets[mi]! + k;
      scales[col] = max / 127 || 1;
      bias[col] = m.bias[k]!;
      for (let r = 0; r < dim; r++) table[r * width + col] = Math.round(m.weights[r * K + k]! / scales[col]!);
    }
  });
  const mask = dim - 1;
  const acc = new Float64Array(width);
  return {
    offsets,
    width,
    score(fv, out, from = 0) {
      acc.fill(0);
      const { hashes, values, size } = fv;
      if (width === 16) score16(hashes, values, from, size, mask, table, acc);
      else {
        for (let i = from; i < size; i++) {
          const b = (hashes[i]! & mask) * width;
          const v = values[i]!;
          for (let c = 0; c < width; c++) acc[c]! += v * table[b + c]!;
        }
      }
      for (let c = 0; c < width; c++) out[c] = (from === 0 ? bias[c]! : 0) + acc[c]! * scales[c]!;
      return out;
    },
  };
};

/** The shipped trio is 16 classes wide: an unrolled loop with locals is ~2× faster than the generic one. */
const score16 = (
  hashes: Uint32Array, values: Float32Array, from: number, size: number, mask: number, t: Int8Array, acc: Float64Array,
): void => {
  let a0 = 0, a1 = 0, a2 = 0, a3 = 0, a4 = 0, a5 = 0, a6 = 0, a7 = 0;
  let a8 = 0, a9 = 0, a10 = 0, a11 = 0, a12 = 0, a13 = 0, a14 = 0, a15 = 0;
  for (let i = from; i < size; i++) {
    const b = (hashes[i]! & mask) << 4;
    const v = values[i]!;
    a0 += v * t[b]!; a1 += v * t[b + 1]!; a2 += v * t[b + 2]!; a3 += v * t[b + 3]!;
    a4 += v * t[b + 4]!; a5 += v * t[b + 5]!; a6 += v * t[b + 6]!; a7 += v * t[b + 7]!;
    a8 += v * t[b + 8]!; a9 += v * t[b + 9]!; a10 += v * t[b + 10]!; a11 += v * t[b + 11]!;
    a12 += v * t[b + 12]!; a13 += v * t[b + 13]!; a14 += v * t[b + 14]!; a15 += v * t[b + 15]!;
  }
  acc[0] = a0; acc[1] = a1; acc[2] = a2; acc[3] = a3; acc[4] = a4; acc[5] = a5; acc[6] = a6; acc[7] = a7;
  acc[8] = a8; acc[9] = a9; acc[10] = a10; acc[11] = a11; acc[12] = a12; acc[13] = a13; acc[14] = a14; acc[15] = a15;
};
