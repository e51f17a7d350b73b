import type { TweetV2PaginableTimelineResult } from 'twitter-api-v2';
import type { InboundItem } from '../connector.ts';
import { EXPANSIONS, mapTweets, TWEET_FIELDS, USER_FIELDS } from './map-tweets.ts';
import type { XApi, XConfig } from './x-config.ts';

/**
 * Reading a newest-first X timeline (mentions, recent search) from a `since_id` without ever
 * moving the cursor past tweets not yet committed.
 *
 * A walk starts at the newest page and follows `next_token` back towards `since_id`. Each page
 * is committed with a cursor that says where the walk stands (`walk.token`), so a crash or an
 * error resumes from the next page; only when the walk reaches the end does `sinceId` become the
 * walk's `newest_id`. The very first poll takes the newest page only (no backfill).
 */
export interface TimelineCursor {
  sinceId: string | null;
  walk: { newestId: string; token: string } | null;
}

export interface XCursor {
  mentions: TimelineCursor;
  /** Reset when the configured query changes: its since_id means nothing for another query. */
  search: TimelineCursor & { query: string | null };
}

export type XStream = 'mentions' | 'search';

interface Page {
  items: InboundItem[];
  newestId: string | null;
  nextToken: string | null;
  rateLimitRemaining: number | null;
}

/** An X API failure while fetching (as opposed to a failure to commit, which must propagate). */
export class XFetchError extends Error {
  constructor(readonly stream: XStream, override readonly cause: unknown) {
    super(`X ${stream} request failed`);
    this.name = 'XFetchError';
  }
}

const emptyTimeline = (): TimelineCursor => ({ sinceId: null, walk: null });

export const readXCursor = (cursor: unknown, searchQuery: string | undefined): XCursor => {
  const c = (cursor ?? {}) as Partial<XCursor>;
  const timeline = (t: unknown): TimelineCursor => {
    const v = (t ?? {}) as Partial<TimelineCursor>;
    const walk = v.walk && typeof v.walk.newestId === 'string' && typeof v.walk.token === 'string' ? v.walk : null;
    return { sinceId: typeof v.sinceId === 'string' ? v.sinceId : null, walk };
  };
  const sameQuery = (c.search?.query ?? null) === (searchQuery ?? null);
  return {
    mentions: timeline(c.mentions),
    search: { ...(sameQuery ? timeline(c.search) : emptyTimeline()), query: searchQuery ?? null },
  };
};

export const walkTimeline = async (
  start: TimelineCursor,
  fetchPage: (at: { sinceId: string | null; token: string | null }) => Promise<Page>,
  commit: (items: InboundItem[], next: TimelineCursor) => Promise<void>,
  maxPages: number,
): Promise<void> => {
  let cursor = start;
  const firstEver = start.sinceId === null && start.walk === null;
  for (let n = 0; n < maxPages; n++) {
    const page = await fetchPage({ sinceId: cursor.sinceId, token: cursor.walk?.token ?? null });
    const newestId = cursor.walk?.newestId ?? page.newestId;
    const done = firstEver || !page.nextToken || !newestId;
    const next: TimelineCursor = done
      ? { sinceId: newestId ?? cursor.sinceId, walk: null }
      : { sinceId: cursor.sinceId, walk: { newestId: newestId as string, token: page.nextToken as string } };
    await commit(page.items, next);
    cursor = next;
    // Out of requests in this window: the walk resumes on a later poll.
    if (done || page.rateLimitRemaining === 0) return;
  }
};

/** One page of `GET /2/users/:id/mentions` or `GET /2/tweets/search/recent`. */
export const fetchTimelinePage = async (
  api: XApi,
  config: XConfig,
  stream: XStream,
  at: { sinceId: string | null; token: string | null },
  now: Date,
): Promise<Page> => {
  const read = api.read;
  if (!read) throw new XFetchError(stream, new Error('no X credentials'));
  const fields = {
    max_results: 100,
    expansions: EXPANSIONS.join(','),
    'tweet.fields': TWEET_FIELDS.join(','),
    'user.fields': USER_FIELDS.join(','),
    ...(at.sinceId ? { since_id: at.sinceId } : {}),
  };
  let response;
  try {
    response =
      stream === 'mentions'
        ? await read.get<TweetV2PaginableTimelineResult>('users/:id/mentions', { ...fields, ...(at.token ? { pagination_token: at.token } : {}) }, {
            ...api.options,
            params: { id: config.userId },
            fullResponse: true,
          })
        : await read.get<TweetV2PaginableTimelineResult>(
            'tweets/search/recent',
            { query: config.searchQuery ?? '', ...fields, ...(at.token ? { next_token: at.token } : {}) },
            { ...api.options, fullResponse: true },
          );
  } catch (err) {
    throw new XFetchError(stream, err);
  }
  const body = response.data;
  return {
    items: mapTweets(body.data, body.includes, { ownUserId: config.userId, fromSearch: stream === 'search', now }),
    newestId: body.meta?.newest_id ?? null,
    nextToken: body.meta?.next_token ?? null,
    rateLimitRemaining: response.rateLimit?.remaining ?? null,
  };
};
