import type { Baselines, Expectation } from './baselines.ts';
import type { Bucket, SampledMention } from './bucket.ts';
import { scoreSeverity } from './severity.ts';
import { makeWindow, rankTerms, type Candidate } from './signals.ts';
import { upperBound } from './tail-probability.ts';
import { clusterTopics } from './topics.ts';
import type { Alert, AlertSeries, DetectorOptions } from './types.ts';

/**
 * Turns the signals that fired at one close into an alert that explains itself: the mentions
 * behind the spike, what they talk about (topics), the main series with its expected band,
 * and a severity.
 */

const MAX_SALIENT_TERMS = 15;
const MAX_ALERT_TERMS = 10;
const MAX_IDS_PER_TOPIC = 10;

export const buildAlert = (
  fired: readonly Candidate[],
  recent: readonly Bucket[],
  endMs: number,
  baselines: Baselines,
  options: DetectorOptions,
): Alert => {
  const primary = fired[0]!;
  const windowStartMs = Math.min(...fired.map((s) => s.windowStart.getTime()));
  const window = makeWindow(
    recent.filter((b) => b.startMs >= windowStartMs),
    options.bucketMinutes,
  );
  const firedTerms = fired.flatMap((s) => (s.term === undefined ? [] : [s.term]));
  const behind = mentionsBehind(window.buckets, fired, new Set(firedTerms));

  const ranked = rankTerms(window, baselines, 3, 2).slice(0, MAX_SALIENT_TERMS);
  const salient = unique([...firedTerms, ...ranked.map((t) => t.term)]);
  const clustered = clusterTopics(behind, salient, options.maxTopics, options.maxAlertMentions);
  const topics = clustered.map((t) => ({ ...t, mentionIds: t.mentionIds.slice(0, MAX_IDS_PER_TOPIC) }));
  const terms = unique([...topics.flatMap((t) => t.terms), ...firedTerms, ...salient]).slice(0, MAX_ALERT_TERMS);

  // The topics are what the spike is about; without any, every mention behind it is an example.
  const examples =
    clustered.length > 0 ? roundRobin(clustered.map((t) => t.mentionIds)) : [...behind].sort((a, b) => b.atMs - a.atMs).map((m) => m.id);
  const mentionIds = unique(examples).slice(0, options.maxAlertMentions);

  const severity = scoreSeverity({
    excess: Math.max(...fired.map((s) => s.observed - s.expected)),
    surprise: primary.surprise,
    threshold: primary.series === 'term' ? options.termSurpriseThreshold : options.surpriseThreshold,
    negativeShare: shareOf(window.buckets, behind, (m) => m.isNegative, (b) => b.sentimentKnown),
    complaintShare: shareOf(window.buckets, behind, (m) => m.isComplaint, (b) => b.complaintKnown),
    reach: behind.reduce((sum, m) => sum + m.followers, 0),
  });

  return {
    detectedAt: new Date(endMs),
    windowStart: new Date(windowStartMs),
    severity,
    kind: primary.series,
    observed: primary.observed,
    expected: primary.expected,
    upper: primary.upper,
    surprise: primary.surprise,
    terms,
    mentionIds,
    mentionCount: behind.length,
    topics,
    signals: fired.map(({ key: _key, ...signal }) => signal),
    series: buildSeries(primary, recent, baselines, options),
  };
};

/** Mentions containing a fired term; or, when only volume or shares fired, those the series counts. */
const mentionsBehind = (
  buckets: readonly Bucket[],
  fired: readonly Candidate[],
  firedTerms: ReadonlySet<string>,
): SampledMention[] => {
  const series = new Set(fired.map((s) => s.series));
  const all = buckets.flatMap((b) => b.sample);
  const behind = all.filter(
    (m) =>
      (firedTerms.size > 0 ? m.terms.some((t) => firedTerms.has(t)) : series.has('volume')) ||
      (series.has('negative') && m.isNegative) ||
      (series.has('complaint') && m.isComplaint),
  );
  return behind.length > 0 ? behind : all;
};

/** Share of the mentions behind having a property, or null when no mention in the window had it judged. */
const shareOf = (
  buckets: readonly Bucket[],
  behind: readonly SampledMention[],
  has: (m: SampledMention) => boolean,
  judged: (b: Bucket) => number,
): number | null => {
  if (behind.length === 0 || buckets.every((b) => judged(b) === 0)) return null;
  return behind.filter(has).length / behind.length;
};

const buildSeries = (
  primary: Candidate,
  recent: readonly Bucket[],
  baselines: Baselines,
  options: DetectorOptions,
): AlertSeries => {
  const threshold = primary.series === 'term' ? options.termSurpriseThreshold : options.surpriseThreshold;
  const point = (bucket: Bucket): { observed: number; expectation: Expectation | null } => {
    switch (primary.series) {
      case 'volume':
        return { observed: bucket.count, expectation: baselines.expectVolume([bucket]) };
      case 'negative':
        return {
          observed: bucket.negative,
          expectation: baselines.expectShare('negative', 'negative', bucket.sentimentKnown),
        };
      case 'complaint':
        return {
          observed: bucket.complaints,
          expectation: baselines.expectShare('complaint', 'complaint', bucket.complaintKnown),
        };
      case 'term':
        return {
          observed: bucket.termCounts.get(primary.term!) ?? 0,
          expectation: baselines.expectShare('term', primary.term!, bucket.count),
        };
    }
  };
  const points = recent.map(point);
  return {
    name: primary.series === 'term' ? `term:${primary.term}` : primary.series,
    bucketMinutes: options.bucketMinutes,
    start: new Date(recent[0]!.startMs),
    observed: points.map((p) => p.observed),
    expected: points.map((p) => Math.round((p.expectation?.mean ?? 0) * 100) / 100),
    upper: points.map((p) => (p.expectation ? upperBound(p.expectation.mean, p.expectation.size, threshold) : 0)),
  };
};

const unique = <T>(items: readonly T[]): T[] => [...new Set(items)];

/** First of each list, then second of each, …: examples from every topic before more of one. */
const roundRobin = (lists: readonly string[][]): string[] => {
  const out: string[] = [];
  for (let i = 0; out.length < lists.reduce((n, l) => n + l.length, 0); i++) {
    for (const list of lists) if (i < list.length) out.push(list[i]!);
  }
  return out;
};
