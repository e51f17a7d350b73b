import { Baselines, type BaselinesState } from './baselines.ts';
import {
  addToBucket,
  bucketFromJSON,
  bucketToJSON,
  emptyBucket,
  type Bucket,
  type BucketState,
  type SampledMention,
} from './bucket.ts';
import { buildAlert } from './build-alert.ts';
import { resolveOptions } from './options.ts';
import { makeWindow, testWindow, type Candidate } from './signals.ts';
import { extractTerms } from './terms.ts';
import type { Alert, DetectorMention, DetectorOptions } from './types.ts';
import { WindowTerms } from './window-terms.ts';

/**
 * The streaming detector for one workspace. Mentions go in, in time order; when a mention
 * arrives after the end of the open bucket (or `flush` is called), that bucket closes and
 * the last 1, 3 and 12 buckets are tested. An alert is dated at the end of the bucket that
 * closed, and uses only mentions before that instant: never anything later.
 * A mention older than the open bucket (slightly out of order) is counted in the open bucket.
 */

const STATE_VERSION = 1;
/** A silence longer than this is skipped in one step rather than bucket by bucket. */
const MAX_GAP_MS = 28 * 24 * 3_600_000;
/** Bound on remembered cooldowns (the oldest goes first). */
const MAX_COOLDOWNS = 100;

interface Cooldown {
  /** Earliest end; it lasts longer while any of its keys is still a candidate. */
  untilMs: number;
  keys: string[];
  terms: string[];
}

export interface DetectorState {
  version: number;
  options: DetectorOptions;
  baselines: BaselinesState;
  open: BucketState | null;
  recent: BucketState[];
  streaks: [string, number][];
  cooldowns: Cooldown[];
}

export class Detector {
  readonly options: DetectorOptions;
  private readonly bucketMs: number;
  private readonly longestWindow: number;
  private readonly baselines: Baselines;
  private open: Bucket | null;
  private recent: Bucket[];
  private streaks: Map<string, number>;
  private cooldowns: Cooldown[];
  /** Term counts of each test window longer than one bucket (a one-bucket window is the bucket itself). */
  private readonly windowTerms: Map<number, WindowTerms>;

  constructor(options: Partial<DetectorOptions> = {}, state?: DetectorState) {
    this.options = resolveOptions(state?.options ?? options);
    this.bucketMs = this.options.bucketMinutes * 60_000;
    this.longestWindow = Math.max(...this.options.windowBuckets);
    this.baselines = new Baselines(this.options, state?.baselines);
    this.open = state?.open ? bucketFromJSON(state.open) : null;
    this.recent = (state?.recent ?? []).map(bucketFromJSON);
    this.streaks = new Map(state?.streaks ?? []);
    this.cooldowns = (state?.cooldowns ?? []).map((c) => ({ ...c, keys: [...c.keys], terms: [...c.terms] }));
    this.windowTerms = new Map(
      this.options.windowBuckets
        .filter((length) => length > 1)
        .map((length) => [length, new WindowTerms(this.options.minTermCount, this.recent.slice(-length))]),
    );
  }

  static fromJSON(state: DetectorState): Detector {
    if (state.version !== STATE_VERSION) throw new RangeError(`Unknown detector state version ${state.version}`);
    return new Detector(state.options, state);
  }

  /** Adds a mention; returns the alerts of the buckets its arrival closed. */
  push(mention: DetectorMention): Alert[] {
    const atMs = mention.createdAt.getTime();
    if (!Number.isFinite(atMs)) throw new TypeError(`Mention ${mention.id} has an invalid createdAt`);
    this.open ??= emptyBucket(this.alignToBucket(atMs));
    const alerts = this.advanceTo(atMs);
    addToBucket(this.open, mention, extractTerms(mention.text ?? ''), this.options.maxMentionsPerBucket);
    return alerts;
  }

  /** Closes every bucket that ends at or before `now` (call it on a timer when the stream is quiet). */
  flush(now: Date): Alert[] {
    if (!this.open || !Number.isFinite(now.getTime())) return [];
    return this.advanceTo(now.getTime());
  }

  /** Start of the bucket now filling (null before the first mention): a caller saving state once per bucket watches it move. */
  get openBucketStart(): Date | null {
    return this.open ? new Date(this.open.startMs) : null;
  }

  /** Hours of stream behind the baseline (volume alerts wait for `warmupHours` of it). */
  get historyHours(): number {
    return this.baselines.historyHours;
  }

  /** An independent copy (a drill's detector starts from the live one's baseline). */
  clone(): Detector {
    return Detector.fromJSON(structuredClone(this.toJSON()));
  }

  toJSON(): DetectorState {
    return {
      version: STATE_VERSION,
      options: { ...this.options, windowBuckets: [...this.options.windowBuckets] },
      baselines: this.baselines.toJSON(),
      open: this.open ? bucketToJSON(this.open) : null,
      recent: this.recent.map(bucketToJSON),
      streaks: [...this.streaks.entries()],
      cooldowns: this.cooldowns.map((c) => ({ ...c, keys: [...c.keys], terms: [...c.terms] })),
    };
  }

  private advanceTo(atMs: number): Alert[] {
    const alerts: Alert[] = [];
    while (this.open && this.open.startMs + this.bucketMs <= atMs) {
      alerts.push(...this.closeOpenBucket());
      const isSilent = this.open.count === 0 && this.recent.every((b) => b.count === 0);
      if (isSilent && atMs - this.open.startMs > MAX_GAP_MS) {
        this.open = emptyBucket(this.alignToBucket(atMs - MAX_GAP_MS));
      }
    }
    return alerts;
  }

