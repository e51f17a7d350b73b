import { sha256Hex } from '../../../platform/crypto/index.ts';

/**
 * The RSS channel's poll cursor: one entry per feed URL, so a feed that fails keeps its old state
 * while the others move on. `seen` holds short hashes of the newest entry ids (bounded) to skip
 * what was already accepted when a server ignores conditional GET; the raw store dedupes anyway,
 * this only saves work, and hashes keep the cursor small whatever the ids look like. `newest` is
 * the latest entry date seen, for lag in the channel's health.
 */
export interface FeedCursor {
  etag?: string | null;
  lastModified?: string | null;
  seen: string[];
  newest?: string | null;
}

export interface RssCursor {
  feeds: Record<string, FeedCursor>;
}

/** Enough for any real feed's page (most carry 10–100 entries) while keeping the cursor small. */
export const SEEN_LIMIT = 300;

/** 64 bits of SHA-256: collisions among a feed's few hundred recent entries are not a concern. */
export const seenKey = (externalId: string): string => sha256Hex(externalId).slice(0, 16);

export const readRssCursor = (cursor: unknown): RssCursor => {
  if (!cursor || typeof cursor !== 'object' || !('feeds' in cursor)) return { feeds: {} };
  const feeds = (cursor as { feeds: unknown }).feeds;
  if (!feeds || typeof feeds !== 'object') return { feeds: {} };
  const out: RssCursor = { feeds: {} };
  for (const [url, value] of Object.entries(feeds as Record<string, unknown>)) {
    if (!value || typeof value !== 'object') continue;
    const v = value as Partial<FeedCursor>;
    out.feeds[url] = {
      etag: typeof v.etag === 'string' ? v.etag : null,
      lastModified: typeof v.lastModified === 'string' ? v.lastModified : null,
      seen: Array.isArray(v.seen) ? v.seen.filter((s): s is string => typeof s === 'string') : [],
      newest: typeof v.newest === 'string' ? v.newest : null,
    };
  }
  return out;
};

/** The feed's next state: fresh validators, new ids first (bounded), the latest date kept. */
export const advanceFeedCursor = (
  previous: FeedCursor | undefined,
  next: { etag: string | null; lastModified: string | null; ids: string[]; dates: Date[] },
): FeedCursor => {
  const seen = [...new Set([...next.ids.map(seenKey), ...(previous?.seen ?? [])])].slice(0, SEEN_LIMIT);
  let newest = previous?.newest ? new Date(previous.newest) : null;
  for (const d of next.dates) if (!newest || d > newest) newest = d;
  return {
    etag: next.etag,
    lastModified: next.lastModified,
    seen,
    newest: newest ? newest.toISOString() : null,
  };
};
