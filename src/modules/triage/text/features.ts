/**
 * Hashed sparse features of a text: word 1–2-grams (negation-aware), character n-grams of the
 * normalised text, and a few named "shape" features (links, caps, !, ?, elongation, emoji).
 * Features are 32-bit hashes; a dense model masks them to its table size, a custom model looks them up.
 * Each group is scaled to unit norm so long and short texts weigh alike.
 */
import { finalize, hashPair, hashSeed, hashStep, hashString } from './hash.ts';
import type { Tokens } from './tokenize.ts';

export interface FeatureConfig {
  /** 1 = unigrams, 2 = uni+bigrams */
  wordNgrams: number;
  /** character n-gram sizes, inclusive; charMax 0 turns them off */
  charMin: number;
  charMax: number;
  wordWeight: number;
  charWeight: number;
  shapeWeight: number;
  /** also emit each word's crude stem ("charged" → "charg"): helps small training sets generalise */
  stems?: boolean;
}

export const DEFAULT_FEATURES: FeatureConfig = {
  wordNgrams: 2, charMin: 2, charMax: 5, wordWeight: 1, charWeight: 1, shapeWeight: 1,
};

/** A reusable buffer: featurising never allocates per feature. */
export class FeatureVector {
  hashes: Uint32Array;
  values: Float32Array;
  size = 0;
  constructor(capacity = 16384) {
    this.hashes = new Uint32Array(capacity);
    this.values = new Float32Array(capacity);
  }
  push(hash: number, value: number): void {
    if (this.size === this.hashes.length) this.grow();
    this.hashes[this.size] = hash;
    this.values[this.size++] = value;
  }
  scale(from: number, to: number, factor: number): void {
    for (let i = from; i < to; i++) this.values[i]! *= factor;
  }
  /** a compact copy, for training sets held in memory */
  copy(): { hashes: Uint32Array; values: Float32Array } {
    return { hashes: this.hashes.slice(0, this.size), values: this.values.slice(0, this.size) };
  }
  private grow(): void {
    const h = new Uint32Array(this.hashes.length * 2);
    h.set(this.hashes);
    const v = new Float32Array(this.values.length * 2);
    v.set(this.values);
    this.hashes = h;
    this.values = v;
  }
}

const NS_WORD = hashSeed(1);
const NS_WORD_NEG = hashSeed(2);
const NS_CHAR = hashSeed(4);
const NS_SHAPE = hashSeed(5);
const NS_STEM = hashSeed(6);
const SUFFIX = /(?:ing|ed|es|s|ly|er|ment|ation)$/;

/** A crude suffix-stripping stem for words of five letters or more (English-centric, cheap). */
export const crudeStem = (w: string): string | undefined => {
  if (w.length < 5 || w.charCodeAt(0) === 35 || w.charCodeAt(0) === 64) return undefined;
  const s = w.replace(SUFFIX, '');
  return s.length >= 3 && s !== w ? s : undefined;
};
const BOS = hashString('<s>', NS_WORD);
const EOS = hashString('</s>', NS_WORD);

const shapeHash = new Map<string, number>();
export const shapeFeature = (name: string): number => {
  let h = shapeHash.get(name);
  if (h === undefined) {
    h = hashString(name, NS_SHAPE);
    shapeHash.set(name, h);
  }
  return h;
};

export const featurize = (tokens: Tokens, cfg: FeatureConfig, out: FeatureVector): FeatureVector => {
  out.size = 0;
  const { words, negated } = tokens;
  // words
  let prev = BOS;
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    const h = hashString(w, negated[i] ? NS_WORD_NEG : NS_WORD);
    out.push(h, 1);
    if (w.charCodeAt(0) === 35 && w.length > 1) out.push(hashString(w.slice(1), NS_WORD), 1); // #tag → tag
    if (cfg.stems) {
      const stem = crudeStem(w);
      if (stem) out.push(hashString(stem, NS_STEM), 1);
    }
    if (cfg.wordNgrams >= 2) out.push(hashPair(prev, h), 1);
    prev = h;
  }
  if (cfg.wordNgrams >= 2 && words.length > 0) out.push(hashPair(prev, EOS), 1);
  const nWord = out.size;
  if (nWord > 0) out.scale(0, nWord, cfg.wordWeight / Math.sqrt(nWord));

  // character n-grams of the normalised text
  if (cfg.charMax > 0) {
    const s = tokens.norm;
    const len = s.length;
    for (let i = 0; i < len; i++) {
      let h = NS_CHAR;
      const end = Math.min(len, i + cfg.charMax);
      for (let j = i; j < end; j++) {
        h = hashStep(h, s.charCodeAt(j));
        if (j - i + 1 >= cfg.charMin) out.push(finalize(h), 1);
      }
    }
    const nChar = out.size - nWord;
    if (nChar > 0) out.scale(nWord, out.size, cfg.charWeight / Math.sqrt(nChar));
  }

  // shape
  const st = tokens.stats;
  const sw = cfg.shapeWeight;
  if (sw > 0) {
    out.push(shapeFeature('bias'), sw);
    if (st.urls) out.push(shapeFeature('url'), sw);
    if (st.startsWithMention) out.push(shapeFeature('reply'), sw);
    if (st.allCapsWords) out.push(shapeFeature('caps'), sw * Math.min(1, st.allCapsWords / 3));
    if (st.exclamations) out.push(shapeFeature('excl'), sw);
    if (st.questions) out.push(shapeFeature('quest'), sw);
    if (st.elongated) out.push(shapeFeature('elong'), sw);
    if (st.emoji) out.push(shapeFeature('emoji'), sw);
    if (st.hashtags > 2) out.push(shapeFeature('manytags'), sw);
    const lenBucket = words.length < 5 ? 'len0' : words.length < 12 ? 'len1' : words.length < 25 ? 'len2' : 'len3';
    out.push(shapeFeature(lenBucket), sw);
  }
  return out;
};
