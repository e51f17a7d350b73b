import type { AppBskyActorDefs, AppBskyFeedDefs, AtpAgent } from '@atproto/api';
import type { RateGuard } from './bluesky-errors.ts';

/** `getPosts` and `getProfiles` take at most 25 at a time. */
const BATCH = 25;
/** The most `listNotifications` and `searchPosts` return per page (lexicon maxima: 100). */
export const DEFAULT_PAGE_SIZE = 50;

const chunks = <T>(xs: T[], size: number): T[][] => {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += size) out.push(xs.slice(i, i + size));
  return out;
};

/**
 * The read calls one poll makes, each feeding its response headers to the rate guard. Reads of
 * public data go to a public AppView when one is configured; notifications need the account's
 * session and always go through its PDS (which proxies them to the AppView).
 */
export class BlueskyReader {
  constructor(
    private readonly agent: AtpAgent,
    private readonly publicAgent: AtpAgent | null,
    private readonly guard: RateGuard,
    private readonly signal: AbortSignal,
    private readonly pageSize = DEFAULT_PAGE_SIZE,
  ) {}

  private get reads(): AtpAgent {
    return this.publicAgent ?? this.agent;
  }

  async notifications(cursor: string | undefined, reasons: string[]) {
    const res = await this.agent.app.bsky.notification.listNotifications(
      { limit: this.pageSize, reasons, ...(cursor ? { cursor } : {}) },
      { signal: this.signal },
    );
    this.guard.observe(res.headers);
    return res.data;
  }

  async searchPosts(q: string, cursor: string | undefined, since: string | undefined) {
    const res = await this.reads.app.bsky.feed.searchPosts(
      { q, sort: 'latest', limit: this.pageSize, ...(cursor ? { cursor } : {}), ...(since ? { since } : {}) },
      { signal: this.signal },
    );
    this.guard.observe(res.headers);
    return res.data;
  }

  async posts(uris: string[]): Promise<Map<string, AppBskyFeedDefs.PostView>> {
    const out = new Map<string, AppBskyFeedDefs.PostView>();
    for (const batch of chunks([...new Set(uris)], BATCH)) {
      const res = await this.reads.app.bsky.feed.getPosts({ uris: batch }, { signal: this.signal });
      this.guard.observe(res.headers);
      for (const p of res.data.posts) out.set(p.uri, p);
    }
    return out;
  }

  /** Fills `into` with the profiles it lacks (a poll shares one map across its sources). */
  async profiles(dids: string[], into: Map<string, AppBskyActorDefs.ProfileViewDetailed>): Promise<void> {
    const missing = [...new Set(dids)].filter((d) => !into.has(d));
    for (const batch of chunks(missing, BATCH)) {
      const res = await this.reads.app.bsky.actor.getProfiles({ actors: batch }, { signal: this.signal });
      this.guard.observe(res.headers);
      for (const p of res.data.profiles) into.set(p.did, p);
    }
  }
}
