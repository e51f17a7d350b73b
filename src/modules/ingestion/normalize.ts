import { createHash } from 'node:crypto';
import type { InboundItem } from '../channels/index.ts';

/**
 * The raw store keeps what the connector delivered. This turns it back into a typed item
 * (dates were serialised) and computes what the later stages key on. Pure.
 */
export type StoredItem = Omit<InboundItem, 'authoredAt'> & { authoredAt: string };

export const toStored = (item: InboundItem): StoredItem => ({
  ...item,
  authoredAt: (item.authoredAt instanceof Date ? item.authoredAt : new Date(item.authoredAt)).toISOString(),
});

export const fromStored = (s: StoredItem): InboundItem => ({ ...s, authoredAt: new Date(s.authoredAt) });

/** Text reduced to what makes two posts "the same": case, spacing, links and trailing punctuation ignored. */
export const normalizeText = (text: string): string =>
  text
    .toLowerCase()
    .replace(/https?:\/\/\S+/g, '')
    .replace(/\s+/g, ' ')
    .replace(/[\s.!?…]+$/u, '')
    .trim();

/** Same author + same text = the same post heard through two sources (a search and a mention, a vendor feed). */
export const contentHash = (item: InboundItem): string | null => {
  const norm = normalizeText(item.text);
  if (norm.length < 12) return null; // "thanks!" from one author twice is two messages, not a duplicate.
  return createHash('sha1').update(`${item.author.handle.toLowerCase()}\u0000${norm}`).digest('base64url');
};

/** The external ids an item may thread onto, most specific first. */
export const threadKeys = (item: InboundItem): string[] => {
  const keys = [item.inReplyTo, ...(item.references ?? []).slice().reverse(), item.threadRoot].filter((k): k is string => Boolean(k));
  return [...new Set(keys)];
};

/** Bounded text: a huge post is kept whole in the raw store but trimmed for the mention row. */
export const MAX_MENTION_TEXT = 20_000;
export const clampText = (text: string): string => {
  // Strip NUL and other C0 controls PostgreSQL text cannot hold or that only carry garbage.
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  const clean = text.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g, '');
  return clean.length > MAX_MENTION_TEXT ? `${clean.slice(0, MAX_MENTION_TEXT)}…` : clean;
};
