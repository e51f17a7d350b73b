import { readFile, stat } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import path from 'node:path';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { findChannelByPublicKey, openSecrets, webchat, type ChannelRow } from '../../modules/channels/index.ts';
import { createConnectorContext } from '../../modules/ingestion/index.ts';
import { PACKAGE_ROOT } from '../../platform/db/index.ts';
import { AppError } from '../../platform/errors/index.ts';
import type { AppContext } from '../context.ts';
import type { RouteModule } from './types.ts';

const {
  CHAT_LINK_HEADER, MAX_BODY_BYTES, SiteKeyParams, VisitorRateLimiter, WebchatAccepted, WebchatMessageBody, WebchatStreamQuery, allowedOriginsOf, isOriginAllowed,
  chatLinkKey, openChatLinkSession, receiveVisitorMessage, renderChatLinkPage, resolveVisitor, verifyChatLink, visitorHistory, webchatHub,
} = webchat;
type WebchatEvent = webchat.WebchatEvent;
type ChatLinkSession = webchat.ChatLinkSession;
type ChatLinkClaims = webchat.ChatLinkClaims;

const tags = ['webchat'];
/** A site key's channel is looked up once per this long: preflights and reconnects stay off the database. */
const SITE_CACHE_MS = 10_000;
/** A reconnecting stream replays this far behind its cursor; the widget drops what it has already shown. */
const RESUME_OVERLAP_MS = 120_000;
const HEARTBEAT_MS = 25_000;
const MAX_STREAMS_PER_VISITOR = 8;
const MESSAGES_PER_VISITOR_PER_MINUTE = 20;

type SiteRequest = FastifyRequest<{ Params: { siteKey: string } }>;

/**
 * The web chat widget's API, called cross-origin from the company's site: CORS allows exactly
 * the channel's `allowedOrigins` (the Origin is reflected only when listed), and the helmet
 * Cross-Origin-Resource-Policy is relaxed on these routes and on /widget.js.
 *
 * Live replies go over server-sent events, not WebSocket: the traffic that must be live is
 * one-way (server → visitor), the visitor's messages are plain POSTs (idempotent by their id,
 * with real status codes: 401 bad hash, 429, 413), EventSource reconnects by itself and sends
 * Last-Event-ID to resume, and SSE passes every proxy that passes HTTP, with no upgrade path to run.
 */
