import { and, eq, inArray, schema, type Database } from '../platform/db/index.ts';
import type { SecretBox } from '../platform/crypto/index.ts';
import type { Logger } from '../platform/logger/index.ts';
import { connectorFor, type ChannelRow } from '../modules/channels/index.ts';
import { createConnectorContext } from '../modules/ingestion/index.ts';

interface Running {
  channel: ChannelRow;
  abort: AbortController;
  done: Promise<void>;
}

const DEFAULT_POLL_SECONDS = 60;
const MAX_BACKOFF_MS = 15 * 60_000;

/**
 * Keeps every active channel listening: a poll loop per channel whose connector polls (with
 * exponential backoff while it fails), a long-lived stream where the connector has one (IMAP IDLE).
 * Reconciles with the channels table periodically, so a channel added, paused or edited in the
 * console is picked up without a restart.
 */
export class ChannelRuntime {
  private readonly running = new Map<string, Running>();
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;

  constructor(private readonly deps: { db: Database; box: SecretBox; log: Logger; wake: () => void; reconcileMs?: number }) {}

  async start(): Promise<void> {
    await this.reconcile();
    this.timer = setInterval(() => void this.reconcile().catch((err) => this.deps.log.error({ err }, 'channel reconcile failed')), this.deps.reconcileMs ?? 15_000);
    this.timer.unref();
  }

  async reconcile(): Promise<void> {
    if (this.stopped) return;
    const channels = await this.deps.db.system((tx) =>
      tx.select().from(schema.channels).where(and(eq(schema.channels.status, 'active'), inArray(schema.channels.kind, ['email', 'rss', 'x', 'mastodon', 'bluesky']))),
    );
    const wanted = new Map(channels.map((c) => [c.id, c]));
    for (const [id, r] of this.running) {
      const now = wanted.get(id);
      // Stopped, or edited since we started it (new config or credentials): restart.
      if (!now || now.updatedAt.getTime() !== r.channel.updatedAt.getTime()) {
        r.abort.abort();
        await r.done;
        this.running.delete(id);
      }
    }
    for (const c of channels) if (!this.running.has(c.id)) this.launch(c);
  }

  private launch(channel: ChannelRow): void {
    const connector = connectorFor(channel.kind);
    if (!connector?.poll && !connector?.stream) return;
    const abort = new AbortController();
    const ctx = createConnectorContext({ db: this.deps.db, box: this.deps.box, log: this.deps.log, wake: this.deps.wake, signal: abort.signal }, channel);
    const sleep = (ms: number) =>
      new Promise<void>((resolve) => {
        const t = setTimeout(resolve, ms);
        abort.signal.addEventListener('abort', () => { clearTimeout(t); resolve(); }, { once: true });
      });
    const done = (async () => {
      if (connector.stream) {
        await connector.stream(ctx).catch((err) => ctx.log.error({ err }, 'channel stream ended with an error'));
        return;
      }
      let failures = 0;
      const every = Number(channel.config.pollIntervalSeconds ?? DEFAULT_POLL_SECONDS) * 1000;
      while (!abort.signal.aborted) {
        try {
          await connector.poll!(ctx);
          failures = 0;
          await sleep(every);
        } catch (err) {
          failures++;
          ctx.log.warn({ err, failures }, 'channel poll failed');
          await sleep(Math.min(MAX_BACKOFF_MS, every * 2 ** Math.min(failures, 8)));
        }
      }
    })();
    this.running.set(channel.id, { channel, abort, done });
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    for (const r of this.running.values()) r.abort.abort();
    await Promise.all([...this.running.values()].map((r) => r.done));
    this.running.clear();
  }
}
