import type { Bucket } from './bucket.ts';

/**
 * Term counts of one test window (the last k buckets), kept up to date as buckets enter and
 * leave it, with the set of terms frequent enough to be tested. Only a term in the entering
 * bucket can newly reach the minimum, so each close costs the size of two buckets, not of the
 * whole window.
 */
export class WindowTerms {
  readonly counts = new Map<string, number>();
  private readonly testable = new Set<string>();

  constructor(
    private readonly minCount: number,
    buckets: readonly Bucket[] = [],
  ) {
    for (const bucket of buckets) this.enter(bucket);
  }

  /** Terms counted at least `minCount` times in the window. */
  get frequent(): ReadonlySet<string> {
    return this.testable;
  }

  enter(bucket: Bucket): void {
    for (const [term, n] of bucket.termCounts) {
      const next = (this.counts.get(term) ?? 0) + n;
      this.counts.set(term, next);
      if (next >= this.minCount) this.testable.add(term);
    }
  }

  leave(bucket: Bucket): void {
    for (const [term, n] of bucket.termCounts) {
      const next = (this.counts.get(term) ?? 0) - n;
      if (next > 0) this.counts.set(term, next);
      else this.counts.delete(term);
      if (next < this.minCount) this.testable.delete(term);
    }
  }
}
