import type { DetectorMention } from './types.ts';
import { seededRandom } from '../../platform/random/index.ts';

/** Re-exported for the callers that already import it from here. */
export { seededRandom };

/**
 * Synthetic mention streams for the detector's tests: a seasonal background (busy days, quiet
 * nights, calmer weekends) of random everyday text, and bursts of one complaint. Seeded, so a
 * test sees the same stream every time.
 */

const HOUR_MS = 3_600_000;

const VOCABULARY = `
order delivery package tracking refund store app website account password email phone laptop
screen charger cable headphones camera update version support agent chat call wait hours minutes
price discount coupon sale shipping courier box size colour color shirt shoes jacket coffee tea
breakfast lunch dinner weekend holiday trip flight hotel room train ticket bus music playlist song
album concert movie show episode series game score team match football basketball weather rain sun
snow cold warm office meeting project deadline report friend family birthday party gift card bank
payment invoice receipt subscription plan upgrade store branch manager staff service quality fast
slow happy thanks love awesome nice cool fun easy simple quick friendly helpful amazing lovely best
kitchen garden book library school class homework exam teacher student city street park beach dog
cat photo video stream channel podcast news article blog review rating stars feedback question
answer help issue ticket case status label return exchange warranty model colour design feature
`
  .split(/\s+/)
  .filter(Boolean);


export const poisson = (random: () => number, mean: number): number => {
  const limit = Math.exp(-mean);
  let k = 0;
  let p = random();
  while (p > limit) {
    k += 1;
    p *= random();
  }
  return k;
};

/** Mentions per hour at a time: daytime peak, night trough, weekends at 60 %. */
export const seasonalRate = (atMs: number, peakPerHour: number): number => {
  const date = new Date(atMs);
  const hour = date.getUTCHours() + date.getUTCMinutes() / 60;
  const daylight = Math.max(0, Math.sin(((hour - 6) / 16) * Math.PI));
  const weekend = date.getUTCDay() === 0 || date.getUTCDay() === 6 ? 0.6 : 1;
  return peakPerHour * weekend * (0.08 + 0.92 * daylight);
};

export interface BackgroundOptions {
  start: Date;
  days: number;
  peakPerHour: number;
  seed: number;
  /** Share of mentions labelled negative (sentiment is omitted when undefined). */
  negativeShare?: number;
}

export const backgroundStream = (options: BackgroundOptions): DetectorMention[] => {
  const random = seededRandom(options.seed);
  const mentions: DetectorMention[] = [];
  const startMs = options.start.getTime();
  const endMs = startMs + options.days * 24 * HOUR_MS;
  for (let minute = startMs; minute < endMs; minute += 60_000) {
    const n = poisson(random, seasonalRate(minute, options.peakPerHour) / 60);
    for (let i = 0; i < n; i++) {
      const words = Array.from({ length: 6 + Math.floor(random() * 8) }, () => VOCABULARY[Math.floor(random() * VOCABULARY.length)]!);
      mentions.push({
        id: `bg-${mentions.length}`,
        text: `I think the ${words.join(' ')} is here`,
        createdAt: new Date(minute + Math.floor(random() * 60_000)),
        ...(options.negativeShare === undefined
          ? {}
          : { sentiment: random() < options.negativeShare ? ('negative' as const) : ('neutral' as const) }),
      });
    }
  }
  return sortByTime(mentions);
};

export interface BurstOptions {
  start: Date;
  minutes: number;
  count: number;
  texts: string[];
  seed: number;
  idPrefix?: string;
  sentiment?: DetectorMention['sentiment'];
}

export const burst = (options: BurstOptions): DetectorMention[] => {
  const random = seededRandom(options.seed);
  const startMs = options.start.getTime();
  return sortByTime(
    Array.from({ length: options.count }, (_, i) => ({
      id: `${options.idPrefix ?? 'spike'}-${i}`,
      text: options.texts[i % options.texts.length]!,
      createdAt: new Date(startMs + Math.floor(random() * options.minutes * 60_000)),
      ...(options.sentiment === undefined ? {} : { sentiment: options.sentiment }),
    })),
  );
};

export const sortByTime = (mentions: DetectorMention[]): DetectorMention[] =>
  mentions.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || (a.id < b.id ? -1 : 1));

export const merge = (...streams: DetectorMention[][]): DetectorMention[] => sortByTime(streams.flat());
