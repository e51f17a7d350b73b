/**
 * Detection: spikes and emerging issues in one workspace's triaged mention stream.
 *
 * A pure, streaming detector (no database, no clock of its own): `createDetector(options)`,
 * then `push(mention)` in time order and `flush(now)` when the stream is quiet; both return the
 * alerts raised by the buckets that closed. It tests volume against a seasonal baseline (hour of
 * day, day of week, with a fallback to the overall rate while history is short), and the negative
 * share, complaint rate and every term and word pair against their usual share, with negative
 * binomial tail probabilities; a minimum count, a minimum lift, persistence and a cooldown keep it
 * quiet on noise. Each alert carries its series and expected band, top terms, example mention ids,
 * emerging topics and a severity 1–10. Memory is bounded (term table pruning, sampled mentions),
 * and `toJSON()` / `Detector.fromJSON(state)` let the caller persist it between runs.
 * `parseMentionLine` / `alertToLine` are the JSONL edge used by `lookout detect`.
 * Feed it `createdAt` no later than the arrival time: one mention dated in the future would move
 * its buckets ahead and hold every later mention in that future bucket.
 */
export { Detector, createDetector, type DetectorState } from './detector.ts';
export { DEFAULT_OPTIONS } from './options.ts';
export { drillDetectorFrom } from './drill-detector.ts';
export { contentWords, extractTerms } from './terms.ts';
export { alertToLine, parseMentionLine, type ParsedLine } from './mention-line.ts';
export type { Alert, AlertSeries, DetectorMention, DetectorOptions, SeriesKind, Signal, Topic } from './types.ts';
