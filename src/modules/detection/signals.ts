import { sumTermCounts, type Bucket } from './bucket.ts';
import type { Baselines, Expectation } from './baselines.ts';
import type { WindowTerms } from './window-terms.ts';
import { surprise, upperBound } from './tail-probability.ts';
import type { DetectorOptions, SeriesKind, Signal } from './types.ts';

/**
 * The tests run on one window (the last k closed buckets) when a bucket closes.
 * Volume is tested against the seasonal baseline; the negative share, the complaint rate and
 * every term are tested conditionally on the window's volume (is a larger part of what was said
 * negative, or about "login error", than usual?), so seasonality cancels out of them.
 * Each test needs a minimum count, a minimum lift over expected, and a surprise above threshold.
 */

export interface Window {
  buckets: Bucket[];
  startMs: number;
  minutes: number;
  total: number;
  termCounts: Map<string, number>;
  /** The terms counted at least minTermCount times, when known (saves scanning every term). */
  testableTerms?: ReadonlySet<string>;
}

export interface Candidate extends Signal {
  /** Identity of the signal across closes, for persistence and cooldown: `volume`, `term:login error`. */
  key: string;
}

export interface Readiness {
  volume: boolean;
  shares: boolean;
}

export const makeWindow = (buckets: Bucket[], bucketMinutes: number, terms?: WindowTerms): Window => ({
  buckets,
  startMs: buckets[0]!.startMs,
  minutes: buckets.length * bucketMinutes,
  total: buckets.reduce((sum, b) => sum + b.count, 0),
  termCounts: terms?.counts ?? (buckets.length === 1 ? buckets[0]!.termCounts : sumTermCounts(buckets)),
  ...(terms ? { testableTerms: terms.frequent } : {}),
});

export const testWindow = (
  window: Window,
  baselines: Baselines,
  options: DetectorOptions,
  readiness: Readiness,
): Candidate[] => {
  const candidates: Candidate[] = [];
  const consider = (series: SeriesKind, observed: number, expectation: Expectation | null, term?: string): void => {
    if (!expectation) return;
    const isTerm = series === 'term';
    const threshold = isTerm ? options.termSurpriseThreshold : options.surpriseThreshold;
    const minLift = isTerm ? options.minLift : options.minVolumeLift;
    if (observed < minLift * expectation.mean) return;
    const score = surprise(observed, Math.max(expectation.mean, 1e-6), expectation.size);
    if (score < threshold) return;
    candidates.push({
      key: isTerm ? `term:${term}` : series,
      series,
      ...(isTerm ? { term: term! } : {}),
      windowStart: new Date(window.startMs),
      windowMinutes: window.minutes,
      observed,
      expected: round(expectation.mean),
      upper: upperBound(expectation.mean, expectation.size, threshold),
      surprise: round(score),
    });
  };

  if (readiness.volume && window.total >= options.minVolume) {
    consider('volume', window.total, baselines.expectVolume(window.buckets));
  }
  if (!readiness.shares) return candidates;

  const sentimentKnown = sum(window.buckets, (b) => b.sentimentKnown);
  const negative = sum(window.buckets, (b) => b.negative);
  if (sentimentKnown >= options.minVolume && negative >= options.minVolume / 2) {
    consider('negative', negative, baselines.expectShare('negative', 'negative', sentimentKnown));
  }
  const complaintKnown = sum(window.buckets, (b) => b.complaintKnown);
  const complaints = sum(window.buckets, (b) => b.complaints);
  if (complaintKnown >= options.minVolume && complaints >= options.minVolume / 2) {
    consider('complaint', complaints, baselines.expectShare('complaint', 'complaint', complaintKnown));
  }
  for (const term of window.testableTerms ?? window.termCounts.keys()) {
    const observed = window.termCounts.get(term) ?? 0;
    if (observed < options.minTermCount) continue;
    consider('term', observed, baselines.expectShare('term', term, window.total), term);
  }
  return candidates;
};

export interface TermScore {
  term: string;
  observed: number;
  expected: number;
  surprise: number;
}

/** Terms of a window ranked by how surprising they are, for labelling topics. */
export const rankTerms = (window: Window, baselines: Baselines, minCount: number, minLift: number): TermScore[] => {
  const scores: TermScore[] = [];
  for (const [term, observed] of window.termCounts) {
    if (observed < minCount) continue;
    const expectation = baselines.expectShare('term', term, window.total);
    if (observed < minLift * expectation.mean) continue;
    const score = surprise(observed, Math.max(expectation.mean, 1e-6), expectation.size);
    scores.push({ term, observed, expected: expectation.mean, surprise: score });
  }
  return scores.sort((a, b) => b.surprise - a.surprise || b.observed - a.observed);
};

const sum = (buckets: readonly Bucket[], pick: (b: Bucket) => number): number =>
  buckets.reduce((total, b) => total + pick(b), 0);

const round = (n: number): number => Math.round(n * 100) / 100;
