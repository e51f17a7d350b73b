import type { TweetV2PostTweetResult } from 'twitter-api-v2';
import { systemClock, type Clock } from '../../../platform/clock/index.ts';
import { SendError, type Connector, type ConnectorContext, type HealthReport, type OutboundMessage, type SendResult } from '../connector.ts';
import { splitForThread, xWeightedLength } from './split-text.ts';
import { createXApi, DEFAULT_MAX_PAGES, parseXConfig, type XApi, type XConfig, type XSecrets } from './x-config.ts';
import { describeXError, toSendError } from './x-errors.ts';
import { fetchTimelinePage, readXCursor, walkTimeline, XFetchError, type XCursor, type XStream } from './x-timeline.ts';

/**
 * X (API v2) through twitter-api-v2: polls the brand's mentions timeline and, when configured, a
 * recent-search query; replies in thread with `POST /2/tweets` (`reply.in_reply_to_tweet_id`),
 * splitting a long reply into a numbered chain. DMs are not sent (inbound DMs arrive through the
 * Account Activity webhook, see account-activity.ts).
 *
 * Poll failures are reported per stream as `auth:` / `rate_limited:` / `unreachable:` /
 * `rejected:` and never thrown; a failure to commit (the database) is thrown.
 */
export const X_MAX_LENGTH = 280;

export const createXConnector = (deps: { clock?: Clock } = {}): Connector => {
  const clock = deps.clock ?? systemClock;

  const setUp = (ctx: ConnectorContext): { config: XConfig; api: XApi } | { problem: string } => {
    const parsed = parseXConfig(ctx.config);
    if (!parsed.ok) return { problem: parsed.detail };
    const api = createXApi(parsed.config, ctx.secrets as XSecrets);
    if (!api.read) return { problem: 'no X credentials (bearerToken, or appKey/appSecret/accessToken/accessSecret)' };
    return { config: parsed.config, api };
  };

  return {
    kind: 'x',
    limits: { maxLength: X_MAX_LENGTH, canThread: true, hasPrivateMessages: false },

    async poll(ctx) {
      const setup = setUp(ctx);
      if ('problem' in setup) {
        await ctx.reportFailure(`misconfigured: ${setup.problem}`);
        return;
      }
      const { config, api } = setup;
      let cursor: XCursor = readXCursor(ctx.cursor, config.searchQuery);
      const streams: XStream[] = config.searchQuery ? ['mentions', 'search'] : ['mentions'];
      for (const stream of streams) {
        if (ctx.signal.aborted) return;
        try {
          await walkTimeline(
            cursor[stream],
            (at) => fetchTimelinePage(api, config, stream, at, clock.now()),
            async (items, next) => {
              const nextCursor: XCursor = { ...cursor, [stream]: { ...cursor[stream], ...next } };
              await ctx.accept(items, nextCursor);
              cursor = nextCursor;
            },
            config.maxPagesPerPoll ?? DEFAULT_MAX_PAGES,
          );
        } catch (err) {
          if (!(err instanceof XFetchError)) throw err;
          const p = describeXError(err.cause, clock.now());
          await ctx.reportFailure(`${p.problem}: ${stream}: ${p.detail}`, {
            raw: { stream, httpStatus: p.httpStatus ?? null, retryAfterMs: p.retryAfterMs ?? null },
          });
          // The same credentials serve every stream: no point asking again with them.
          if (p.problem === 'auth') return;
        }
      }
    },

    async send(ctx, message: OutboundMessage): Promise<SendResult> {
      const setup = setUp(ctx);
      if ('problem' in setup) throw new SendError(`X channel misconfigured: ${setup.problem}`, 'auth', false);
      const { config, api } = setup;
      if (!api.write) throw new SendError('Posting on X needs OAuth 1.0a user credentials', 'auth', false);
      if (message.isPrivate) throw new SendError('This connector does not send X direct messages', 'unsupported', false);
      const parts = splitForThread(message.text, X_MAX_LENGTH, xWeightedLength);
      const posted: TweetV2PostTweetResult['data'][] = [];
      let replyTo = message.inReplyTo ?? null;
      for (const text of parts) {
        try {
          const res = await api.write.post<TweetV2PostTweetResult>(
            'tweets',
            { text, ...(replyTo ? { reply: { in_reply_to_tweet_id: replyTo } } : {}) },
            api.options,
          );
          posted.push(res.data);
          replyTo = res.data.id;
        } catch (err) {
          throw toSendError(err, clock.now(), posted.map((p) => p.id));
        }
      }
      const first = posted[0];
      if (!first) throw new SendError('Nothing to post: the reply is empty', 'rejected', false);
      return {
        externalId: first.id,
        externalIds: posted.map((p) => p.id),
        url: `https://x.com/${config.username}/status/${first.id}`,
        raw: posted.length === 1 ? { data: first } : posted.map((data) => ({ data })),
      };
    },

    async checkHealth(ctx): Promise<HealthReport> {
      const setup = setUp(ctx);
      if ('problem' in setup) return { ok: false, problem: 'misconfigured', detail: setup.problem };
      const { config, api } = setup;
      try {
        // users/me proves the user context that posting needs; without it, the app token reads a user.
        if (api.write) await api.write.get('users/me', {}, api.options);
        else await api.read?.get('users/:id', {}, { ...api.options, params: { id: config.userId } });
        return { ok: true };
      } catch (err) {
        const p = describeXError(err, clock.now());
        const problem = p.problem === 'auth' || p.problem === 'rate_limited' ? p.problem : 'unreachable';
        return { ok: false, problem, detail: p.detail };
      }
    },
  };
};

export const xConnector: Connector = createXConnector();
