import type { DetectorOptions } from './types.ts';

/**
 * Defaults chosen on three of the six CrisisLexT6 streams (Sandy, Alberta, Boston; see
 * bench/detect.ts and scripts/eval/detect/tune.ts) and on background-only streams, not on any
 * single event. Persistence is 1 close because the 15- and 60-minute windows already ask a rise
 * to last, and waiting a second close cost 5–20 minutes of delay for no fewer false alerts there;
 * noisy workspaces can raise it.
 */
export const DEFAULT_OPTIONS: Readonly<DetectorOptions> = Object.freeze({
  bucketMinutes: 5,
  windowBuckets: [1, 3, 12],
  surpriseThreshold: 5,
  termSurpriseThreshold: 8,
  strongFactor: 2,
  minVolume: 8,
  minTermCount: 5,
  minDistinct: 3,
  minLift: 2.5,
  minVolumeLift: 1.5,
  persistence: 1,
  cooldownMinutes: 60,
  warmupHours: 24,
  warmupMentions: 300,
  seasonalHalfLifeDays: 14,
  termHalfLifeHours: 72,
  maxTerms: 20_000,
  maxMentionsPerBucket: 300,
  maxAlertMentions: 50,
  maxTopics: 5,
});

export const resolveOptions = (options: Partial<DetectorOptions> = {}): DetectorOptions => {
  const resolved: DetectorOptions = { ...DEFAULT_OPTIONS, ...options };
  const problems: string[] = [];
  if (!(resolved.bucketMinutes > 0)) problems.push('bucketMinutes must be positive');
  if (resolved.windowBuckets.length === 0 || resolved.windowBuckets.some((w) => !Number.isInteger(w) || w < 1)) {
    problems.push('windowBuckets must be positive integers');
  }
  if (!(resolved.persistence >= 1)) problems.push('persistence must be at least 1');
  if (!(resolved.maxTerms >= 100)) problems.push('maxTerms must be at least 100');
  if (!(resolved.maxMentionsPerBucket >= 1)) problems.push('maxMentionsPerBucket must be at least 1');
  if (problems.length) throw new RangeError(`Invalid detector options: ${problems.join('; ')}`);
  return { ...resolved, windowBuckets: [...new Set(resolved.windowBuckets)].sort((a, b) => a - b) };
};
