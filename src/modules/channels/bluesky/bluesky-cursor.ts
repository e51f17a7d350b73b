/**
 * The Bluesky channel's poll cursor. Notifications and each search term are lists Bluesky serves
 * newest first, paged backwards with an opaque cursor; there is no "since" cursor to resume
 * forwards. So each list keeps a watermark: the time of the newest item taken, plus the ids taken
 * close to it (items can arrive a little out of order, so the walk goes `OVERLAP_MS` past the
 * watermark and skips ids already taken). When a poll runs out of page budget (or rate-limit
 * budget) before reaching the old watermark, `backfill` remembers where to go on, so a burst larger
 * than one poll is read in full over the next polls instead of leaving a hole.
 *
 * The first walk of a list reads one page and sets `floor`, the time of the oldest item it took:
 * the channel starts listening then and never imports older history, even inside the overlap.
 * A walk also stops at a page that brings nothing new once it is past the watermark, so a quiet
 * account costs one request per list and poll.
 *
 * `pausedUntil` is set when Bluesky said to slow down: polls before that time do nothing.
 */
export interface StreamCursor {
  /** ISO time of the newest item taken. */
  newest: string | null;
  /** [id, epoch ms] of items taken within OVERLAP_MS of `newest`. */
  seen: Array<[string, number]>;
  /** ISO time before which nothing is taken (set by the first walk). */
  floor: string | null;
  backfill: { cursor: string; until: string; seen: Array<[string, number]> } | null;
}

export interface BlueskyCursor {
  v: 1;
  notifications: StreamCursor;
  /** Keyed by search term. */
  search: Record<string, StreamCursor>;
  pausedUntil: string | null;
}

export const OVERLAP_MS = 2 * 60_000;
export const SEEN_LIMIT = 500;

export const emptyStream = (): StreamCursor => ({ newest: null, seen: [], floor: null, backfill: null });

const readSeen = (v: unknown): Array<[string, number]> =>
  Array.isArray(v)
    ? v.filter((p): p is [string, number] => Array.isArray(p) && typeof p[0] === 'string' && typeof p[1] === 'number')
    : [];

const readStream = (v: unknown): StreamCursor => {
  if (!v || typeof v !== 'object') return emptyStream();
  const s = v as Record<string, unknown>;
  const b = s['backfill'] as Record<string, unknown> | null | undefined;
  const backfill =
    b && typeof b['cursor'] === 'string' && typeof b['until'] === 'string'
      ? { cursor: b['cursor'], until: b['until'], seen: readSeen(b['seen']) }
      : null;
  const str = (k: string) => (typeof s[k] === 'string' ? (s[k] as string) : null);
  return { newest: str('newest'), seen: readSeen(s['seen']), floor: str('floor'), backfill };
};

export const readBlueskyCursor = (cursor: unknown): BlueskyCursor => {
  const c = (cursor && typeof cursor === 'object' ? cursor : {}) as Record<string, unknown>;
  const search: Record<string, StreamCursor> = {};
  const rawSearch = c['search'];
  if (rawSearch && typeof rawSearch === 'object') {
    for (const [term, v] of Object.entries(rawSearch)) search[term] = readStream(v);
  }
  return {
    v: 1,
    notifications: readStream(c['notifications']),
    search,
    pausedUntil: typeof c['pausedUntil'] === 'string' ? c['pausedUntil'] : null,
  };
};

export interface StreamEntry<T> {
  id: string;
  at: Date;
  value: T;
}

export interface StreamPage<T> {
  entries: Array<StreamEntry<T>>;
  cursor?: string | undefined;
  /** Time of the page's oldest item before any filtering (entries may be a filtered subset). */
  oldestAt?: Date | undefined;
}

export interface WalkOptions {
  maxPages: number;
  /** Checked after each page: true stops the walk (the rate guard says the budget is spent). */
  shouldStop: () => boolean;
  now: () => Date;
}

export interface WalkResult<T> {
  taken: Array<StreamEntry<T>>;
  next: StreamCursor;
  /** A page that failed; what came before it is still in `taken`/`next`. */
  error?: unknown;
}

