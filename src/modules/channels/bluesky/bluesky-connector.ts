import { AtpAgent } from '@atproto/api';
import { systemClock, type Clock } from '../../../platform/clock/index.ts';
import { SendError, type Connector, type HealthReport } from '../connector.ts';
import { parseBlueskySettings, type BlueskySettings } from './bluesky-config.ts';
import { BlueskyError, classifyError } from './bluesky-errors.ts';
import { SessionPool, type BlueskySession } from './bluesky-session.ts';
import { pollBluesky } from './poll-bluesky.ts';
import { DEFAULT_PAGE_SIZE } from './bluesky-reader.ts';
import { sendReply, toSendError } from './send-reply.ts';
import { POST_MAX_GRAPHEMES } from './split-text.ts';

export interface BlueskyConnectorDeps {
  clock?: Clock;
  /** Shared across the connector's calls; tests may pass their own to observe logins. */
  sessions?: SessionPool;
  /** Items per page of notifications and search (default 50); tests use small pages to exercise paging. */
  pageSize?: number;
}

export const createBlueskyConnector = (deps: BlueskyConnectorDeps = {}): Connector => {
  const clock = deps.clock ?? systemClock;
  const now = () => clock.now();
  const sessions = deps.sessions ?? new SessionPool();
  const publicAgents = new Map<string, AtpAgent>();
  const publicAgentFor = (settings: BlueskySettings): AtpAgent | null => {
    const url = settings.config.appviewUrl;
    if (!url) return null;
    let agent = publicAgents.get(url);
    if (!agent) publicAgents.set(url, (agent = new AtpAgent({ service: url })));
    return agent;
  };

  return {
    kind: 'bluesky',
    limits: { maxLength: POST_MAX_GRAPHEMES, canThread: true, hasPrivateMessages: false },

    async poll(ctx) {
      const parsed = parseBlueskySettings(ctx.config, ctx.secrets);
      if (!parsed.ok) {
        await ctx.reportFailure(`misconfigured: ${parsed.detail}`);
        throw new BlueskyError(`misconfigured: ${parsed.detail}`, 'rejected');
      }
      const settings = parsed.settings;
      try {
        await pollBluesky(ctx, settings, {
          session: () => sessions.get(ctx.channelId, settings),
          publicAgent: publicAgentFor(settings),
          now,
          pageSize: deps.pageSize ?? DEFAULT_PAGE_SIZE,
        });
      } catch (err) {
        // Credentials refused or revoked: forget the session, so the next poll logs in afresh.
        if (err instanceof BlueskyError && err.problem === 'auth') sessions.drop(ctx.channelId);
        throw err;
      }
    },

    async send(ctx, message) {
      const parsed = parseBlueskySettings(ctx.config, ctx.secrets);
      if (!parsed.ok) throw new SendError(`misconfigured: ${parsed.detail}`, 'rejected', false);
      let session: BlueskySession;
      try {
        session = await sessions.get(ctx.channelId, parsed.settings);
      } catch (err) {
        throw toSendError(err, now());
      }
      try {
        return await sendReply(session, message, now);
      } catch (err) {
        if (err instanceof SendError && err.reason === 'auth') sessions.drop(ctx.channelId);
        throw err;
      }
    },

    /**
     * Healthy when the account's session works: a cached session is checked with `getSession`
     * (refreshing its token if needed), otherwise a login is made. A wrong or revoked app password
     * is `auth`; a 429 is `rate_limited`; anything else `unreachable`.
     */
    async checkHealth(ctx): Promise<HealthReport> {
      const parsed = parseBlueskySettings(ctx.config, ctx.secrets);
      if (!parsed.ok) return { ok: false, problem: 'misconfigured', detail: parsed.detail };
      const settings = parsed.settings;
      try {
        const hadSession = sessions.has(ctx.channelId, settings);
        const session = await sessions.get(ctx.channelId, settings);
        if (hadSession) await session.agent.com.atproto.server.getSession();
        return { ok: true, detail: `signed in as @${session.handle} (${session.did})` };
      } catch (err) {
        const e = classifyError(err, now());
        if (e.problem === 'auth') sessions.drop(ctx.channelId);
        const problem = e.problem === 'rejected' ? 'misconfigured' : e.problem;
        return { ok: false, problem, detail: e.message };
      }
    },
  };
};

export const blueskyConnector: Connector = createBlueskyConnector();
