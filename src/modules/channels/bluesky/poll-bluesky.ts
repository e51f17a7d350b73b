import type { AppBskyActorDefs, AppBskyFeedDefs, AppBskyNotificationListNotifications, AtpAgent } from '@atproto/api';
import type { ConnectorContext, InboundItem } from '../connector.ts';
import type { BlueskySettings } from './bluesky-config.ts';
import { OVERLAP_MS, emptyStream, readBlueskyCursor, walkNewest, type BlueskyCursor, type StreamCursor, type StreamEntry } from './bluesky-cursor.ts';
import { DEFAULT_RETRY_AFTER_MS, RateGuard, classifyError, type BlueskyError } from './bluesky-errors.ts';
import { BlueskyReader } from './bluesky-reader.ts';
import type { BlueskySession } from './bluesky-session.ts';
import { notificationToItem, postViewToItem, sortTime, type MapOptions } from './map-post.ts';

type Notification = AppBskyNotificationListNotifications.Notification;
type Profiles = Map<string, AppBskyActorDefs.ProfileViewDetailed>;

interface PollDeps {
  /** The channel's session; called only when the poll is not paused (a login spends rate budget). */
  session: () => Promise<BlueskySession>;
  publicAgent: AtpAgent | null;
  now: () => Date;
  pageSize: number;
}

/**
 * One poll: the account's notifications (mentions, replies, quotes), then each search term. Each
 * source's items are committed together with the cursor that records them, so a failure in a
 * later source keeps what earlier sources read. A 429 (the login's included) stops the poll,
 * commits `pausedUntil` (from `ratelimit-reset`) and reports `rate_limited`; when the rate-limit
 * headers say the budget is nearly spent, the poll stops the same way before hitting the limit,
 * and only logs it. Polls before `pausedUntil` return at once, without logging in. Other failures
 * are reported and thrown as a `BlueskyError`.
 */
export const pollBluesky = async (ctx: ConnectorContext, settings: BlueskySettings, deps: PollDeps): Promise<void> => {
  let cursor = readBlueskyCursor(ctx.cursor);
  const now = deps.now();
  if (cursor.pausedUntil && Date.parse(cursor.pausedUntil) > now.getTime()) {
    ctx.log.info({ channelId: ctx.channelId, pausedUntil: cursor.pausedUntil }, 'bluesky: rate-limited, poll skipped');
    return;
  }
  // Terms no longer configured drop out of the cursor with the first commit.
  const search = Object.fromEntries(settings.searchTerms.flatMap((t) => (cursor.search[t] ? [[t, cursor.search[t]]] : [])));
  cursor = { ...cursor, search, pausedUntil: null };
  const guard = new RateGuard(deps.now);
  const profiles: Profiles = new Map();
  const acceptedNow = new Set<string>();
  const stop = () => guard.isPaused || ctx.signal.aborted;
  const commit = async (items: InboundItem[], next: BlueskyCursor) => {
    const fresh = items.filter((i) => !acceptedNow.has(i.externalId));
    for (const i of fresh) acceptedNow.add(i.externalId);
    await ctx.accept(fresh, next);
    cursor = next;
  };

  let limited: BlueskyError | null = null;
  try {
    const session = await deps.session();
    const reader = new BlueskyReader(session.agent, deps.publicAgent, guard, ctx.signal, deps.pageSize);
    const walk = await walkNewest<Notification>(
      cursor.notifications,
      async (pageCursor) => {
        const page = await reader.notifications(pageCursor, settings.notificationReasons);
        const all = page.notifications.map((n) => ({ id: n.uri, at: sortTime(recordTime(n.record), n.indexedAt), value: n }));
        // A service that ignores `reasons` still sends likes and follows: filter here, page on by time.
        return {
          entries: all.filter((e) => (settings.notificationReasons as string[]).includes(e.value.reason)),
          cursor: page.cursor,
          oldestAt: all.at(-1)?.at,
        };
      },
      { maxPages: settings.maxPagesPerPoll, shouldStop: stop, now: deps.now },
    );
    const mapOpts: MapOptions = { brandDid: session.did, profiles, fromSearch: false };
    await commit(await notificationItems(reader, walk.taken, mapOpts), { ...cursor, notifications: walk.next });
    if (walk.error !== undefined) throw walk.error;

    for (const term of settings.searchTerms) {
      if (stop()) break;
      const state = cursor.search[term] ?? emptyStream();
      const termWalk = await walkNewest<AppBskyFeedDefs.PostView>(
        state,
        async (pageCursor) => {
          const page = await reader.searchPosts(term, pageCursor, sinceFor(state));
          return {
            entries: page.posts.map((p) => ({ id: p.uri, at: sortTime(recordTime(p.record), p.indexedAt), value: p })),
            cursor: page.cursor,
          };
        },
        { maxPages: settings.maxPagesPerPoll, shouldStop: stop, now: deps.now },
      );
      const posts = termWalk.taken.map((e) => e.value).reverse();
      await reader.profiles(posts.map((p) => p.author.did), profiles);
      const items = posts.map((p) => postViewToItem(p, { ...mapOpts, fromSearch: true }));
      await commit(items, { ...cursor, search: { ...cursor.search, [term]: termWalk.next } });
      if (termWalk.error !== undefined) throw termWalk.error;
    }
  } catch (err) {
    const e = classifyError(err, deps.now());
    if (e.problem !== 'rate_limited') {
      await ctx.reportFailure(`${e.problem}: bluesky poll failed: ${e.message}`, { raw: { httpStatus: e.httpStatus } });
      throw e;
    }
    guard.pauseFor(e.retryAfterMs ?? DEFAULT_RETRY_AFTER_MS);
    limited = e;
  }

  if (guard.pausedUntil) {
    const until = guard.pausedUntil.toISOString();
    await ctx.accept([], { ...cursor, pausedUntil: until });
    if (limited) {
      await ctx.reportFailure(`rate_limited: bluesky answered 429 (${limited.message}); polling resumes at ${until}`, {
        raw: { pausedUntil: until },
      });
    } else {
      ctx.log.info({ channelId: ctx.channelId, pausedUntil: until }, 'bluesky: rate-limit budget nearly spent, polling paused');
    }
  }
};

const recordTime = (record: unknown): string | undefined => {
  const createdAt = (record as { createdAt?: unknown } | null)?.createdAt;
  return typeof createdAt === 'string' ? createdAt : undefined;
};

/** Asks the search service only for what can be new (it filters by `sortAt`, as the walk does). */
const sinceFor = (state: StreamCursor): string | undefined => {
  const mark = state.backfill?.until ?? state.newest ?? state.floor;
  if (!mark) return undefined;
  const floorMs = state.floor ? Date.parse(state.floor) : -Infinity;
  return new Date(Math.max(Date.parse(mark) - OVERLAP_MS, floorMs)).toISOString();
};

/** Notifications → items, oldest first, with the full post view (counts, embeds) and profile. */
const notificationItems = async (
  reader: BlueskyReader,
  taken: Array<StreamEntry<Notification>>,
  opts: MapOptions,
): Promise<InboundItem[]> => {
  if (taken.length === 0) return [];
  const notifications = taken.map((e) => e.value).reverse();
  const posts = await reader.posts(notifications.filter((n) => n.reason !== 'repost').map((n) => n.uri));
  await reader.profiles(notifications.map((n) => n.author.did), opts.profiles as Profiles);
  return notifications.map((n) => {
    const post = n.reason === 'repost' ? undefined : posts.get(n.uri);
    return post ? postViewToItem(post, opts) : notificationToItem(n, opts);
  });
};
