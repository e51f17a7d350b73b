import type { Alert, DetectorMention } from './types.ts';

/**
 * The offline edge of detection: one JSON line in (a mention), one JSON line out (an alert).
 * Input: {"id","text","createdAt" (ISO 8601),"author"?: {"id"?,"followers"?},"sentiment"?,"complaint"?}.
 * A line that does not fit says why, so the caller can report it with its line number.
 */

export type ParsedLine = { ok: true; mention: DetectorMention } | { ok: false; reason: string };

const ISO_8601 = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})$/i;
const SENTIMENT_LABELS = new Set(['negative', 'neutral', 'positive']);

export const parseMentionLine = (line: string): ParsedLine => {
  let json: unknown;
  try {
    json = JSON.parse(line);
  } catch {
    return { ok: false, reason: 'not valid JSON' };
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return { ok: false, reason: 'not a JSON object' };
  const record = json as Record<string, unknown>;

  const id = typeof record.id === 'number' && Number.isSafeInteger(record.id) ? String(record.id) : record.id;
  if (typeof id !== 'string' || id.length === 0) return { ok: false, reason: '"id" must be a non-empty string' };
  if (typeof record.text !== 'string') return { ok: false, reason: '"text" must be a string' };
  if (typeof record.createdAt !== 'string' || !ISO_8601.test(record.createdAt)) {
    return { ok: false, reason: '"createdAt" must be an ISO 8601 date-time with a time zone, e.g. 2026-01-05T09:00:00Z' };
  }
  const createdAt = new Date(record.createdAt);
  if (!Number.isFinite(createdAt.getTime())) return { ok: false, reason: '"createdAt" is not a real date' };

  const mention: DetectorMention = { id, text: record.text, createdAt };
  if (record.author !== undefined && record.author !== null) {
    if (typeof record.author !== 'object' || Array.isArray(record.author)) return { ok: false, reason: '"author" must be an object' };
    const author = record.author as Record<string, unknown>;
    const followers = author.followers;
    if (followers !== undefined && (typeof followers !== 'number' || !Number.isFinite(followers) || followers < 0)) {
      return { ok: false, reason: '"author.followers" must be a number >= 0' };
    }
    const authorId = author.id ?? author.handle;
    mention.author = {
      ...(typeof authorId === 'string' || typeof authorId === 'number' ? { id: String(authorId) } : {}),
      ...(typeof followers === 'number' ? { followers } : {}),
    };
  }
  if (record.sentiment !== undefined && record.sentiment !== null) {
    const sentiment = record.sentiment;
    const isScore = typeof sentiment === 'number' && sentiment >= -1 && sentiment <= 1;
    if (!isScore && !(typeof sentiment === 'string' && SENTIMENT_LABELS.has(sentiment))) {
      return { ok: false, reason: '"sentiment" must be negative, neutral, positive or a score in [-1, 1]' };
    }
    mention.sentiment = sentiment as DetectorMention['sentiment'];
  }
  if (record.complaint !== undefined && record.complaint !== null) {
    if (typeof record.complaint !== 'boolean') return { ok: false, reason: '"complaint" must be true or false' };
    mention.complaint = record.complaint;
  }
  return { ok: true, mention };
};

/** An alert as one JSON line: the documented fields first, then the explanation. */
export const alertToLine = (alert: Alert): string =>
  JSON.stringify({
    detectedAt: alert.detectedAt.toISOString(),
    windowStart: alert.windowStart.toISOString(),
    severity: alert.severity,
    terms: alert.terms,
    mentionIds: alert.mentionIds,
    kind: alert.kind,
    observed: alert.observed,
    expected: alert.expected,
    upper: alert.upper,
    surprise: alert.surprise,
    mentionCount: alert.mentionCount,
    topics: alert.topics,
    signals: alert.signals,
    series: alert.series,
  });
