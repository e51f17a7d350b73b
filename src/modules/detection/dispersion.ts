/**
 * Running estimates of overdispersion φ, the part of a count's variance beyond Poisson
 * (variance = mean + φ·mean²), one per series.
 *
 * Each update brings one or more (observed, expected) pairs. φ is a ratio of two forgetting
 * sums, Σ((x − mean)² − mean) / Σ mean²: the pooled method-of-moments estimate, in which
 * each pair counts by how much it can tell (small means say little). Averaging ratios instead
 * would let a quiet night's counts of 2 against 0.5 swamp the estimate. Counts are clipped at
 * three standard deviations, and the caller leaves out counts that were remarkable, so the
 * rises being detected (and slow ramps) do not teach the detector that they are normal noise.
 * (Trimming the upper tail biases φ slightly low; the surprise thresholds absorb that.)
 * Until a few updates have arrived, the estimate leans on a prior.
 */

export interface DispersionState {
  excess: number;
  weight: number;
  updates: number;
}

/** Below this expected count a pair carries too little information to use. */
const MIN_MEAN = 0.5;
/** Updates worth of weight the prior keeps. */
const PRIOR_UPDATES = 20;
const MIN_PHI = 0.01;
/** Counts above this many standard deviations are clipped before they are learned from. */
const CLIP_SD = 3;
const MAX_PHI = 5;

export class Dispersion {
  private readonly states: Map<string, DispersionState>;

  constructor(states?: Record<string, DispersionState>) {
    this.states = new Map(Object.entries(states ?? {}).map(([key, s]) => [key, { ...s }]));
  }

  get(key: string, prior: number): number {
    const state = this.states.get(key);
    if (!state || state.weight <= 0) return prior;
    const estimate = state.excess / state.weight;
    const blended = (state.updates * estimate + PRIOR_UPDATES * prior) / (state.updates + PRIOR_UPDATES);
    return Math.min(MAX_PHI, Math.max(MIN_PHI, blended));
  }

  /** `rate` is the weight of this update once the estimate has matured: how fast it forgets. */
  update(key: string, prior: number, rate: number, pairs: Iterable<readonly [observed: number, mean: number]>): void {
    const phi = this.get(key, prior);
    let excess = 0;
    let weight = 0;
    for (const [observed, mean] of pairs) {
      if (mean < MIN_MEAN) continue;
      const clipped = Math.min(observed, mean + CLIP_SD * Math.sqrt(mean + phi * mean * mean) + 1);
      excess += (clipped - mean) ** 2 - mean;
      weight += mean * mean;
    }
    if (weight === 0) return;
    const state = this.states.get(key) ?? { excess: 0, weight: 0, updates: 0 };
    const alpha = Math.max(rate, 1 / (state.updates + 1));
    state.excess = (1 - alpha) * state.excess + alpha * excess;
    state.weight = (1 - alpha) * state.weight + alpha * weight;
    state.updates += 1;
    this.states.set(key, state);
  }

  toJSON(): Record<string, DispersionState> {
    return Object.fromEntries([...this.states].map(([key, s]) => [key, { ...s }]));
  }
}
