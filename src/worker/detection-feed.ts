import { sql, type Database, type Tx } from '../platform/db/index.ts';
import type { EventBus } from '../platform/events/index.ts';
import type { Clock } from '../platform/clock/index.ts';
import type { Logger } from '../platform/logger/index.ts';
import { createWorkLoop, type WorkLoop } from '../platform/loop/index.ts';
import { Detector, createDetector, drillDetectorFrom, type Alert, type DetectorMention, type DetectorOptions, type DetectorState } from '../modules/detection/index.ts';
import { inWorkspace, type Work } from '../modules/conversations/index.ts';
import { attachMatchingMentions, recordAlert, runningDrillId, type FedMention } from '../modules/incidents/index.ts';

/**
 * Live detection: per workspace, the triaged mentions are fed in arrival order to the workspace's
 * detector, and every alert it raises becomes a `detection_alerts` row, a `detection.alert` event
 * and an incident (modules/incidents: a new one, or the open one about the same terms).
 *
 * - Bookmark: `detector_states.fed_until` is the `received_at` of the last mention fed; a pass
 *   reads what came after it, in batches that never split one arrival instant (a pipeline batch
 *   shares one). A mention stored later with an older arrival time (a replayed item) is not fed.
 * - State: the detector lives in memory and is saved (`toJSON`) with the bookmark at most once per
 *   bucket, when a bucket closes — in the transaction that records that bucket's alerts, so a
 *   crash replays from the last save and raises the same alerts once. Another process that moved
 *   the bookmark meanwhile wins: its saved state is loaded instead (the row is locked per pass).
 * - Quiet streams: a pass also flushes the detector at the clock's time, so buckets close and a
 *   spike that ended is still reported; the loop runs on a timer and when the pipeline stored
 *   conversations (`conversation.created` / `conversation.message`).
 * - Drills: drill mentions never reach the live detector. While a drill runs, a drill detector
 *   cloned from the live one when the drill was first seen is fed the live mentions and the drill
 *   mentions, so the drill's spike is detected against the real baseline without changing it;
 *   its alerts open drill incidents. It is dropped when the drill ends.
 * - Each batch is also offered to the open incidents, whose match terms attach new mentions.
 * - Catching up on history (a first start, a long outage) trains the detector, but alerts raised
 *   more than six hours in the past open no incidents.
 * - Time comes from the injected clock; `createdAt` fed is min(authored, received), since a
 *   mention dated in the future would hold the detector's buckets there.
 */

const BATCH = 500;
/** A new workspace's detector starts from this much history, not from the beginning of time. */
const FIRST_FEED_DAYS = 28;
/** Flush interval of a quiet stream: well under a bucket, so an alert is at most this late. */
const TICK_MS = 60_000;
/**
 * Alerts older than this when raised come from catching up on history (a first start on a busy
 * workspace, a long outage): the detector learns from them, but they open no incidents, which
 * would only flood the team with news nobody can act on any more.
 */
const STALE_ALERT_MS = 6 * 3_600_000;
const STATE_FORMAT = 'detection-feed/1';
/** While catching up on history, the state is saved every this many passes rather than per bucket. */
const CATCH_UP_SAVE_EVERY = 20;

interface SavedFeedState {
  format: typeof STATE_FORMAT;
  live: DetectorState;
  drill: { runId: string; state: DetectorState } | null;
}

interface Loaded {
  live: Detector;
  drill: { runId: string; detector: Detector } | null;
  /** Bookmark of what was fed to the in-memory detectors. */
  fedUntil: Date | null;
  /** Bookmark as last saved: if the row says otherwise, another process moved on. */
  savedFedUntil: Date | null;
  /** Open buckets at the last save: a save is due when they move. */
  savedBuckets: string;
  /** Passes over history since the last save (see CATCH_UP_SAVE_EVERY). */
  unsavedPasses: number;
}

