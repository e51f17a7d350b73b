import type { InboxQueue } from '@contracts';

/**
 * The inbox's queue, filters and search as they live in the URL (?queue=…&sentiment=…&q=…), so a
 * filtered view can be bookmarked, shared and survives a reload. Only the keys below are read;
 * values the API would refuse are dropped here rather than turned into a 400.
 */

export const QUEUES: { value: InboxQueue; label: string }[] = [
  { value: 'needs_response', label: 'Needs response' },
  { value: 'mine', label: 'Mine' },
  { value: 'my_team', label: 'My team' },
  { value: 'unassigned', label: 'Unassigned' },
  { value: 'waiting', label: 'Waiting on customer' },
  { value: 'dismissed', label: 'Dismissed' },
  { value: 'all', label: 'All' },
];

export const isQueue = (v: string | null): v is InboxQueue => QUEUES.some((q) => q.value === v);

export interface InboxFilters {
  channelId?: string;
  sentiment?: 'negative' | 'neutral' | 'positive';
  intent?: string;
  tag?: string;
  minPriority?: number;
  minInfluence?: number;
  language?: string;
  slaAtRisk?: boolean;
}

export const FILTER_KEYS = ['channelId', 'sentiment', 'intent', 'tag', 'minPriority', 'minInfluence', 'language', 'slaAtRisk'] as const;

const SENTIMENTS = ['negative', 'neutral', 'positive'] as const;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const intIn = (v: string | null, min: number, max: number): number | undefined => {
  if (v === null || !/^\d+$/.test(v)) return undefined;
  const n = Number(v);
  return n >= min && n <= max ? n : undefined;
};

export const filtersFromParams = (p: URLSearchParams): InboxFilters => {
  const f: InboxFilters = {};
  const channelId = p.get('channelId');
  if (channelId && UUID.test(channelId)) f.channelId = channelId;
  const sentiment = p.get('sentiment');
  if (sentiment && (SENTIMENTS as readonly string[]).includes(sentiment)) f.sentiment = sentiment as InboxFilters['sentiment'];
  const intent = p.get('intent');
  if (intent && intent.length <= 64) f.intent = intent;
  const tag = p.get('tag');
  if (tag && tag.length <= 50) f.tag = tag;
  const minPriority = intIn(p.get('minPriority'), 0, 100);
  if (minPriority !== undefined) f.minPriority = minPriority;
  const minInfluence = intIn(p.get('minInfluence'), 0, Number.MAX_SAFE_INTEGER);
  if (minInfluence !== undefined) f.minInfluence = minInfluence;
  const language = p.get('language');
  if (language && language.length >= 2 && language.length <= 16) f.language = language;
  if (p.get('slaAtRisk') === 'true') f.slaAtRisk = true;
  return f;
};

/** Writes the filters into a copy of `p`, removing the ones unset; other keys (queue, q) stay. */
export const withFilters = (p: URLSearchParams, f: InboxFilters): URLSearchParams => {
  const next = new URLSearchParams(p);
  for (const k of FILTER_KEYS) {
    const v = f[k];
    if (v === undefined || v === false || v === '') next.delete(k);
    else next.set(k, String(v));
  }
  return next;
};

export const activeFilterCount = (f: InboxFilters): number => FILTER_KEYS.filter((k) => f[k] !== undefined).length;

/** The API query of a queue, its filters and the search words. */
export const inboxSearch = (queue: InboxQueue, f: InboxFilters, q: string, cursor?: string): URLSearchParams => {
  const params = withFilters(new URLSearchParams({ queue, limit: '50' }), f);
  if (q) params.set('q', q);
  if (cursor) params.set('cursor', cursor);
  return params;
};

// What the filter bar offers. Priority bands match priorityBand() in format.ts.
export const PRIORITY_OPTIONS = [
  { value: '70', label: 'Urgent (70+)' },
  { value: '45', label: 'High or more (45+)' },
  { value: '20', label: 'Normal or more (20+)' },
];
export const INFLUENCE_OPTIONS = [
  { value: '1000', label: '1K+ followers' },
  { value: '10000', label: '10K+ followers' },
  { value: '100000', label: '100K+ followers' },
  { value: '1000000', label: '1M+ followers' },
];
export const SENTIMENT_OPTIONS = [
  { value: 'negative', label: 'Negative' },
  { value: 'neutral', label: 'Neutral' },
  { value: 'positive', label: 'Positive' },
];
/** The built-in intent taxonomy of triage (src/modules/triage/signals/intent-rules.ts). */
export const INTENT_OPTIONS = [
  'question', 'complaint', 'bug_report', 'outage_report', 'billing', 'feature_request', 'praise', 'purchase_intent', 'churn_risk', 'spam', 'other',
].map((value) => ({ value, label: value.replaceAll('_', ' ').replace(/^./, (c) => c.toUpperCase()) }));

/** The languages triage detects (models/language.json), named in the reader's language. */
const LANGUAGE_CODES = [
  'en', 'es', 'pt', 'fr', 'de', 'it', 'nl', 'sv', 'da', 'no', 'fi', 'pl', 'cs', 'sk', 'ro', 'hu', 'tr', 'id', 'vi', 'tl', 'ca', 'hr', 'sl', 'et',
  'lt', 'lv', 'sw', 'af', 'sq', 'gl', 'ru', 'uk', 'bg', 'sr', 'mk', 'be', 'kk', 'ar', 'fa', 'ur', 'hi', 'mr', 'ne',
];
const languageNames = new Intl.DisplayNames(['en'], { type: 'language' });
export const LANGUAGE_OPTIONS = LANGUAGE_CODES.map((value) => ({ value, label: `${languageNames.of(value) ?? value} (${value})` }));