export const webchatRoutes: RouteModule = (app, ctx) => {
  const sites = siteLookup(ctx);
  const channelOf = new WeakMap<FastifyRequest, ChannelRow>();
  const linkOf = new WeakMap<FastifyRequest, { claims: ChatLinkClaims; session: ChatLinkSession }>();
  const linkKey = chatLinkKey(ctx.config.secretKey.reveal());
  const ownOrigin = new URL(ctx.config.publicUrl).origin;

  /**
   * A secure chat link's token (header on POSTs, `?link=` on the stream): verified, and naming this
   * channel. It identifies the visitor as the link's customer and admits Lookout's own origin,
   * where the link's page lives, whatever the channel's allowedOrigins say.
   */
  const checkLink = async (req: SiteRequest, channel: ChannelRow) => {
    const header = req.headers[CHAT_LINK_HEADER];
    const token = typeof header === 'string' ? header : (req.query as { link?: unknown } | undefined)?.link;
    if (token === undefined) return null;
    const check = typeof token === 'string' ? verifyChatLink(linkKey, token, ctx.clock.now()) : ({ ok: false, reason: 'invalid' } as const);
    if (!check.ok) throw new AppError(check.reason === 'expired' ? 'GONE' : 'NOT_FOUND', check.reason === 'expired' ? 'This chat link has expired' : 'This chat link is not valid');
    if (check.claims.channelId !== channel.id || check.claims.workspaceId !== channel.workspaceId) throw new AppError('NOT_FOUND', 'This chat link is not valid');
    const session = await openChatLinkSession(ctx.db, check.claims);
    if (!session) throw new AppError('NOT_FOUND', 'This chat link is not valid');
    linkOf.set(req, { claims: check.claims, session });
    return session;
  };
  const limiter = new VisitorRateLimiter(MESSAGES_PER_VISITOR_PER_MINUTE);
  const openStreams = new Set<ServerResponse>();
  const streamsPerVisitor = new Map<string, number>();

  /** Every /api/webchat route: the site key names an active web chat channel, and the Origin is one of its sites. */
  const checkSite = async (req: SiteRequest, reply: FastifyReply) => {
    reply.header('vary', 'Origin').header('cross-origin-resource-policy', 'cross-origin');
    const channel = await sites(req.params.siteKey);
    if (!channel) throw new AppError('NOT_FOUND', 'Unknown site key');
    const origin = req.headers.origin;
    const link = await checkLink(req, channel);
    // No Origin: not a browser's cross-origin call (a server, curl); CORS has nothing to protect there.
    if (origin !== undefined) {
      const linkPage = link !== null && origin === ownOrigin;
      if (!linkPage && !isOriginAllowed(origin, allowedOriginsOf(channel.config))) throw new AppError('FORBIDDEN', 'This site is not allowed to use this chat; add its origin to the channel');
      reply.header('access-control-allow-origin', origin);
    }
    if (channel.status === 'paused' || channel.status === 'disconnected') throw new AppError('UNAVAILABLE', 'This chat is paused');
    channelOf.set(req, channel);
  };
  const siteOf = (req: FastifyRequest): ChannelRow => channelOf.get(req)!;

  app.get('/widget.js', { config: { access: 'public' }, schema: { hide: true } }, widgetScript());

  // A secure chat link (move to private by web chat): a small page of our own with the widget bound to the link.
  // A wildcard, not `:token`: the router caps named parameters at 100 characters and a token is longer.
  app.get(
    '/chat/*',
    { config: { access: 'public', rateLimit: { max: 60, timeWindow: '1 minute' } }, schema: { hide: true } },
    async (req, reply) => {
      const token = (req.params as { '*': string })['*'].slice(0, 400);
      const page = (status: number, state: webchat.ChatLinkPageState) =>
        reply.status(status).type('text/html; charset=utf-8').header('cache-control', 'no-store').header('referrer-policy', 'no-referrer').send(renderChatLinkPage(state));
      const check = verifyChatLink(linkKey, token, ctx.clock.now());
      if (!check.ok) return check.reason === 'expired' ? page(410, { kind: 'expired' }) : page(404, { kind: 'invalid' });
      const session = await openChatLinkSession(ctx.db, check.claims);
      if (!session) return page(404, { kind: 'invalid' });
      if (session.channelStatus === 'paused' || session.channelStatus === 'disconnected') return page(503, { kind: 'paused' });
      return page(200, { kind: 'chat', siteKey: session.siteKey, token, title: 'Private chat with our support team' });
    },
  );

  app.options(
    '/api/webchat/:siteKey/*',
    { config: { access: 'public', rateLimit: { max: 600, timeWindow: '1 minute' } }, schema: { hide: true }, onRequest: checkSite },
    async (_req, reply) =>
      reply
        .status(204)
        .header('access-control-allow-methods', 'GET, POST, OPTIONS')
        .header('access-control-allow-headers', `content-type, last-event-id, ${CHAT_LINK_HEADER}`)
        .header('access-control-max-age', '600')
        .send(),
  );

  app.post(
    '/api/webchat/:siteKey/messages',
    {
      config: { access: 'public', rateLimit: { max: 120, timeWindow: '1 minute' } },
      bodyLimit: MAX_BODY_BYTES,
      onRequest: checkSite,
      schema: {
        tags,
        summary: "A visitor's message from the web chat widget (cross-origin; idempotent by clientMessageId)",
        params: SiteKeyParams,
        body: WebchatMessageBody,
        response: { 202: WebchatAccepted },
      },
    },
    async (req, reply) => {
      const channel = siteOf(req);
      const bound = linkOf.get(req)?.session.visitor ?? null;
      // A link's visitor is its customer, whatever visitorId the page makes up: counted as one.
      if (!limiter.take(`${channel.id}:${bound?.key ?? req.body.visitorId}`)) throw new AppError('RATE_LIMITED', 'Too many messages; wait a minute');
      const connector = createConnectorContext({ db: ctx.db, box: ctx.box, log: ctx.log, wake: () => ctx.pipeline.wake() }, channel);
      const out = await receiveVisitorMessage(connector, webchatHub, req.body, { now: ctx.clock.now(), origin: req.headers.origin ?? null, userAgent: req.headers['user-agent'] ?? null, bound });
      if (out.status === 401) throw new AppError('BAD_SIGNATURE', out.reason === 'identity_not_configured' ? 'This chat cannot verify signed-in visitors yet' : 'The identity hash does not match the user id');
      return reply.status(202).send({ status: 'accepted' as const, id: out.id, duplicate: out.duplicate });
    },
  );

  app.get(
    '/api/webchat/:siteKey/stream',
    {
      config: { access: 'public', rateLimit: { max: 60, timeWindow: '1 minute' } },
      onRequest: checkSite,
      schema: {
        tags,
        summary: "The visitor's conversation as server-sent events: history since the cursor (Last-Event-ID or ?after=), then live messages",
        params: SiteKeyParams,
        querystring: WebchatStreamQuery,
      },
    },
    async (req, reply) => {
      const channel = siteOf(req);
      const q = req.query;
      const link = linkOf.get(req);
      const visitor = link ? { ok: true as const, key: link.session.visitor.key } : resolveVisitor(openSecrets(ctx.box, channel), q.visitorId, q.userId ? { userId: q.userId, hash: q.hash ?? null } : null);
      if (!visitor.ok) throw new AppError('BAD_SIGNATURE', 'The identity hash does not match the user id');
      const address = { channelId: channel.id, visitorKey: visitor.key };
      const countKey = `${channel.id}\u0000${visitor.key}`;
      if ((streamsPerVisitor.get(countKey) ?? 0) >= MAX_STREAMS_PER_VISITOR) throw new AppError('RATE_LIMITED', 'Too many open chat windows');
      const cursor = resumeCursor(req.headers['last-event-id'], q.after);

      reply.hijack();
      const res = reply.raw;
      res.writeHead(200, {
        ...(reply.getHeaders() as Record<string, string>),
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-store',
        'x-accel-buffering': 'no',
        'x-request-id': req.id,
      });
      res.write('retry: 3000\n\n');
      openStreams.add(res);
      streamsPerVisitor.set(countKey, (streamsPerVisitor.get(countKey) ?? 0) + 1);

      // Subscribe before reading the history, hold live events until it is sent, and drop the
      // ones it already contained: nothing falls in the gap between the two, nothing shows twice.
      let pending: WebchatEvent[] | null = [];
      const shown = new Set<string>();
      const write = (e: WebchatEvent) => res.write(`id: ${e.at}\ndata: ${JSON.stringify(e)}\n\n`);
      const unsubscribe = webchatHub.subscribe(address, (e) => (pending ? pending.push(e) : write(e)));
      const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), HEARTBEAT_MS);
      heartbeat.unref();
      let closed = false;
      const close = () => {
        if (closed) return;
        closed = true;
        clearInterval(heartbeat);
        unsubscribe();
        openStreams.delete(res);
        const n = (streamsPerVisitor.get(countKey) ?? 1) - 1;
        if (n > 0) streamsPerVisitor.set(countKey, n);
        else streamsPerVisitor.delete(countKey);
      };
      res.on('close', close);

      try {
        const network = typeof channel.config.network === 'string' ? channel.config.network : channel.kind;
        const history = await visitorHistory(ctx.db, { workspaceId: channel.workspaceId, channelId: channel.id, network, visitorKey: visitor.key, conversationId: link?.claims.conversationId ?? null, sinceMs: cursor ? cursor - RESUME_OVERLAP_MS : 0 });
        for (const e of history) {
          shown.add(e.id);
          write(e);
        }
      } catch (err) {
        req.log.error({ err, channelId: channel.id }, 'web chat history failed');
        // The browser reconnects and retries from the same cursor.
        close();
        res.end();
        return;
      }
      for (const e of pending) if (!shown.has(e.id)) write(e);
      pending = null;
    },
  );

  // Open streams never go idle: end them so the server can close.
  app.addHook('preClose', async () => {
    for (const res of openStreams) res.end();
  });
};

