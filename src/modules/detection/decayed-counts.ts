/**
 * Exponentially decayed counts per key (terms, or a single share such as "negative") over a
 * decayed total, in bounded memory.
 *
 * Decay is lazy: new counts are added with a weight that grows over time, so older counts
 * shrink relative to them without touching every entry; weights are renormalised before they
 * overflow. When the table outgrows `maxKeys` the smallest half is pruned and the largest
 * pruned count is kept as a floor: a key that is not in the table may have had up to that
 * much, which is what the detector assumes for it (conservative, fewer false spikes).
 */

const RENORMALISE_ABOVE = 1e30;
const KEEP_AFTER_PRUNE = 0.5;

export interface DecayedCountsState {
  originMs: number;
  lastMs: number;
  total: number;
  floor: number;
  entries: [string, number][];
}

export interface CountEstimate {
  /** Decayed count of the key (or the pruning floor if it was pruned). */
  count: number;
  /** Decayed total it is a share of. */
  total: number;
}

export class DecayedCounts {
  private readonly halfLifeMs: number;
  private readonly maxKeys: number;
  private originMs: number;
  private lastMs: number;
  private total: number;
  private floor: number;
  private readonly counts: Map<string, number>;
  private cachedWeight = 1;
  private cachedWeightMs = Number.NaN;
  private cachedOriginMs = Number.NaN;

  constructor(halfLifeHours: number, maxKeys: number, state?: DecayedCountsState) {
    this.halfLifeMs = halfLifeHours * 3_600_000;
    this.maxKeys = maxKeys;
    this.originMs = state?.originMs ?? 0;
    this.lastMs = state?.lastMs ?? 0;
    this.total = state?.total ?? 0;
    this.floor = state?.floor ?? 0;
    this.counts = new Map(state?.entries ?? []);
  }

  get size(): number {
    return this.counts.size;
  }

  /** Adds counts observed at `atMs` (times must not go backwards by much; they are clamped). */
  add(atMs: number, total: number, counts: Iterable<[string, number]>): void {
    if (this.total === 0 && this.counts.size === 0) this.originMs = atMs;
    this.lastMs = Math.max(this.lastMs, atMs);
    let weight = this.weightAt(this.lastMs);
    if (weight > RENORMALISE_ABOVE) {
      this.rescale(1 / weight);
      this.originMs = this.lastMs;
      weight = 1;
    }
    this.total += total * weight;
    for (const [key, n] of counts) this.counts.set(key, (this.counts.get(key) ?? 0) + n * weight);
    if (this.counts.size > this.maxKeys) this.prune();
  }

  estimate(key: string): CountEstimate {
    const weight = this.currentWeight();
    // A key added after a prune may have had up to the floor before it: assume it did.
    return { count: Math.max(this.counts.get(key) ?? 0, this.floor) / weight, total: this.total / weight };
  }

  /** The keys with the largest decayed counts. */
  top(n: number): string[] {
    if (n <= 0) return [];
    // One pass with a min-heap of the n largest: most entries fail the first comparison.
    const heap: [string, number][] = [];
    const sift = (i: number): void => {
      for (;;) {
        const left = 2 * i + 1;
        const right = left + 1;
        let smallest = i;
        if (left < heap.length && heap[left]![1] < heap[smallest]![1]) smallest = left;
        if (right < heap.length && heap[right]![1] < heap[smallest]![1]) smallest = right;
        if (smallest === i) return;
        [heap[i], heap[smallest]] = [heap[smallest]!, heap[i]!];
        i = smallest;
      }
    };
    for (const [key, count] of this.counts) {
      if (heap.length < n) {
        heap.push([key, count]);
        for (let i = heap.length - 1; i > 0 && heap[(i - 1) >> 1]![1] > heap[i]![1]; i = (i - 1) >> 1) {
          [heap[i], heap[(i - 1) >> 1]] = [heap[(i - 1) >> 1]!, heap[i]!];
        }
      } else if (count > heap[0]![1]) {
        heap[0] = [key, count];
        sift(0);
      }
    }
    return heap.sort((a, b) => b[1] - a[1]).map(([key]) => key);
  }

  toJSON(): DecayedCountsState {
    return {
      originMs: this.originMs,
      lastMs: this.lastMs,
      total: this.total,
      floor: this.floor,
      entries: [...this.counts.entries()],
    };
  }

  /** The weight at the latest addition, cached: estimates are read far more often than counts are added. */
  private currentWeight(): number {
    if (this.cachedWeightMs !== this.lastMs || this.cachedOriginMs !== this.originMs) {
      this.cachedWeight = this.weightAt(this.lastMs);
      this.cachedWeightMs = this.lastMs;
      this.cachedOriginMs = this.originMs;
    }
    return this.cachedWeight;
  }

  private weightAt(ms: number): number {
    return Math.pow(2, (ms - this.originMs) / this.halfLifeMs);
  }

  private rescale(factor: number): void {
    this.total *= factor;
    this.floor *= factor;
    for (const [key, n] of this.counts) this.counts.set(key, n * factor);
  }

  /** Drops the smallest counts down to KEEP_AFTER_PRUNE of the bound (ties at the cutoff go too). */
  private prune(): void {
    const values = Float64Array.from(this.counts.values()).sort();
    const cutoff = values[this.counts.size - Math.floor(this.maxKeys * KEEP_AFTER_PRUNE)]!;
    for (const [key, n] of this.counts) {
      if (n >= cutoff) continue;
      this.counts.delete(key);
      this.floor = Math.max(this.floor, n);
    }
  }
}
