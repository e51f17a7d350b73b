import type { mastodon } from 'masto';
import type { InboundItem } from '../connector.ts';
import { PAGE_LIMIT, type MastodonConfig } from './mastodon-config.ts';
import { mapStatus, maxId } from './map-statuses.ts';

/**
 * Mentions (`GET /api/v1/notifications?types[]=mention`) and keyword search
 * (`GET /api/v2/search?type=statuses`), both read forward from a `min_id` cursor: `min_id` returns
 * the page immediately newer than the cursor, so each page can be committed with the cursor moved
 * to its newest id and nothing is ever skipped. Notifications follow the `Link: rel="prev"`
 * header from page to page, as Mastodon documents; search has no Link header and is re-asked with
 * the new `min_id`. The very first poll takes the newest page only (no backfill).
 */
export interface MastodonCursor {
  notifications: { minId: string | null };
  /** Reset when the query changes. */
  search: { minId: string | null; query: string | null };
}

export type MastodonStream = 'notifications' | 'search';

export class MastodonFetchError extends Error {
  constructor(readonly stream: MastodonStream, override readonly cause: unknown) {
    super(`Mastodon ${stream} request failed`);
    this.name = 'MastodonFetchError';
  }
}

export const readMastodonCursor = (cursor: unknown, searchQuery: string | undefined): MastodonCursor => {
  const c = (cursor ?? {}) as { notifications?: { minId?: unknown }; search?: { minId?: unknown; query?: unknown } };
  const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
  const sameQuery = str(c.search?.query) === (searchQuery ?? null);
  return {
    notifications: { minId: str(c.notifications?.minId) },
    search: { minId: sameQuery ? str(c.search?.minId) : null, query: searchQuery ?? null },
  };
};

type Commit = (items: InboundItem[], newestId: string) => Promise<void>;

export const pollNotifications = async (
  client: mastodon.rest.Client,
  config: MastodonConfig,
  minId: string | null,
  commit: Commit,
  opts: { maxPages: number; signal: AbortSignal },
): Promise<void> => {
  // masto's list paginators take no per-request options: the client's timeout bounds each call.
  const pages = client.v1.notifications.list
    .$raw({ types: ['mention'], limit: PAGE_LIMIT, ...(minId ? { minId } : {}) })
    .setDirection('prev')
    .values();
  for (let n = 0; n < opts.maxPages && !opts.signal.aborted; n++) {
    let step;
    try {
      step = await pages.next();
    } catch (err) {
      throw new MastodonFetchError('notifications', err);
    }
    const notifications = step.done ? [] : step.value.data;
    const newest = maxId(notifications.map((x) => x.id));
    if (!newest) return;
    const items = notifications
      .filter((x): x is mastodon.v1.MentionNotification => x.type === 'mention' && 'status' in x && !!x.status)
      .map((x) => mapStatus(x.status, { config, fromSearch: false }, x));
    await commit(items, newest);
    if (!minId) return; // first poll: the newest page only
  }
};

export const pollSearch = async (
  client: mastodon.rest.Client,
  config: MastodonConfig,
  minId: string | null,
  commit: Commit,
  opts: { maxPages: number; signal: AbortSignal },
): Promise<void> => {
  let cursor = minId;
  for (let n = 0; n < opts.maxPages && !opts.signal.aborted; n++) {
    let result: mastodon.v2.Search;
    try {
      result = await client.v2.search.list({
        q: config.searchQuery ?? '',
        type: 'statuses',
        limit: PAGE_LIMIT,
        resolve: false,
        ...(cursor ? { minId: cursor } : {}),
      });
    } catch (err) {
      throw new MastodonFetchError('search', err);
    }
    const newest = maxId(result.statuses.map((s) => s.id));
    if (!newest) return;
    await commit(
      result.statuses.map((s) => mapStatus(s, { config, fromSearch: true }, s)),
      newest,
    );
    if (!cursor || result.statuses.length < PAGE_LIMIT) return;
    cursor = newest;
  }
};
