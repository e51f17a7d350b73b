/**
 * The live side of the email channel: one IMAP connection kept in IDLE, polled whenever the
 * server announces new mail (EXISTS), reconnected with exponential backoff when it drops, until
 * the context's signal aborts. Every lost connection is reported, so a mailbox that silently
 * stopped answering shows in the channel's health.
 */
import type { ImapFlow } from 'imapflow';
import type { ConnectorContext } from '../connector.ts';
import type { EmailSettings } from './email-config.ts';
import { fetchNewMail, readCursor, type CursorHolder, type FetchLimits } from './fetch-new-mail.ts';
import { classifyImapError, closeQuietly, connectUnlessAborted, createImapClient, describeImapError, type ImapTimings } from './imap-client.ts';

export interface WatchOptions {
  timings: ImapTimings;
  limits: FetchLimits;
  backoff: { initialMs: number; maxMs: number };
  /** Poll this often even without EXISTS, in case a server or a middlebox drops IDLE silently. */
  fallbackPollMs: number;
}

/** Exponential, capped, with jitter so many channels that lost one server do not return in step. */
export const backoffDelay = (failures: number, backoff: WatchOptions['backoff'], random = Math.random): number => {
  const exp = Math.min(backoff.maxMs, backoff.initialMs * 2 ** Math.max(0, failures - 1));
  return Math.round(exp * (0.5 + random() / 2));
};

const sleep = (ms: number, signal: AbortSignal): Promise<void> =>
  new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });

/**
 * Runs one connection: an initial poll, then a poll per EXISTS (coalesced: one running at a time,
 * one more queued). Resolves when the signal aborts (after the running poll settles), rejects
 * when the connection fails.
 */
const watchConnection = (
  client: ImapFlow,
  ctx: ConnectorContext,
  settings: EmailSettings,
  holder: CursorHolder,
  options: WatchOptions,
  onPolled: () => void,
): Promise<void> =>
  new Promise<void>((resolve, reject) => {
    let running: Promise<void> | null = null;
    let again = false;
    let finished = false;

    const pollNow = (): void => {
      if (finished) return;
      if (running) {
        again = true;
        return;
      }
      running = (async () => {
        try {
          do {
            again = false;
            await fetchNewMail(client, ctx, settings, holder, options.limits);
            onPolled();
          } while (again && !finished && !ctx.signal.aborted);
        } catch (err) {
          finish(err);
        } finally {
          running = null;
        }
      })();
    };

    const onExists = (): void => pollNow();
    const onClose = (): void => finish(ctx.signal.aborted ? undefined : new Error('the IMAP server closed the connection'));
    const onError = (err: unknown): void => finish(err);
    const onAbort = (): void => finish();
    const fallback = setInterval(pollNow, options.fallbackPollMs);

    function finish(err?: unknown): void {
      if (finished) return;
      finished = true;
      clearInterval(fallback);
      client.off('exists', onExists);
      client.off('close', onClose);
      client.off('error', onError);
      ctx.signal.removeEventListener('abort', onAbort);
      // Let a batch that is being committed finish before the caller closes the connection.
      void Promise.resolve(running).then(() => (err === undefined ? resolve() : reject(err)));
    }

    client.on('exists', onExists);
    client.on('close', onClose);
    client.on('error', onError);
    ctx.signal.addEventListener('abort', onAbort, { once: true });
    if (ctx.signal.aborted) finish();
    else pollNow();
  });

export const watchMailbox = async (ctx: ConnectorContext, settings: EmailSettings, options: WatchOptions): Promise<void> => {
  const holder: CursorHolder = { cursor: readCursor(ctx.cursor) };
  let failures = 0;
  while (!ctx.signal.aborted) {
    const client = createImapClient(settings.imap, options.timings);
    // imapflow emits 'error' for socket failures; without a listener Node would throw it.
    client.on('error', () => {});
    try {
      await connectUnlessAborted(client, ctx.signal);
      await watchConnection(client, ctx, settings, holder, options, () => {
        failures = 0;
      });
    } catch (err) {
      if (ctx.signal.aborted) break;
      failures++;
      const problem = classifyImapError(err);
      const reason = `email: IMAP ${problem === 'auth' ? 'login refused' : 'connection failed'}: ${describeImapError(err)}`;
      ctx.log.warn({ channelId: ctx.channelId, problem, failures }, reason);
      await ctx.reportFailure(reason);
    } finally {
      await closeQuietly(client);
    }
    if (ctx.signal.aborted) break;
    await sleep(backoffDelay(Math.max(1, failures), options.backoff), ctx.signal);
  }
};
