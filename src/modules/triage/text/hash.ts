/**
 * 32-bit FNV-1a style hashing of strings and string ranges, used by the feature hasher.
 * Hashing ranges in place (no substring allocation) keeps featurization fast.
 */
const FNV_OFFSET = 0x811c9dc5;

export const hashSeed = (namespace: number): number => Math.imul(FNV_OFFSET ^ namespace, 0x01000193) >>> 0;

/** Folds one UTF-16 code unit into a running hash. */
export const hashStep = (h: number, code: number): number => Math.imul(h ^ code, 0x01000193);

export const hashString = (s: string, seed: number): number => {
  let h = seed;
  for (let i = 0; i < s.length; i++) h = hashStep(h, s.charCodeAt(i));
  return finalize(h);
};

/** Combines two hashes (e.g. the tokens of a bigram) into one. */
export const hashPair = (a: number, b: number): number =>
  finalize(Math.imul(a ^ Math.imul(b, 0x9e3779b1), 0x85ebca6b));

/** murmur3 finalizer: spreads bits so that masking to a power-of-two table is uniform. */
export const finalize = (h: number): number => {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
};
