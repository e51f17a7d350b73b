import type { DetectorMention } from './types.ts';

/**
 * One time bucket of the stream: exact counts (volume, negative, complaints, per term) and a
 * bounded, uniform sample of its mentions for examples and topics. The sample keeps the
 * mentions whose id hashes lowest (bottom-k), so it is deterministic and needs no random state.
 */

export interface SampledMention {
  id: string;
  atMs: number;
  terms: string[];
  isNegative: boolean;
  isComplaint: boolean;
  followers: number;
  author: string | null;
  /** Same for texts that differ only in handles, links, numbers or stopwords. */
  fingerprint: number;
  hash: number;
}

export interface Bucket {
  startMs: number;
  count: number;
  sentimentKnown: number;
  negative: number;
  complaintKnown: number;
  complaints: number;
  termCounts: Map<string, number>;
  sample: SampledMention[];
}

export interface BucketState extends Omit<Bucket, 'termCounts'> {
  termCounts: [string, number][];
}

/** Beyond this many distinct terms in one bucket, only terms already seen in it are counted. */
const MAX_TERMS_PER_BUCKET = 50_000;
const NEGATIVE_SCORE = -0.25;

export const emptyBucket = (startMs: number): Bucket => ({
  startMs,
  count: 0,
  sentimentKnown: 0,
  negative: 0,
  complaintKnown: 0,
  complaints: 0,
  termCounts: new Map(),
  sample: [],
});

export const isNegativeSentiment = (sentiment: DetectorMention['sentiment']): boolean | null => {
  if (sentiment === undefined || sentiment === null) return null;
  if (typeof sentiment === 'number') return Number.isFinite(sentiment) ? sentiment < NEGATIVE_SCORE : null;
  return sentiment === 'negative';
};

export const addToBucket = (
  bucket: Bucket,
  mention: DetectorMention,
  terms: string[],
  maxSample: number,
): void => {
  bucket.count += 1;
  const negative = isNegativeSentiment(mention.sentiment);
  if (negative !== null) {
    bucket.sentimentKnown += 1;
    if (negative) bucket.negative += 1;
  }
  if (typeof mention.complaint === 'boolean') {
    bucket.complaintKnown += 1;
    if (mention.complaint) bucket.complaints += 1;
  }
  for (const term of terms) {
    const current = bucket.termCounts.get(term);
    if (current !== undefined) bucket.termCounts.set(term, current + 1);
    else if (bucket.termCounts.size < MAX_TERMS_PER_BUCKET) bucket.termCounts.set(term, 1);
  }
  const followers = mention.author?.followers;
  const sampled: SampledMention = {
    id: mention.id,
    atMs: mention.createdAt.getTime(),
    terms,
    isNegative: negative === true,
    isComplaint: mention.complaint === true,
    followers: typeof followers === 'number' && Number.isFinite(followers) && followers > 0 ? followers : 0,
    author: typeof mention.author?.id === 'string' ? mention.author.id : null,
    fingerprint: hashString(terms.join('\u0001')),
    hash: hashString(mention.id),
  };
  keepInSample(bucket.sample, sampled, maxSample);
};

const keepInSample = (sample: SampledMention[], mention: SampledMention, maxSample: number): void => {
  if (sample.length < maxSample) {
    sample.push(mention);
    return;
  }
  let highest = 0;
  for (let i = 1; i < sample.length; i++) if (sample[i]!.hash > sample[highest]!.hash) highest = i;
  if (mention.hash < sample[highest]!.hash) sample[highest] = mention;
};

/** FNV-1a, 32 bits. */
const hashString = (text: string): number => {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
};

export const bucketToJSON = (bucket: Bucket): BucketState => ({
  ...bucket,
  termCounts: [...bucket.termCounts.entries()],
  sample: bucket.sample.map((m) => ({ ...m, terms: [...m.terms] })),
});

export const bucketFromJSON = (state: BucketState): Bucket => ({
  ...state,
  termCounts: new Map(state.termCounts),
  sample: state.sample.map((m) => ({ ...m, terms: [...m.terms] })),
});

/** Sums the term counts of several buckets. */
export const sumTermCounts = (buckets: readonly Bucket[]): Map<string, number> => {
  const sums = new Map<string, number>();
  for (const bucket of buckets) {
    for (const [term, n] of bucket.termCounts) sums.set(term, (sums.get(term) ?? 0) + n);
  }
  return sums;
};
