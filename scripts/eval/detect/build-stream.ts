import type { DetectorMention } from '../../../src/modules/detection/index.ts';
import type { CrisisTweet } from './data.ts';
import { seededRandom } from '../../../src/platform/random/index.ts';

/** Re-exported for the callers that already import it from here. */
export { seededRandom };

/**
 * One evaluation stream: a crisis's real tweets (on-topic and off-topic, at their real times)
 * preceded by `preDays` of seasonal background, so the detector has history to learn normal
 * from and the crisis arrives in a stream that was already running.
 *
 * The background before the crisis window is a Poisson stream whose rate follows the crisis's
 * own off-topic tweets hour by hour (UTC hour of day), 15 % lower at weekends, with a random
 * ±20 % wobble per hour (real streams are overdispersed). Its text is real tweets: half drawn
 * from the crisis's off-topic tweets (the same place's everyday chatter), half from other real
 * tweets (SemEval, TWCS customers). Inside the window the background is the real off-topic tweets
 * (plus more synthetic background when `backgroundScale` > 1).
 */

const HOUR_MS = 3_600_000;
const WEEKEND_FACTOR = 0.85;
const HOURLY_WOBBLE_SIGMA = 0.2;

export interface EvalMention extends DetectorMention {
  isCrisis: boolean;
}

export interface EvalStream {
  mentions: EvalMention[];
  startMs: number;
  windowStartMs: number;
  endMs: number;
}

export interface StreamOptions {
  preDays: number;
  seed: number;
  /** Share of background text drawn from the crisis's own off-topic tweets. */
  sameLocaleShare: number;
  /**
   * Background volume as a multiple of the crisis's off-topic rate (default 1). Above 1 the
   * workspace is busier: synthetic background continues inside the window too, so the crisis
   * is a smaller part of the stream.
   */
  backgroundScale?: number;
}

export const buildStream = (crisis: CrisisTweet[], otherTexts: string[], options: StreamOptions): EvalStream => {
  const random = seededRandom(options.seed);
  const windowStartMs = Math.floor(crisis[0]!.atMs / HOUR_MS) * HOUR_MS;
  const endMs = crisis.at(-1)!.atMs + 1;
  const startMs = windowStartMs - options.preDays * 24 * HOUR_MS;
  const offTopic = crisis.filter((t) => !t.isOnTopic);
  const localTexts = offTopic.map((t) => t.text);
  const perHourOfDay = hourOfDayRates(offTopic, windowStartMs, endMs);

  const background: EvalMention[] = [];
  const scale = options.backgroundScale ?? 1;
  for (let hourMs = startMs; hourMs < endMs; hourMs += HOUR_MS) {
    // Inside the window the real off-topic tweets are the background; a larger workspace adds more.
    const factor = hourMs < windowStartMs ? scale : scale - 1;
    if (factor <= 0) continue;
    const date = new Date(hourMs);
    const weekend = date.getUTCDay() === 0 || date.getUTCDay() === 6 ? WEEKEND_FACTOR : 1;
    const wobble = Math.exp(HOURLY_WOBBLE_SIGMA * normal(random) - HOURLY_WOBBLE_SIGMA ** 2 / 2);
    const n = poisson(random, perHourOfDay[date.getUTCHours()]! * weekend * wobble * factor);
    for (let i = 0; i < n; i++) {
      const pool = random() < options.sameLocaleShare && localTexts.length > 0 ? localTexts : otherTexts;
      background.push({
        id: `bg-${background.length}`,
        text: pool[Math.floor(random() * pool.length)]!,
        createdAt: new Date(Math.min(endMs - 1, hourMs + Math.floor(random() * HOUR_MS))),
        isCrisis: false,
      });
    }
  }
  const window: EvalMention[] = crisis.map((t) => ({
    id: t.id,
    text: t.text,
    createdAt: new Date(t.atMs),
    isCrisis: t.isOnTopic,
  }));
  const mentions = [...background, ...window].sort(
    (a, b) => a.createdAt.getTime() - b.createdAt.getTime() || (a.id < b.id ? -1 : 1),
  );
  return { mentions, startMs, windowStartMs, endMs };
};

/** Mean off-topic tweets per UTC hour of day over the crisis window. */
const hourOfDayRates = (offTopic: CrisisTweet[], fromMs: number, toMs: number): number[] => {
  const counts = new Array<number>(24).fill(0);
  const hours = new Array<number>(24).fill(0);
  for (let hourMs = fromMs; hourMs < toMs; hourMs += HOUR_MS) hours[new Date(hourMs).getUTCHours()]! += 1;
  for (const t of offTopic) counts[new Date(t.atMs).getUTCHours()]! += 1;
  return counts.map((c, h) => (hours[h]! > 0 ? c / hours[h]! : 0));
};


const normal = (random: () => number): number =>
  Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());

/** Poisson by inversion, fine for the means used here (tens per hour). */
const poisson = (random: () => number, mean: number): number => {
  if (mean <= 0) return 0;
  let k = 0;
  let p = Math.exp(-mean);
  let cumulative = p;
  const u = random();
  while (u > cumulative && k < 10_000) {
    k += 1;
    p *= mean / k;
    cumulative += p;
  }
  return k;
};
