/**
 * Messages per visitor per minute, in process memory (fixed one-minute windows). The HTTP route
 * also limits per IP address; this one stops a single visitor id from flooding a conversation,
 * whatever address it comes from. Memory stays bounded: windows are dropped as they expire.
 */
export class VisitorRateLimiter {
  private windowStart = 0;
  private counts = new Map<string, number>();

  constructor(
    private readonly maxPerMinute: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Counts one message; false when the visitor is over the limit for the current minute. */
  take(key: string): boolean {
    const minute = Math.floor(this.now() / 60_000);
    if (minute !== this.windowStart) {
      this.windowStart = minute;
      this.counts = new Map();
    }
    const n = (this.counts.get(key) ?? 0) + 1;
    this.counts.set(key, n);
    return n <= this.maxPerMinute;
  }
}