interface MentionRow {
  id: string;
  text: string;
  authored_at: Date | string;
  received_at: Date | string;
  sentiment: string | null;
  sentiment_score: number | null;
  complaint: boolean | null;
  identity_id: string | null;
  author_followers: number | null;
  is_drill: boolean;
}

export interface DetectionFeedDeps {
  db: Database;
  bus: EventBus;
  clock: Clock;
  log: Logger;
  /** Detector options (tests use smaller warm-ups); the defaults are the evaluated ones. */
  options?: Partial<DetectorOptions>;
}

const rowsOf = <T>(res: unknown): T[] => (res as { rows: T[] }).rows;
const sameTime = (a: Date | null, b: Date | null): boolean => (a?.getTime() ?? null) === (b?.getTime() ?? null);

/** Reads a saved state: the feed's own format, or a bare detector state (a seeded baseline). */
export const parseFeedState = (raw: Record<string, unknown> | null | undefined): SavedFeedState | null => {
  if (!raw) return null;
  if (raw.format === STATE_FORMAT) return raw as unknown as SavedFeedState;
  if (typeof raw.version === 'number' && raw.baselines) return { format: STATE_FORMAT, live: raw as unknown as DetectorState, drill: null };
  return null;
};

export const toDetectorMention = (r: MentionRow): DetectorMention => {
  const authored = new Date(r.authored_at);
  const received = new Date(r.received_at);
  const sentiment = r.sentiment === 'negative' || r.sentiment === 'neutral' || r.sentiment === 'positive' ? r.sentiment : undefined;
  return {
    id: r.id,
    text: r.text,
    createdAt: authored.getTime() < received.getTime() ? authored : received,
    ...(sentiment ? { sentiment } : r.sentiment_score !== null && Number.isFinite(Number(r.sentiment_score)) ? { sentiment: Number(r.sentiment_score) } : {}),
    ...(r.complaint === null ? {} : { complaint: r.complaint }),
    author: { ...(r.identity_id ? { id: r.identity_id } : {}), followers: Number(r.author_followers ?? 0) },
  };
};

/** The next mentions after the bookmark, whole arrival instants only (at least one instant, even if larger than a batch). */
const readBatch = async (tx: Tx, workspaceId: string, after: Date): Promise<MentionRow[]> => {
  const afterIso = after.toISOString();
  const [edge] = rowsOf<{ t: Date | string | null }>(
    await tx.execute(sql`
      select max(received_at) as t from (
        select received_at from mentions where workspace_id = ${workspaceId} and received_at > ${afterIso}::timestamptz and not is_own
        order by received_at limit ${BATCH}) b`),
  );
  if (!edge?.t) return [];
  const untilIso = new Date(edge.t).toISOString();
  return rowsOf<MentionRow>(
    await tx.execute(sql`
      select id, text, authored_at, received_at, sentiment, sentiment_score, (triage->>'complaint')::boolean as complaint,
        identity_id, author_followers, is_drill
      from mentions
      where workspace_id = ${workspaceId} and received_at > ${afterIso}::timestamptz and received_at <= ${untilIso}::timestamptz and not is_own
      order by received_at, authored_at, id`),
  );
};

export class DetectionFeed {
  private readonly loaded = new Map<string, Loaded>();
  private loop: WorkLoop | null = null;
  private unsubscribe: (() => void) | null = null;

  constructor(private readonly deps: DetectionFeedDeps) {}

  start(): void {
    this.loop = createWorkLoop(() => this.runOnce(), { idleMs: TICK_MS, onError: (err) => this.deps.log.error({ err }, 'detection feed pass failed') });
    this.unsubscribe = this.deps.bus.subscribeAll((_ws, events) => {
      if (events.some((e) => e.type === 'conversation.created' || e.type === 'conversation.message')) this.loop?.wake();
    });
    this.loop.start();
  }

  async stop(): Promise<void> {
    this.unsubscribe?.();
    await this.loop?.stop();
  }

