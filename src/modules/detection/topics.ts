import { isBigram } from './terms.ts';
import type { Topic } from './types.ts';

/**
 * Emerging topics: the mentions behind a spike grouped by the salient terms they share.
 *
 * Greedy and single-pass, so it is cheap and its result explains itself: take the most
 * surprising salient term not yet used as a seed, gather the unassigned mentions that contain
 * it, and label the group with the salient terms most of those mentions share. A pair of
 * words ("battery overheating") replaces the single words it covers. Seeds that gather too few
 * mentions are skipped, so a topic is something several people say.
 */

export interface TopicMention {
  id: string;
  atMs: number;
  terms: readonly string[];
}

/** A term joins a topic's label if at least this share of the topic's mentions contain it. */
const LABEL_COVERAGE = 0.5;
const MAX_LABEL_TERMS = 5;

export const clusterTopics = (
  mentions: readonly TopicMention[],
  salientTerms: readonly string[],
  maxTopics: number,
  maxIdsPerTopic: number,
): Topic[] => {
  const termSets = new Map(mentions.map((m) => [m.id, new Set(m.terms)]));
  const unassigned = new Set(mentions);
  const used = new Set<string>();
  const minSize = Math.max(2, Math.ceil(mentions.length * 0.05));
  const topics: Topic[] = [];

  for (const seed of salientTerms) {
    if (topics.length >= maxTopics) break;
    if (used.has(seed)) continue;
    const members = [...unassigned].filter((m) => termSets.get(m.id)!.has(seed));
    if (members.length < minSize) continue;

    const coverage = new Map<string, number>();
    for (const term of salientTerms) {
      if (used.has(term)) continue;
      const n = members.filter((m) => termSets.get(m.id)!.has(term)).length;
      if (n >= members.length * LABEL_COVERAGE) coverage.set(term, n);
    }
    const labels = preferBigrams(coverage).slice(0, MAX_LABEL_TERMS);
    for (const term of coverage.keys()) used.add(term);
    used.add(seed);
    for (const m of members) unassigned.delete(m);

    const newestFirst = [...members].sort((a, b) => b.atMs - a.atMs);
    topics.push({
      label: labels.slice(0, 3).join(' · '),
      terms: labels,
      size: members.length,
      mentionIds: newestFirst.slice(0, maxIdsPerTopic).map((m) => m.id),
    });
  }
  return topics.sort((a, b) => b.size - a.size);
};

/**
 * Orders label terms by coverage, most first, and drops a single word when a pair of words
 * containing it covers nearly as many mentions.
 */
const preferBigrams = (coverage: Map<string, number>): string[] => {
  const ordered = [...coverage.entries()].sort((a, b) => b[1] - a[1] || (isBigram(b[0]) ? 1 : 0) - (isBigram(a[0]) ? 1 : 0));
  const bigrams = ordered.filter(([term]) => isBigram(term));
  return ordered
    .filter(([term, n]) => isBigram(term) || !bigrams.some(([pair, m]) => pair.split(' ').includes(term) && m >= n * 0.8))
    .map(([term]) => term);
};