  private closeOpenBucket(): Alert[] {
    const closed = this.open!;
    const endMs = closed.startMs + this.bucketMs;
    this.recent.push(closed);
    this.open = emptyBucket(endMs);
    for (const [length, terms] of this.windowTerms) {
      terms.enter(closed);
      const left = this.recent[this.recent.length - 1 - length];
      if (left) terms.leave(left);
    }
    // The bucket that left the longest window joins the baseline before the windows are tested.
    while (this.recent.length > this.longestWindow) this.baselines.absorb(this.recent.shift()!);
    return this.evaluate(endMs);
  }

  private evaluate(endMs: number): Alert[] {
    const { options, baselines } = this;
    const readiness = {
      volume: baselines.volume.observedHours >= options.warmupHours,
      shares: baselines.absorbedMentions >= options.warmupMentions,
    };
    const best = new Map<string, Candidate>();
    for (const length of options.windowBuckets) {
      if (this.recent.length < length) continue;
      const window = makeWindow(this.recent.slice(-length), options.bucketMinutes, this.windowTerms.get(length));
      for (const candidate of testWindow(window, baselines, options, readiness)) {
        const seen = best.get(candidate.key);
        if (!seen || candidate.surprise > seen.surprise) best.set(candidate.key, candidate);
      }
      baselines.learnDispersion(window.buckets, window.termCounts, length === this.longestWindow);
    }

    // A cooldown lasts its time, and then for as long as its signals stay elevated: the same
    // spike, still inside the longest window, must not alert twice.
    this.cooldowns = this.cooldowns.filter((c) => c.untilMs > endMs || c.keys.some((key) => best.has(key)));
    for (const [key, candidate] of best) if (!this.isBroadlyBacked(candidate)) best.delete(key);
    const streaks = new Map<string, number>();
    for (const key of best.keys()) streaks.set(key, (this.streaks.get(key) ?? 0) + 1);
    this.streaks = streaks;

    const fired = [...best.values()]
      .filter((c) => this.hasPersisted(c) && !this.isCoolingDown(c))
      .sort((a, b) => b.surprise / this.thresholdOf(b) - a.surprise / this.thresholdOf(a));
    if (fired.length === 0) return [];

    const alert = buildAlert(fired, this.recent, endMs, baselines, options);
    const terms = [...new Set([...alert.terms, ...fired.flatMap((c) => (c.term ? [c.term] : []))])];
    this.cooldowns.push({
      untilMs: endMs + options.cooldownMinutes * 60_000,
      keys: [...new Set([...fired.map((c) => c.key), ...terms.map((t) => `term:${t}`)])],
      terms,
    });
    if (this.cooldowns.length > MAX_COOLDOWNS) this.cooldowns.shift();
    return [alert];
  }

  private thresholdOf(candidate: Candidate): number {
    return candidate.series === 'term' ? this.options.termSurpriseThreshold : this.options.surpriseThreshold;
  }

  private hasPersisted(candidate: Candidate): boolean {
    const streak = this.streaks.get(candidate.key) ?? 0;
    return streak >= this.options.persistence || candidate.surprise >= this.options.strongFactor * this.thresholdOf(candidate);
  }

  /** A term signal needs several different texts, and several authors when authors are known. */
  private isBroadlyBacked(candidate: Candidate): boolean {
    if (candidate.series !== 'term') return true;
    const mentions = this.sampledBehind(candidate);
    const minDistinct = this.options.minDistinct;
    if (new Set(mentions.map((m) => m.fingerprint)).size < minDistinct) return false;
    const authors = mentions.flatMap((m) => (m.author === null ? [] : [m.author]));
    return authors.length < mentions.length / 2 || new Set(authors).size >= minDistinct;
  }

  /**
   * A signal is quiet while an alert about it cools down, and so is a signal whose mentions
   * are mostly about a cooling alert's terms (the same incident, seen through another word).
   */
  private isCoolingDown(candidate: Candidate): boolean {
    if (this.cooldowns.length === 0) return false;
    if (this.cooldowns.some((c) => c.keys.includes(candidate.key))) return true;
    const mentions = this.sampledBehind(candidate);
    if (mentions.length === 0) return false;
    const coolingTerms = new Set(this.cooldowns.flatMap((c) => c.terms));
    const explained = mentions.filter((m) => m.terms.some((t) => coolingTerms.has(t))).length;
    return explained >= mentions.length / 2;
  }

  /** The sampled mentions a signal counts, in its window. */
  private sampledBehind(candidate: Candidate): SampledMention[] {
    const startMs = candidate.windowStart.getTime();
    return this.recent
      .filter((b) => b.startMs >= startMs)
      .flatMap((b) => b.sample)
      .filter((m) => {
        switch (candidate.series) {
          case 'term':
            return m.terms.includes(candidate.term!);
          case 'negative':
            return m.isNegative;
          case 'complaint':
            return m.isComplaint;
          case 'volume':
            return true;
        }
      });
  }

  private alignToBucket(ms: number): number {
    return Math.floor(ms / this.bucketMs) * this.bucketMs;
  }
}

export const createDetector = (options: Partial<DetectorOptions> = {}): Detector => new Detector(options);