  /** One pass over every workspace with new mentions or a detector to flush; returns how many mentions were fed. */
  async runOnce(): Promise<number> {
    const workspaces = await this.deps.db.system(async (tx) =>
      rowsOf<{ id: string }>(
        await tx.execute(sql`
          select w.id from workspaces w left join detector_states s on s.workspace_id = w.id
          where s.workspace_id is not null
             or exists (select 1 from mentions m where m.workspace_id = w.id and not m.is_own)`),
      ).map((r) => r.id),
    );
    let fed = 0;
    for (const workspaceId of workspaces) {
      try {
        fed += await this.feedWorkspace(workspaceId);
      } catch (err) {
        // One workspace's failure (a corrupt state, a bad row) must not stop detection for the others.
        this.loaded.delete(workspaceId);
        this.deps.log.error({ err, workspaceId }, 'detection feed failed for a workspace');
      }
    }
    return fed;
  }

  /** Feeds one workspace up to a batch of mentions and flushes at the clock's time. */
  async feedWorkspace(workspaceId: string): Promise<number> {
    const now = this.deps.clock.now();
    return inWorkspace(this.deps, workspaceId, now, async (work) => {
      // The bookmark only (and the row's lock): the state itself, which can weigh megabytes, is read
      // only when the detectors in memory are not the saved ones.
      const [row] = rowsOf<{ fed_until: Date | string | null }>(
        await work.tx.execute(sql`select fed_until from detector_states where workspace_id = ${workspaceId} for update`),
      );
      const state = await this.current(work, row ? { fedUntil: row.fed_until ? new Date(row.fed_until) : null } : null);
      await this.syncDrill(work, state);

      const after = state.fedUntil ?? new Date(now.getTime() - FIRST_FEED_DAYS * 86_400_000);
      const batch = await readBatch(work.tx, workspaceId, after);
      const live: Alert[] = [];
      const drill: Alert[] = [];
      for (const r of batch) {
        const mention = toDetectorMention(r);
        if (!r.is_drill) live.push(...state.live.push(mention));
        if (state.drill) drill.push(...state.drill.detector.push(mention));
      }
      if (batch.length) state.fedUntil = new Date(batch.at(-1)!.received_at);
      live.push(...state.live.flush(now));
      if (state.drill) drill.push(...state.drill.detector.flush(now));

      // Alerts first: the incidents they open then take the batch's matching mentions too.
      const fresh = (a: Alert) => now.getTime() - a.detectedAt.getTime() <= STALE_ALERT_MS;
      for (const alert of live.filter(fresh)) await recordAlert(work, alert, { isDrill: false, drillRunId: null });
      for (const alert of drill.filter(fresh)) await recordAlert(work, alert, { isDrill: true, drillRunId: state.drill!.runId });
      const stale = live.length + drill.length - live.filter(fresh).length - drill.filter(fresh).length;
      if (stale) this.deps.log.info({ workspaceId, stale }, 'alerts from catching up on history were not turned into incidents');
      const fedMentions: FedMention[] = batch.map((r) => ({ id: r.id, text: r.text, isDrill: r.is_drill }));
      await attachMatchingMentions(work, fedMentions);

      // Saved once per bucket as a rule; but catching up on history (what was fed is hours old)
      // moves through many buckets per pass, and saving megabytes of state each time would hold
      // the database for most of the pass: then every so many passes (a crash replays them, and
      // alerts that old open nothing). Fresh alerts are always saved with the incidents they open.
      const buckets = this.bucketsOf(state);
      // Behind: a full batch (more waits) of mentions hours old. The pass that reaches the end saves.
      const last = batch.at(-1);
      const behind = batch.length >= BATCH && last !== undefined && now.getTime() - toDetectorMention(last).createdAt.getTime() > STALE_ALERT_MS;
      const recorded = live.some(fresh) || drill.some(fresh);
      const moved = buckets !== state.savedBuckets;
      if (moved && behind) state.unsavedPasses++;
      if (!row || recorded || (moved && (!behind || state.unsavedPasses >= CATCH_UP_SAVE_EVERY))) await this.save(work.tx, workspaceId, state, buckets);
      return batch.length;
    });
  }