const resumeCursor = (lastEventId: string | string[] | undefined, after: string | undefined): number => {
  const raw = (Array.isArray(lastEventId) ? lastEventId[0] : lastEventId) ?? after;
  const n = raw && /^\d{1,15}$/.test(raw) ? Number(raw) : 0;
  return Math.max(n, after ? Number(after) : 0);
};

/** Site key → web chat channel, cached briefly (a miss too, so random keys cannot hammer the database). */
const siteLookup = (ctx: AppContext) => {
  const cache = new Map<string, { channel: ChannelRow | null; until: number }>();
  return async (siteKey: string): Promise<ChannelRow | null> => {
    if (!/^ch_[A-Za-z0-9_-]{8,64}$/.test(siteKey)) return null;
    const now = Date.now();
    const hit = cache.get(siteKey);
    if (hit && hit.until > now) return hit.channel;
    const found = await findChannelByPublicKey(ctx.db, siteKey);
    const channel = found?.kind === 'webchat' ? found : null;
    if (cache.size >= 5000) cache.clear();
    cache.set(siteKey, { channel, until: now + SITE_CACHE_MS });
    return channel;
  };
};

/** Where `npm run build:widget` writes the embeddable script (web-widget/build.mjs). */
export const WIDGET_FILE = path.join(PACKAGE_ROOT, 'web-widget/dist/widget.js');

/**
 * GET /widget.js: the script companies embed from their own sites, so it is public to every
 * origin (CORS and CORP). Its URL has no version in it: cached five minutes, then revalidated by
 * ETag, so a new release reaches every site within minutes. Re-read when the file changes.
 */
const widgetScript = (file = WIDGET_FILE) => {
  let cached: { mtimeMs: number; body: Buffer; etag: string } | null = null;
  return async (req: FastifyRequest, reply: FastifyReply) => {
    const info = await stat(file).catch(() => null);
    if (!info) {
      return reply.status(503).type('text/plain; charset=utf-8').header('cache-control', 'no-store').send('The web chat widget has not been built: run `npm run build:widget`.\n');
    }
    if (cached?.mtimeMs !== info.mtimeMs) cached = { mtimeMs: info.mtimeMs, body: await readFile(file), etag: `"w-${info.size.toString(36)}-${Math.floor(info.mtimeMs).toString(36)}"` };
    reply
      .header('access-control-allow-origin', '*')
      .header('cross-origin-resource-policy', 'cross-origin')
      .header('cache-control', 'public, max-age=300, stale-while-revalidate=3600')
      .header('etag', cached.etag)
      .type('text/javascript; charset=utf-8');
    if (req.headers['if-none-match'] === cached.etag) return reply.status(304).send();
    return reply.send(cached.body);
  };
};
