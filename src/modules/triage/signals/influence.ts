/**
 * How much an author's voice carries: followers on a log scale (10 → 0.17, 1k → 0.5, 1M → 1),
 * verified, the post's engagement, and community reputation. 0–1, with readable reasons.
 */
export interface AuthorSignals {
  followers?: number;
  verified?: boolean;
  /** community reputation points (the Lookout community's, or the channel's) */
  reputation?: number;
}

export interface EngagementSignals {
  likes?: number;
  reposts?: number;
  replies?: number;
}

export interface InfluenceResult {
  score: number;
  reasons: string[];
}

const num = (x: unknown): number => (typeof x === 'number' && Number.isFinite(x) && x > 0 ? x : 0);
const log10Scale = (x: number, full: number): number => Math.min(1, Math.log10(x + 1) / Math.log10(full + 1));

/** 1234 → "1.2k", 120000 → "120k", 3400000 → "3.4M" */
export const compactCount = (n: number): string => {
  if (n >= 1e6) return `${trim(n / 1e6)}M`;
  if (n >= 1e3) return `${trim(n / 1e3)}k`;
  return String(Math.round(n));
};
const trim = (x: number): string => (x >= 100 ? String(Math.round(x)) : x.toFixed(1).replace(/\.0$/, ''));

export const scoreInfluence = (author?: AuthorSignals, engagement?: EngagementSignals): InfluenceResult => {
  const followers = num(author?.followers);
  const reputation = num(author?.reputation);
  const interactions = num(engagement?.likes) + 2 * num(engagement?.reposts) + num(engagement?.replies);
  const parts = [
    0.6 * log10Scale(followers, 1e6),
    author?.verified === true ? 0.15 : 0,
    0.15 * log10Scale(interactions, 1e4),
    0.1 * log10Scale(reputation, 1e4),
  ];
  const reasons: string[] = [];
  if (followers >= 100) reasons.push(`${compactCount(followers)} followers`);
  if (author?.verified === true) reasons.push('verified');
  if (interactions >= 50) reasons.push(`${compactCount(interactions)} interactions`);
  if (reputation >= 100) reasons.push(`community reputation ${compactCount(reputation)}`);
  return { score: Math.min(1, parts.reduce((a, b) => a + b, 0)), reasons };
};