  /** The in-memory detectors, unless the saved bookmark moved without us (another process, or a first load). */
  private async current(work: Work, row: { fedUntil: Date | null } | null): Promise<Loaded> {
    const workspaceId = work.workspaceId;
    const cached = this.loaded.get(workspaceId);
    if (cached && row && sameTime(cached.savedFedUntil, row.fedUntil)) return cached;
    const [stored] = row
      ? rowsOf<{ state: Record<string, unknown> }>(await work.tx.execute(sql`select state from detector_states where workspace_id = ${workspaceId}`))
      : [];
    const saved = parseFeedState(stored?.state);
    const live = saved ? Detector.fromJSON(saved.live) : createDetector(this.deps.options);
    const drill = saved?.drill ? { runId: saved.drill.runId, detector: Detector.fromJSON(saved.drill.state) } : null;
    const loaded: Loaded = { live, drill, fedUntil: row?.fedUntil ?? null, savedFedUntil: row?.fedUntil ?? null, savedBuckets: '', unsavedPasses: 0 };
    loaded.savedBuckets = row ? this.bucketsOf(loaded) : '';
    this.loaded.set(workspaceId, loaded);
    return loaded;
  }

  /** A running drill gets a detector cloned from the live one; a finished drill's detector goes. */
  private async syncDrill(work: Work, state: Loaded): Promise<void> {
    const runId = await runningDrillId(work.tx, work.workspaceId);
    if (state.drill && state.drill.runId !== runId) state.drill = null;
    if (runId && !state.drill) state.drill = { runId, detector: drillDetectorFrom(state.live, work.now) };
  }

  private bucketsOf(state: Loaded): string {
    return `${state.live.openBucketStart?.getTime() ?? ''}|${state.drill?.runId ?? ''}:${state.drill?.detector.openBucketStart?.getTime() ?? ''}`;
  }

  private async save(tx: Tx, workspaceId: string, state: Loaded, buckets: string): Promise<void> {
    const saved: SavedFeedState = {
      format: STATE_FORMAT,
      live: state.live.toJSON(),
      drill: state.drill ? { runId: state.drill.runId, state: state.drill.detector.toJSON() } : null,
    };
    const fedIso = state.fedUntil ? state.fedUntil.toISOString() : null;
    await tx.execute(sql`
      insert into detector_states (workspace_id, state, fed_until, updated_at)
      values (${workspaceId}, ${JSON.stringify(saved)}::jsonb, ${fedIso}::timestamptz, now())
      on conflict (workspace_id) do update set state = excluded.state, fed_until = excluded.fed_until, updated_at = now()`);
    state.savedFedUntil = state.fedUntil;
    state.savedBuckets = buckets;
    state.unsavedPasses = 0;
  }
}

/** Saves a detector (e.g. one warmed on a workspace's history) as the workspace's live detector, bookmarked at `fedUntil`. */
export const saveDetectorState = async (db: Database, workspaceId: string, detector: Detector, fedUntil: Date | null): Promise<void> => {
  const saved: SavedFeedState = { format: STATE_FORMAT, live: detector.toJSON(), drill: null };
  await db.tenant(workspaceId, (tx) =>
    tx.execute(sql`
      insert into detector_states (workspace_id, state, fed_until, updated_at)
      values (${workspaceId}, ${JSON.stringify(saved)}::jsonb, ${fedUntil ? fedUntil.toISOString() : null}::timestamptz, now())
      on conflict (workspace_id) do update set state = excluded.state, fed_until = excluded.fed_until, updated_at = now()`),
  );
};

export const startDetectionFeed = (deps: DetectionFeedDeps): { stop(): Promise<void> } => {
  const feed = new DetectionFeed(deps);
  feed.start();
  return { stop: () => feed.stop() };
};
