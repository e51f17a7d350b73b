/**
 * The expected mention volume for any bucket, knowing the hour of day and the day of week.
 *
 * Counts and exposure (hours observed) are kept, with exponential decay, at four levels:
 * overall, per day of week, per hour of day and per hour of week (168 slots). Each level is a
 * Gamma posterior for a Poisson rate whose prior is the level above it, worth a few hours of
 * data (empirical Bayes shrinkage). So a young baseline falls back to the overall rate and
 * learns the daily and weekly shape as history accrues, and the Gamma shape says how sure
 * the estimate is: the predictive count is negative binomial, wide while history is short.
 * Slots are UTC hours; the shape is learned, so any time zone works.
 */

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** How many hours of data the parent level's rate is worth as a prior for a child slot. */
const PRIOR_HOURS = { dayOfWeek: 6, hourOfDay: 1, hourOfWeek: 2 } as const;

/** A decayed sum of counts and of hours observed. */
interface Accumulator {
  count: number;
  hours: number;
  atMs: number;
}

export interface RateEstimate {
  /** Expected mentions per hour. */
  rate: number;
  /** Gamma shape of the rate's posterior: its squared coefficient of variation is 1 / shape. */
  shape: number;
}

export interface SeasonalBaselineState {
  global: Accumulator;
  dayOfWeek: Accumulator[];
  hourOfDay: Accumulator[];
  hourOfWeek: Accumulator[];
  firstMs: number | null;
  observedHours: number;
}

const emptyAccumulator = (): Accumulator => ({ count: 0, hours: 0, atMs: 0 });

export class SeasonalBaseline {
  private state: SeasonalBaselineState;
  private readonly halfLifeMs: number;

  constructor(halfLifeDays: number, state?: SeasonalBaselineState) {
    this.halfLifeMs = halfLifeDays * DAY_MS;
    this.state = state ?? {
      global: emptyAccumulator(),
      dayOfWeek: Array.from({ length: 7 }, emptyAccumulator),
      hourOfDay: Array.from({ length: 24 }, emptyAccumulator),
      hourOfWeek: Array.from({ length: 168 }, emptyAccumulator),
      firstMs: null,
      observedHours: 0,
    };
  }

  /** Hours of stream absorbed so far (not decayed): the warm-up clock. */
  get observedHours(): number {
    return this.state.observedHours;
  }

  /** Adds one bucket's count to every level. */
  observe(bucketStartMs: number, bucketHours: number, count: number): void {
    const { global, dayOfWeek, hourOfDay, hourOfWeek } = this.state;
    const slots = slotsOf(bucketStartMs);
    for (const acc of [global, dayOfWeek[slots.day]!, hourOfDay[slots.hour]!, hourOfWeek[slots.week]!]) {
      this.decayTo(acc, bucketStartMs);
      acc.count += count;
      acc.hours += bucketHours;
    }
    this.state.firstMs ??= bucketStartMs;
    this.state.observedHours += bucketHours;
  }

  /** The posterior rate for the hour-of-week slot of `atMs`, or null before any history. */
  estimate(atMs: number): RateEstimate | null {
    const global = this.read(this.state.global, atMs);
    if (global.hours <= 0) return null;
    const slots = slotsOf(atMs);
    const overall: RateEstimate = {
      rate: global.count / global.hours,
      shape: Math.max(global.count, 0.5),
    };
    const day = shrink(this.read(this.state.dayOfWeek[slots.day]!, atMs), overall, PRIOR_HOURS.dayOfWeek);
    const hour = shrink(this.read(this.state.hourOfDay[slots.hour]!, atMs), overall, PRIOR_HOURS.hourOfDay);
    const dayFactor = overall.rate > 0 ? day.rate / overall.rate : 1;
    const weekPrior: RateEstimate = { rate: hour.rate * dayFactor, shape: Math.min(hour.shape, day.shape) };
    return shrink(this.read(this.state.hourOfWeek[slots.week]!, atMs), weekPrior, PRIOR_HOURS.hourOfWeek);
  }

  toJSON(): SeasonalBaselineState {
    return structuredClone(this.state);
  }

  private read(acc: Accumulator, atMs: number): { count: number; hours: number } {
    const factor = this.decayFactor(acc.atMs, atMs);
    return { count: acc.count * factor, hours: acc.hours * factor };
  }

  private decayTo(acc: Accumulator, atMs: number): void {
    const factor = this.decayFactor(acc.atMs, atMs);
    acc.count *= factor;
    acc.hours *= factor;
    acc.atMs = Math.max(acc.atMs, atMs);
  }

  private decayFactor(fromMs: number, toMs: number): number {
    return toMs > fromMs ? Math.pow(2, -(toMs - fromMs) / this.halfLifeMs) : 1;
  }
}

/**
 * Posterior of a slot's rate given its own data and a prior centred on the parent's rate,
 * worth `priorHours` of data (but never surer than the parent itself).
 */
const shrink = (own: { count: number; hours: number }, parent: RateEstimate, priorHours: number): RateEstimate => {
  const priorShape = Math.min(parent.rate * priorHours, parent.shape);
  const priorHoursEffective = parent.rate > 0 ? priorShape / parent.rate : priorHours;
  const shape = own.count + priorShape;
  const hours = own.hours + priorHoursEffective;
  return { rate: hours > 0 ? shape / hours : parent.rate, shape: Math.max(shape, 0.5) };
};

const slotsOf = (ms: number): { day: number; hour: number; week: number } => {
  const date = new Date(ms);
  const day = date.getUTCDay();
  const hour = date.getUTCHours();
  return { day, hour, week: day * 24 + hour };
};
