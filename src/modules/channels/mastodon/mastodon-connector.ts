import type { mastodon } from 'masto';
import { systemClock, type Clock } from '../../../platform/clock/index.ts';
import { SendError, type Connector, type ConnectorContext, type HealthReport, type OutboundMessage, type SendResult } from '../connector.ts';
import { codePointLength, splitForThread } from '../x/split-text.ts';
import { createMastodonClient, DEFAULT_MAX_PAGES, MASTODON_MAX_LENGTH, parseMastodonConfig, type MastodonConfig } from './mastodon-config.ts';
import { describeMastodonError, toSendError } from './mastodon-errors.ts';
import { MastodonFetchError, pollNotifications, pollSearch, readMastodonCursor, type MastodonCursor, type MastodonStream } from './mastodon-poll.ts';

/**
 * Mastodon through masto: mentions from notifications and a keyword search by polling; replies
 * with `POST /api/v1/statuses` (`in_reply_to_id`, the recipient's @mention first, `direct` for a
 * private answer, an `Idempotency-Key` per part so a retry never double-posts), split into a
 * numbered thread past 500 characters. Poll failures are reported per stream (`auth:`,
 * `rate_limited:`, `unreachable:`, `rejected:`), never thrown; a failure to commit is thrown.
 */
export const createMastodonConnector = (deps: { clock?: Clock } = {}): Connector => {
  const clock = deps.clock ?? systemClock;

  const setUp = (ctx: ConnectorContext): { config: MastodonConfig; client: mastodon.rest.Client } | { problem: string } => {
    const parsed = parseMastodonConfig(ctx.config);
    if (!parsed.ok) return { problem: parsed.detail };
    if (!ctx.secrets.accessToken) return { problem: 'no accessToken' };
    return { config: parsed.config, client: createMastodonClient(parsed.config, ctx.secrets.accessToken) };
  };

  return {
    kind: 'mastodon',
    limits: { maxLength: MASTODON_MAX_LENGTH, canThread: true, hasPrivateMessages: true },

    async poll(ctx) {
      const setup = setUp(ctx);
      if ('problem' in setup) {
        await ctx.reportFailure(`misconfigured: ${setup.problem}`);
        return;
      }
      const { config, client } = setup;
      let cursor: MastodonCursor = readMastodonCursor(ctx.cursor, config.searchQuery);
      const opts = { maxPages: config.maxPagesPerPoll ?? DEFAULT_MAX_PAGES, signal: ctx.signal };
      const streams: MastodonStream[] = config.searchQuery ? ['notifications', 'search'] : ['notifications'];
      for (const stream of streams) {
        if (ctx.signal.aborted) return;
        const commit = async (items: Parameters<ConnectorContext['accept']>[0], newestId: string): Promise<void> => {
          const next: MastodonCursor = { ...cursor, [stream]: { ...cursor[stream], minId: newestId } };
          await ctx.accept(items, next);
          cursor = next;
        };
        try {
          const poll = stream === 'notifications' ? pollNotifications : pollSearch;
          await poll(client, config, cursor[stream].minId, commit, opts);
        } catch (err) {
          if (!(err instanceof MastodonFetchError)) throw err;
          if (ctx.signal.aborted) return;
          const p = describeMastodonError(err.cause, clock.now());
          await ctx.reportFailure(`${p.problem}: ${stream}: ${p.detail}`, {
            raw: { stream, httpStatus: p.httpStatus ?? null, retryAfterMs: p.retryAfterMs ?? null },
          });
          if (p.problem === 'auth') return;
        }
      }
    },

    async send(ctx, message: OutboundMessage): Promise<SendResult> {
      const setup = setUp(ctx);
      if ('problem' in setup) throw new SendError(`Mastodon channel misconfigured: ${setup.problem}`, 'auth', false);
      const { config, client } = setup;
      const handle = message.recipient?.handle?.replace(/^@/, '');
      const mention = handle && !message.text.trimStart().toLowerCase().startsWith(`@${handle.toLowerCase()}`) ? `@${handle} ` : '';
      if (message.isPrivate && !mention && !/^\s*@\S/.test(message.text)) {
        // A direct status reaches only the accounts it mentions.
        throw new SendError('A private Mastodon reply needs the recipient to mention', 'rejected', false);
      }
      const visibility = message.isPrivate ? 'direct' : (config.replyVisibility ?? 'public');
      const parts = splitForThread(message.text, MASTODON_MAX_LENGTH, codePointLength, mention);
      const posted: mastodon.v1.Status[] = [];
      let inReplyToId = message.inReplyTo ?? null;
      for (const [i, status] of parts.entries()) {
        try {
          const created = await client.v1.statuses.create(
            { status, visibility, ...(inReplyToId ? { inReplyToId } : {}) },
            { requestInit: { headers: { 'Idempotency-Key': i === 0 ? message.idempotencyKey : `${message.idempotencyKey}:${i + 1}` } } },
          );
          posted.push(created);
          inReplyToId = created.id;
        } catch (err) {
          throw toSendError(err, clock.now());
        }
      }
      const first = posted[0];
      if (!first) throw new SendError('Nothing to post: the reply is empty', 'rejected', false);
      return {
        externalId: first.id,
        externalIds: posted.map((s) => s.id),
        url: first.url ?? first.uri,
        raw: posted.length === 1 ? first : posted,
      };
    },

    async checkHealth(ctx): Promise<HealthReport> {
      const setup = setUp(ctx);
      if ('problem' in setup) return { ok: false, problem: 'misconfigured', detail: setup.problem };
      try {
        await setup.client.v1.accounts.verifyCredentials();
        return { ok: true };
      } catch (err) {
        const p = describeMastodonError(err, clock.now());
        return { ok: false, problem: p.problem === 'auth' || p.problem === 'rate_limited' ? p.problem : 'unreachable', detail: p.detail };
      }
    },
  };
};

export const mastodonConnector: Connector = createMastodonConnector();