/**
 * Reads one newest-first list down to the watermark (or on from a backfill point), taking what is
 * new. The very first walk of a list reads one page (see `floor` above).
 */
export const walkNewest = async <T>(
  state: StreamCursor,
  fetchPage: (cursor: string | undefined) => Promise<StreamPage<T>>,
  opts: WalkOptions,
): Promise<WalkResult<T>> => {
  const backfill = state.backfill;
  const isFirst = state.newest === null && state.floor === null && backfill === null;
  const stopAt = backfill?.until ?? state.newest ?? state.floor;
  const floorMs = state.floor ? Date.parse(state.floor) : -Infinity;
  const stopMs = stopAt ? Math.max(Date.parse(stopAt) - OVERLAP_MS, floorMs) : null;
  const watermarkMs = stopAt ? Date.parse(stopAt) : null;
  const skip = new Set((backfill ? backfill.seen : state.seen).map(([id]) => id));
  const maxPages = isFirst ? 1 : opts.maxPages;
  const taken: Array<StreamEntry<T>> = [];
  let pageCursor = backfill?.cursor;
  let reachedEnd = false;
  let error: unknown;
  for (let pages = 0; pages < maxPages; pages++) {
    let page: StreamPage<T>;
    try {
      page = await fetchPage(pageCursor);
    } catch (err) {
      error = err;
      break;
    }
    let newOnPage = 0;
    for (const e of page.entries) {
      // Entries past the stop line are skipped, not a reason to stop mid-page: order is only roughly by time.
      if (stopMs !== null && e.at.getTime() < stopMs) {
        reachedEnd = true;
        continue;
      }
      if (skip.has(e.id)) continue;
      skip.add(e.id);
      taken.push(e);
      newOnPage++;
    }
    const oldestOnPage = page.oldestAt ?? page.entries.at(-1)?.at;
    if (oldestOnPage && stopMs !== null && oldestOnPage.getTime() < stopMs) reachedEnd = true;
    const pastWatermark = watermarkMs !== null && oldestOnPage !== undefined && oldestOnPage.getTime() < watermarkMs;
    if (reachedEnd || !page.cursor || oldestOnPage === undefined || (newOnPage === 0 && pastWatermark)) {
      reachedEnd = true;
      break;
    }
    pageCursor = page.cursor;
    if (opts.shouldStop()) break;
  }
  const nextBackfill =
    !reachedEnd && !isFirst && stopAt && pageCursor
      ? { cursor: pageCursor, until: stopAt, seen: backfill ? backfill.seen : state.seen }
      : null;
  // A walk interrupted before it read anything leaves the state as it was.
  if (error !== undefined && taken.length === 0) return { taken, next: state, error };
  const floor = isFirst ? oldest(taken, opts.now()) : state.floor;
  return { taken, next: advance(state, taken, nextBackfill, floor), ...(error === undefined ? {} : { error }) };
};

const oldest = <T>(taken: Array<StreamEntry<T>>, now: Date): string => {
  let ms = now.getTime();
  for (const e of taken) ms = Math.min(ms, e.at.getTime());
  return new Date(ms).toISOString();
};

const advance = <T>(
  state: StreamCursor,
  taken: Array<StreamEntry<T>>,
  backfill: StreamCursor['backfill'],
  floor: string | null,
): StreamCursor => {
  let newestMs = state.newest ? Date.parse(state.newest) : -Infinity;
  for (const e of taken) newestMs = Math.max(newestMs, e.at.getTime());
  const merged = new Map<string, number>(state.seen);
  for (const e of taken) merged.set(e.id, e.at.getTime());
  const seen = [...merged.entries()]
    .filter(([, ms]) => ms >= newestMs - OVERLAP_MS)
    .sort((a, b) => b[1] - a[1])
    .slice(0, SEEN_LIMIT);
  return { newest: Number.isFinite(newestMs) ? new Date(newestMs).toISOString() : null, seen, floor, backfill };
};
