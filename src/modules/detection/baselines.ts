import { DecayedCounts, type DecayedCountsState, type CountEstimate } from './decayed-counts.ts';
import { Dispersion, type DispersionState } from './dispersion.ts';
import { SeasonalBaseline, type SeasonalBaselineState } from './seasonal-baseline.ts';
import { sizeFromDispersion } from './tail-probability.ts';
import type { Bucket } from './bucket.ts';
import type { DetectorOptions } from './types.ts';

/**
 * Everything the detector has learned about normal: the seasonal volume baseline, term
 * shares, negative and complaint shares, and how overdispersed each series is beyond Poisson.
 *
 * A bucket reaches the baselines only after it has left the longest test window, so a spike
 * is never part of the baseline it is tested against. Volume above the expected band is
 * absorbed only in part, so one crisis does not teach the weekly profile that crises are normal.
 */

/** Gamma prior for a share never seen: 0.5 pseudo-mentions over this many mentions. */
const SHARE_PRIORS = {
  term: { hits: 0.5, total: 50 },
  negative: { hits: 1, total: 4 },
  complaint: { hits: 1, total: 10 },
} as const;

/** Overdispersion assumed before any has been measured. */
const PRIOR_DISPERSION = { volume: 0.1, term: 0.2, share: 0.05 } as const;
/**
 * How fast the overdispersion estimates forget (weight of the newest update). Volume learns at
 * every close and is slow (about a week) so that an hours-long ramp cannot pass for noise; terms
 * and shares learn every third close, are pooled over many terms, and follow the stream faster
 * (about a day).
 */
const DISPERSION_RATE = { volume: 0.0005, term: 0.012, share: 0.006 } as const;
const FREQUENT_TERMS_TRACKED = 100;
const FREQUENT_TERMS_REFRESH_BUCKETS = 288;
const TERM_DISPERSION_EVERY = 3;
/** Of the volume above the band, only this part is learned. */
const EXCESS_ABSORBED = 0.25;

export type ShareKind = keyof typeof SHARE_PRIORS;

export interface Expectation {
  mean: number;
  /** Negative binomial size (Infinity for Poisson). */
  size: number;
}

export interface BaselinesState {
  volume: SeasonalBaselineState;
  terms: DecayedCountsState;
  negative: DecayedCountsState;
  complaint: DecayedCountsState;
  dispersion: Record<string, DispersionState>;
  absorbedMentions: number;
  absorbedBuckets: number;
  frequentTerms: string[];
}

export class Baselines {
  readonly volume: SeasonalBaseline;
  private readonly shares: Record<ShareKind, DecayedCounts>;
  private readonly dispersion: Dispersion;
  private readonly bucketHours: number;
  absorbedMentions: number;
  private absorbedBuckets: number;
  private frequentTerms: string[];

  constructor(options: DetectorOptions, state?: BaselinesState) {
    this.bucketHours = options.bucketMinutes / 60;
    this.volume = new SeasonalBaseline(options.seasonalHalfLifeDays, state?.volume);
    this.shares = {
      term: new DecayedCounts(options.termHalfLifeHours, options.maxTerms, state?.terms),
      negative: new DecayedCounts(options.termHalfLifeHours, 10, state?.negative),
      complaint: new DecayedCounts(options.termHalfLifeHours, 10, state?.complaint),
    };
    this.dispersion = new Dispersion(state?.dispersion);
    this.absorbedMentions = state?.absorbedMentions ?? 0;
    this.absorbedBuckets = state?.absorbedBuckets ?? 0;
    this.frequentTerms = state?.frequentTerms ?? [];
  }

  /** Hours of stream the baseline has absorbed. */
  get historyHours(): number {
    return this.absorbedBuckets * this.bucketHours;
  }

  /** Expected volume over some buckets. Uncertainty of the rate counts as fully shared between them. */
  expectVolume(buckets: readonly Bucket[]): Expectation | null {
    let mean = 0;
    let weightedCv = 0;
    for (const bucket of buckets) {
      const estimate = this.volume.estimate(bucket.startMs);
      if (!estimate) return null;
      const bucketMean = estimate.rate * this.bucketHours;
      mean += bucketMean;
      weightedCv += bucketMean / Math.sqrt(estimate.shape);
    }
    const cv = mean > 0 ? weightedCv / mean : 1;
    return { mean, size: sizeFromDispersion(cv * cv, this.dispersion.get(`volume:${buckets.length}`, PRIOR_DISPERSION.volume)) };
  }

