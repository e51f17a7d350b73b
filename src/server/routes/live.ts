import type { ServerResponse } from 'node:http';
import { eventsAfter, FEED_PAGE, latestEventId } from '../../modules/conversations/index.ts';
import { LiveQuery } from '../../contracts/index.ts';
import type { Database } from '../../platform/db/index.ts';
import type { EventBus, StoredEvent } from '../../platform/events/index.ts';
import { actorOf } from '../auth.ts';
import type { RouteModule } from './types.ts';

/** Other processes write events too: the bus only hears this one's, so the log is also polled. */
export const POLL_MS = 2_000;
/** Comments keep proxies from closing an idle stream and let the client notice a dead one. */
export const HEARTBEAT_MS = 15_000;
/** An event row waiting for an older transaction to finish is asked for again this soon. */
const BLOCKED_RETRY_MS = 100;

/** Unnamed frames (EventSource `onmessage` gets them all); the event's type is in its data. */
const frame = (e: StoredEvent): string =>
  `id: ${e.id}\ndata: ${JSON.stringify({ id: e.id, type: e.type, subjectId: e.subjectId, data: e.data, createdAt: e.createdAt })}\n\n`;

/**
 * One client's live stream: reads the workspace's event log by id from where the client left off,
 * in order, never twice. Woken by the event bus (this process's commits), by a slow poll (other
 * processes), and retried shortly when a newer row waits for an older transaction.
 */
class LiveStream {
  private reading = false;
  private again = false;
  private closed = false;
  private readonly timers: NodeJS.Timeout[] = [];
  private retry: NodeJS.Timeout | null = null;
  private unsubscribe: () => void = () => {};

  constructor(
    private readonly deps: { db: Database; bus: EventBus; log: { warn(obj: object, msg?: string): void } },
    private readonly workspaceId: string,
    private last: number,
    private readonly res: ServerResponse,
    private readonly onEnd: () => void,
    /** Events that were already there when the client connected (see latestEventId): not sent. */
    private readonly skip: Set<number> = new Set(),
  ) {}

  start(): void {
    this.unsubscribe = this.deps.bus.subscribe(this.workspaceId, () => void this.pump());
    this.timers.push(setInterval(() => void this.pump(), POLL_MS), setInterval(() => this.write(': ping\n\n'), HEARTBEAT_MS));
    for (const t of this.timers) t.unref();
    this.res.on('close', () => this.close());
    void this.pump();
  }

  /** Sends everything after `last` that is settled; returns when caught up. */
  async pump(): Promise<void> {
    if (this.closed) return;
    if (this.reading) {
      this.again = true;
      return;
    }
    this.reading = true;
    try {
      for (;;) {
        const page = await eventsAfter(this.deps.db, this.workspaceId, this.last);
        for (const e of page.events) {
          if (this.closed) return;
          if (this.skip.delete(e.id)) {
            this.last = e.id;
            continue;
          }
          if (!this.write(frame(e))) await new Promise((resolve) => this.res.once('drain', resolve));
          this.last = e.id;
        }
        if (page.blocked && !this.retry && !this.closed) {
          this.retry = setTimeout(() => {
            this.retry = null;
            void this.pump();
          }, BLOCKED_RETRY_MS);
        }
        if (page.blocked || page.events.length < FEED_PAGE) break;
      }
    } catch (err) {
      if (!this.closed) this.deps.log.warn({ err, workspaceId: this.workspaceId }, 'live stream read failed; the poll will try again');
    } finally {
      this.reading = false;
    }
    if (this.again) {
      this.again = false;
      await this.pump();
    }
  }

  private write(chunk: string): boolean {
    if (this.closed || this.res.writableEnded) return true;
    return this.res.write(chunk);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.unsubscribe();
    for (const t of this.timers) clearInterval(t);
    if (this.retry) clearTimeout(this.retry);
    if (!this.res.writableEnded) this.res.end();
    this.onEnd();
  }
}

const lastEventIdOf = (header: unknown, query: number | undefined): number | null => {
  const raw = Array.isArray(header) ? header[0] : header;
  if (typeof raw === 'string' && /^\d{1,18}$/.test(raw.trim())) return Number(raw.trim());
  return query ?? null;
};

/**
 * GET /api/events/stream — server-sent events for the caller's workspace. Resume with the
 * Last-Event-ID header (EventSource sends it on reconnect) or ?lastEventId=; without either the
 * stream starts at the newest event (announced by a `ready` event carrying its id). `?once=true`
 * sends what is there and closes.
 */
export const liveRoutes: RouteModule = (app, ctx) => {
  const open = new Set<LiveStream>();
  // Open streams would keep the server from closing: end them before it waits for requests.
  app.addHook('preClose', async () => {
    for (const s of [...open]) s.close();
  });

  app.get(
    '/api/events/stream',
    {
      config: { access: 'conversations:read' },
      schema: {
        tags: ['live'],
        summary: 'Live updates as server-sent events (text/event-stream); each `data:` is a LiveEvent',
        querystring: LiveQuery,
        produces: ['text/event-stream'],
      },
    },
    async (req, reply) => {
      const { workspaceId } = actorOf(req);
      const given = lastEventIdOf(req.headers['last-event-id'], req.query.lastEventId);
      const start = given === null ? await latestEventId(ctx.db, workspaceId) : { after: given, skip: [] as number[] };
      const last = start.after;
      reply.hijack();
      const res = reply.raw;
      res.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
        'x-request-id': req.id,
      });
      res.write(`retry: 3000\nid: ${last}\nevent: ready\ndata: ${JSON.stringify({ lastEventId: last })}\n\n`);
      const stream = new LiveStream({ db: ctx.db, bus: ctx.bus, log: req.log }, workspaceId, last, res, () => open.delete(stream), new Set(start.skip));
      if (req.query.once) {
        await stream.pump();
        stream.close();
        return;
      }
      open.add(stream);
      stream.start();
    },
  );
};
