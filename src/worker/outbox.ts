import type { Database } from '../platform/db/index.ts';
import { createWorkLoop, type WorkLoop } from '../platform/loop/index.ts';
import type { EventBus } from '../platform/events/index.ts';
import type { Clock } from '../platform/clock/index.ts';
import type { Logger } from '../platform/logger/index.ts';
import type { SecretBox } from '../platform/crypto/index.ts';
import { connectorFor as registryConnectorFor, SendError, type Connector, type SendResult } from '../modules/channels/index.ts';
import { createConnectorContext } from '../modules/ingestion/index.ts';
import {
  claimDueMessages, deferSend, DRILL_REFUSAL, failLostSends, loadSendJob, recordFailure, recordSent, sendRateOf, type Claimed, type SendJob,
} from '../modules/conversations/index.ts';

export interface OutboxDeps {
  db: Database;
  bus: EventBus;
  box: SecretBox;
  log: Logger;
  clock: Clock;
}

export interface OutboxOptions {
  /** Connectors by channel kind, instead of the registry's (tests register a fake one). */
  connectors?: Partial<Record<string, Connector>>;
  batchSize?: number;
  /** How often to look for due work when nothing woke the worker (backoffs, other processes). */
  idleMs?: number;
}

/**
 * A token bucket per channel: up to `burst` sends at once, then `perMinute` spread evenly. Kept in
 * the worker's memory (one outbox worker per process); a second process has its own buckets, so
 * run one outbox process per deployment, or lower the rates, to stay under a network's limits.
 */
export class SendRateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  /** 0 when a send may go now (it takes a token), else the milliseconds until one is free. */
  take(channelId: string, rate: { perMinute: number; burst: number }, now: Date): number {
    const perMs = rate.perMinute / 60_000;
    const t = now.getTime();
    const b = this.buckets.get(channelId) ?? { tokens: rate.burst, at: t };
    b.tokens = Math.min(rate.burst, b.tokens + Math.max(0, t - b.at) * perMs);
    b.at = t;
    this.buckets.set(channelId, b);
    if (b.tokens >= 1) {
      b.tokens -= 1;
      return 0;
    }
    return Math.ceil((1 - b.tokens) / perMs);
  }
}

/** Events after which there may be something to send. */
const WAKE_ON = new Set(['message.queued', 'message.approved']);

/**
 * Sends the replies in the outbox. Each message: claimed (queued → sending, FOR UPDATE SKIP LOCKED,
 * so two workers never take one row), sent by its channel's connector outside any transaction,
 * then its outcome written back: sent with the channel's id, queued again with a backoff when the
 * failure is worth a retry, or failed with the reason. Drill replies never leave: they fail with
 * "drill: nothing leaves Lookout". Each channel sends at its own rate (SendRateLimiter): a message
 * over the rate waits in the queue. A message left 'sending' by a crash is not resent: when its
 * lease expires it is marked failed with an "unknown" reason, for a person to check and retry.
 */
export class OutboxWorker {
  private readonly loop: WorkLoop;
  private unsubscribe: () => void = () => {};
  private readonly batchSize: number;
  private readonly rates = new SendRateLimiter();

  constructor(
    private readonly deps: OutboxDeps,
    private readonly opts: OutboxOptions = {},
  ) {
    this.batchSize = opts.batchSize ?? 20;
    this.loop = createWorkLoop(() => this.runOnce(), { idleMs: opts.idleMs ?? 1_000, onError: (err) => this.deps.log.error({ err }, 'outbox loop error') });
  }

  private connectorFor(kind: string): Connector | null {
    return this.opts.connectors ? (this.opts.connectors[kind] ?? null) : registryConnectorFor(kind);
  }

  /** Fails lost sends, then claims and sends one batch. Returns how many messages it took. */
  async runOnce(): Promise<number> {
    await failLostSends(this.deps, this.deps.clock.now());
    const claimed = await claimDueMessages(this.deps.db, this.deps.clock.now(), this.batchSize);
    for (const c of claimed) await this.sendOne(c);
    return claimed.length;
  }

  /** Runs until nothing is due (tests, and draining at shutdown). */
  async drain(): Promise<number> {
    let total = 0;
    for (;;) {
      const n = await this.runOnce();
      if (!n) return total;
      total += n;
    }
  }

  private async sendOne(claimed: Claimed): Promise<void> {
    const job = await loadSendJob(this.deps.db, claimed);
    if (!job) return;
    const log = this.deps.log.child({ messageId: job.messageId, workspaceId: job.workspaceId, channelId: job.channel?.id });
    if (job.isDrill) {
      await this.fail(job, { reason: DRILL_REFUSAL, retryable: false });
      return;
    }
    const connector = job.channel ? this.connectorFor(job.channel.kind) : null;
    if (!job.channel || !connector?.send) {
      await this.fail(job, { reason: `unsupported: the ${job.channel?.kind ?? 'missing'} channel cannot send replies`, retryable: false });
      return;
    }
    // Over the channel's send rate: back in the queue until a token is free — deferred, never failed.
    const waitMs = this.rates.take(job.channel.id, sendRateOf(job.channel), this.deps.clock.now());
    if (waitMs > 0) {
      await deferSend(this.deps.db, claimed, new Date(this.deps.clock.now().getTime() + waitMs));
      log.debug({ waitMs }, 'outbox: channel send rate reached, deferred');
      return;
    }
    const ctx = createConnectorContext({ db: this.deps.db, box: this.deps.box, log: this.deps.log, wake: () => {} }, job.channel);
    let result: SendResult;
    try {
      result = await connector.send(ctx, job.outbound);
    } catch (err) {
      const failure =
        err instanceof SendError
          ? { reason: `${err.reason}: ${err.message}`, retryable: err.retryable, ...(err.retryAfterMs !== undefined ? { retryAfterMs: err.retryAfterMs } : {}) }
          : // Not a SendError: the connector cannot say whether the post went out, so no automatic retry.
            { reason: `error: ${(err as Error)?.message ?? String(err)}`, retryable: false };
      const outcome = await this.fail(job, failure);
      log.warn({ reason: failure.reason.slice(0, 200), outcome }, 'outbox: send failed');
      return;
    }
    await recordSent(this.deps, job, result, this.deps.clock.now());
    log.info({ externalId: result.externalId }, 'outbox: sent');
  }

  private fail(job: SendJob, failure: { reason: string; retryable: boolean; retryAfterMs?: number }) {
    return recordFailure(this.deps, job, failure, this.deps.clock.now());
  }

  /** Something was queued: look now rather than at the next idle tick. */
  wake(): void {
    this.loop.wake();
  }

  start(): void {
    this.unsubscribe();
    this.unsubscribe = this.deps.bus.subscribeAll((_ws, events) => {
      if (events.some((e) => WAKE_ON.has(e.type))) this.wake();
    });
    this.loop.start();
  }

  async stop(): Promise<void> {
    this.unsubscribe();
    this.unsubscribe = () => {};
    await this.loop.stop();
  }
}