  /** Expected number of `of` mentions having the key (a term, or negative / complaint). */
  expectShare(kind: ShareKind, key: string, of: number): Expectation {
    const prior = SHARE_PRIORS[kind];
    const estimate: CountEstimate = this.shares[kind].estimate(key);
    const hits = estimate.count + prior.hits;
    const share = Math.min(1, hits / (estimate.total + prior.total));
    const overdispersion = this.dispersion.get(kind, kind === 'term' ? PRIOR_DISPERSION.term : PRIOR_DISPERSION.share);
    return { mean: of * share, size: sizeFromDispersion(1 / hits, overdispersion) };
  }

  /** Learns from a bucket that has left every test window. */
  absorb(bucket: Bucket): void {
    const expected = this.expectVolume([bucket]);
    let count = bucket.count;
    if (expected) {
      const band = expected.mean + 4 * Math.sqrt(expected.mean + expected.mean ** 2 / expected.size) + 2;
      if (count > band) count = band + EXCESS_ABSORBED * (count - band);
    }
    this.volume.observe(bucket.startMs, this.bucketHours, count);
    this.shares.term.add(bucket.startMs, bucket.count, bucket.termCounts);
    this.shares.negative.add(bucket.startMs, bucket.sentimentKnown, [['negative', bucket.negative]]);
    this.shares.complaint.add(bucket.startMs, bucket.complaintKnown, [['complaint', bucket.complaints]]);
    this.absorbedMentions += bucket.count;
    this.absorbedBuckets += 1;
    // Refreshed hourly during the first day, then daily: the most frequent terms change slowly.
    const refreshEvery = this.absorbedBuckets < FREQUENT_TERMS_REFRESH_BUCKETS ? 12 : FREQUENT_TERMS_REFRESH_BUCKETS;
    if (this.absorbedBuckets % refreshEvery === 1) {
      this.frequentTerms = this.shares.term.top(FREQUENT_TERMS_TRACKED);
    }
  }

  /**
   * Updates overdispersion estimates from a window that was just tested: volume for each
   * window length; terms (pooled over the most frequent ones, present or not), negative and
   * complaint shares on the longest window. Counts that were themselves remarkable (upper tail
   * below 1 %) are left out: a slow rise must not teach the detector that rises are noise.
   */
  learnDispersion(buckets: readonly Bucket[], termCounts: ReadonlyMap<string, number>, isLongest: boolean): void {
    const total = sum(buckets, (b) => b.count);
    const volume = this.expectVolume(buckets);
    if (volume && isUnremarkable(total, volume)) {
      this.dispersion.update(`volume:${buckets.length}`, PRIOR_DISPERSION.volume, DISPERSION_RATE.volume, [
        [total, volume.mean],
      ]);
    }
    // Consecutive long windows share most of their buckets: every third close says enough.
    if (!isLongest || this.absorbedBuckets % TERM_DISPERSION_EVERY !== 0) return;
    const terms: (readonly [number, number])[] = [];
    for (const term of this.frequentTerms) {
      const observed = termCounts.get(term) ?? 0;
      const expected = this.expectShare('term', term, total);
      if (isUnremarkable(observed, expected)) terms.push([observed, expected.mean]);
    }
    this.dispersion.update('term', PRIOR_DISPERSION.term, DISPERSION_RATE.term, terms);
    for (const kind of ['negative', 'complaint'] as const) {
      const judged = sum(buckets, (b) => (kind === 'negative' ? b.sentimentKnown : b.complaintKnown));
      const hits = sum(buckets, (b) => (kind === 'negative' ? b.negative : b.complaints));
      const expected = this.expectShare(kind, kind, judged);
      if (isUnremarkable(hits, expected)) {
        this.dispersion.update(kind, PRIOR_DISPERSION.share, DISPERSION_RATE.share, [[hits, expected.mean]]);
      }
    }
  }

  toJSON(): BaselinesState {
    return {
      volume: this.volume.toJSON(),
      terms: this.shares.term.toJSON(),
      negative: this.shares.negative.toJSON(),
      complaint: this.shares.complaint.toJSON(),
      dispersion: this.dispersion.toJSON(),
      absorbedMentions: this.absorbedMentions,
      absorbedBuckets: this.absorbedBuckets,
      frequentTerms: [...this.frequentTerms],
    };
  }
}

/**
 * Standard deviations above which a count is too remarkable to learn the noise level from
 * (about the upper 1 %; a normal approximation, because this runs for hundreds of terms at
 * every close and only decides what to learn from, not what to alert on).
 */
const LEARN_BELOW_Z = 2.33;

const isUnremarkable = (observed: number, expected: Expectation): boolean =>
  observed - expected.mean <= LEARN_BELOW_Z * Math.sqrt(expected.mean + (expected.mean * expected.mean) / expected.size);

const sum = (buckets: readonly Bucket[], pick: (b: Bucket) => number): number =>
  buckets.reduce((total, b) => total + pick(b), 0);
