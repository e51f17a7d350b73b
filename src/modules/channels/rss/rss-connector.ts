import { systemClock, type Clock } from '../../../platform/clock/index.ts';
import type { Connector, ConnectorContext, HealthReport } from '../connector.ts';
import { advanceFeedCursor, readRssCursor, seenKey, type RssCursor } from './feed-cursor.ts';
import { FeedFetchError, fetchFeed } from './fetch-feed.ts';
import { FeedParseError, mapFeed } from './map-feed.ts';
import { DEFAULT_MAX_BYTES, DEFAULT_TIMEOUT_MS, parseRssConfig, type RssConfig, type RssFeedConfig } from './rss-config.ts';

/**
 * Feeds are read-only: the connector polls, never sends (no `send`, `maxLength: null`,
 * `canThread: false`). Each feed is polled on its own: a feed that fails is reported through
 * `ctx.reportFailure` and keeps its old cursor, the others go on, and `poll` does not throw for
 * one bad feed. Each successful feed's new items are committed together with the cursor that
 * records them, so a crash between feeds loses nothing.
 *
 * Failure reasons start with a problem word the health view can group by:
 * `auth:` (401/403), `unreachable:` (network, timeout, 5xx), `bad_feed:` (not a feed, too large),
 * `misconfigured:`.
 */
export interface RssConnectorDeps {
  clock?: Clock;
  fetchImpl?: typeof fetch;
}

export const createRssConnector = (deps: RssConnectorDeps = {}): Connector => {
  const clock = deps.clock ?? systemClock;
  return {
    kind: 'rss',
    limits: { maxLength: null, canThread: false, hasPrivateMessages: false },

    async poll(ctx) {
      const parsed = parseRssConfig(ctx.config);
      if (!parsed.ok) {
        await ctx.reportFailure(`misconfigured: ${parsed.detail}`);
        return;
      }
      let cursor = readRssCursor(ctx.cursor);
      for (const feed of parsed.config.feeds) {
        if (ctx.signal.aborted) return;
        cursor = await pollFeed(ctx, feed, parsed.config, cursor, clock, deps.fetchImpl);
      }
    },

    async checkHealth(ctx): Promise<HealthReport> {
      const parsed = parseRssConfig(ctx.config);
      return parsed.ok ? { ok: true } : { ok: false, problem: 'misconfigured', detail: parsed.detail };
    },
  };
};

export const rssConnector: Connector = createRssConnector();

/** Returns the cursor after this feed: advanced when its items were committed, unchanged otherwise. */
const pollFeed = async (
  ctx: ConnectorContext,
  feed: RssFeedConfig,
  config: RssConfig,
  cursor: RssCursor,
  clock: Clock,
  fetchImpl: typeof fetch | undefined,
): Promise<RssCursor> => {
  const previous = cursor.feeds[feed.url];
  let response;
  try {
    response = await fetchFeed(feed.url, {
      etag: previous?.etag,
      lastModified: previous?.lastModified,
      timeoutMs: config.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      maxBytes: config.maxBytes ?? DEFAULT_MAX_BYTES,
      signal: ctx.signal,
      fetchImpl,
    });
  } catch (err) {
    if (ctx.signal.aborted) return cursor;
    const problem = err instanceof FeedFetchError ? feedProblem(err) : 'unreachable';
    const message = err instanceof Error ? err.message : String(err);
    const httpStatus = err instanceof FeedFetchError ? err.httpStatus : undefined;
    await ctx.reportFailure(`${problem}: ${message}`, { raw: { feedUrl: feed.url, httpStatus } });
    return cursor;
  }
  if (response.status === 'not_modified') return cursor;

  const fetchedAt = clock.now();
  let mapped;
  try {
    mapped = mapFeed(response.body, feed, fetchedAt);
  } catch (err) {
    if (!(err instanceof FeedParseError)) throw err;
    await ctx.reportFailure(`bad_feed: ${feed.url} is not a readable feed (${err.message})`, {
      raw: { feedUrl: feed.url, httpStatus: response.httpStatus, bodyStart: response.body.slice(0, 300) },
    });
    return cursor;
  }

  const alreadySeen = new Set(previous?.seen ?? []);
  const inThisDocument = new Set<string>();
  const fresh = mapped.items.filter((item) => {
    if (alreadySeen.has(seenKey(item.externalId)) || inThisDocument.has(item.externalId)) return false;
    inThisDocument.add(item.externalId);
    return true;
  });
  const next: RssCursor = {
    feeds: {
      ...cursor.feeds,
      [feed.url]: advanceFeedCursor(previous, {
        etag: response.etag,
        lastModified: response.lastModified,
        ids: mapped.items.map((i) => i.externalId),
        // Entries without a date were stamped with the fetch time; they say nothing about lag.
        dates: mapped.items.map((i) => i.authoredAt).filter((d) => d.getTime() !== fetchedAt.getTime()),
      }),
    },
  };
  await ctx.accept(fresh, next);
  return next;
};

const feedProblem = (err: FeedFetchError): string => {
  if (err.problem === 'auth') return 'auth';
  if (err.problem === 'too_large') return 'bad_feed';
  return 'unreachable';
};
