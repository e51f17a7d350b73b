import { Type } from 'typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import {
  CHANNEL_KINDS, ReplayCache, connectorFor, createChannel, createListeningQuery, deleteChannel, deleteListeningQuery, findChannelByPublicKey, getChannel,
  listChannelFailures, listChannels, listListeningQueries, previewListeningQuery, receiveWebhookDelivery, receiveXAccountActivity, toChannelView,
  updateChannel, updateListeningQuery, webhookExamplePayload, WEBHOOK_MAX_BODY_BYTES, WEBHOOK_SIGNATURE_SCHEME, xCrcResponse, openSecrets,
} from '../../modules/channels/index.ts';
import { createConnectorContext } from '../../modules/ingestion/index.ts';
import { recordAudit } from '../../modules/access/index.ts';
import {
  ChannelCreate, ChannelFailureView, ChannelKindView, ChannelPatch, ChannelView, HealthCheckView, IdParams, ListeningQueryCreate, ListeningQueryPatch,
  ListeningQueryView, Ok, QueryPreviewBody, QueryPreviewView,
} from '../../contracts/index.ts';
import { AppError } from '../../platform/errors/index.ts';
import { actorOf } from '../auth.ts';
import { problemOf, sendProblem } from '../problem.ts';
import type { RouteModule } from './types.ts';

const tags = ['channels'];
const KeyParams = Type.Object({ key: Type.String({ pattern: '^ch_[A-Za-z0-9_-]{10,64}$' }) }, { additionalProperties: false });

export const channelRoutes: RouteModule = (app, ctx) => {
  const { db, box } = ctx;
  const view = (c: Parameters<typeof toChannelView>[1]) => toChannelView(box, c);

  app.get('/api/channel-kinds', { config: { access: 'channels:read' }, schema: { tags, response: { 200: Type.Array(ChannelKindView) } } }, async () =>
    CHANNEL_KINDS.map((kind) => {
      const c = connectorFor(kind)!;
      return { kind, ...c.limits, receives: [c.poll && 'poll', c.stream && 'stream'].filter(Boolean) as string[], canSend: Boolean(c.send) };
    }),
  );

  app.get('/api/channels', { config: { access: 'channels:read' }, schema: { tags, response: { 200: Type.Array(ChannelView) } } }, async (req) => {
    const { workspaceId } = actorOf(req);
    return (await db.tenant(workspaceId, (tx) => listChannels(tx, workspaceId))).map(view) as never;
  });

  app.post('/api/channels', { config: { access: 'channels:manage' }, schema: { tags, summary: 'Connect a channel (credentials are sealed at rest)', body: ChannelCreate, response: { 201: ChannelView } } }, async (req, reply) => {
    const actor = actorOf(req);
    const c = await db.tenant(actor.workspaceId, async (tx) => {
      const row = await createChannel(tx, box, actor.workspaceId, req.body);
      await recordAudit(tx, actor, { action: 'channel.created', subjectType: 'channel', subjectId: row.id, data: { kind: row.kind, name: row.name } });
      return row;
    });
    return reply.status(201).send(view(c) as never);
  });

  app.get('/api/channels/:id', { config: { access: 'channels:read' }, schema: { tags, params: IdParams, response: { 200: ChannelView } } }, async (req) => {
    const { workspaceId } = actorOf(req);
    return view(await db.tenant(workspaceId, (tx) => getChannel(tx, workspaceId, req.params.id))) as never;
  });

  app.patch('/api/channels/:id', { config: { access: 'channels:manage' }, schema: { tags, params: IdParams, body: ChannelPatch, response: { 200: ChannelView } } }, async (req) => {
    const actor = actorOf(req);
    return view(
      await db.tenant(actor.workspaceId, async (tx) => {
        const row = await updateChannel(tx, box, actor.workspaceId, req.params.id, req.body);
        await recordAudit(tx, actor, { action: 'channel.updated', subjectType: 'channel', subjectId: row.id, data: { fields: Object.keys(req.body), secrets: Object.keys(req.body.secrets ?? {}) } });
        return row;
      }),
    ) as never;
  });

  app.delete('/api/channels/:id', { config: { access: 'channels:manage' }, schema: { tags, params: IdParams, response: { 200: Ok } } }, async (req) => {
    const actor = actorOf(req);
    await db.tenant(actor.workspaceId, async (tx) => {
      await deleteChannel(tx, actor.workspaceId, req.params.id);
      await recordAudit(tx, actor, { action: 'channel.deleted', subjectType: 'channel', subjectId: req.params.id });
    });
    return { ok: true as const };
  });

  app.get('/api/channels/:id/failures', { config: { access: 'channels:read' }, schema: { tags, params: IdParams, response: { 200: Type.Array(ChannelFailureView) } } }, async (req) => {
    const { workspaceId } = actorOf(req);
    return db.tenant(workspaceId, async (tx) => {
      await getChannel(tx, workspaceId, req.params.id);
      return (await listChannelFailures(tx, workspaceId, req.params.id)).map((f) => ({ id: f.id, reason: f.reason, externalId: f.externalId, createdAt: f.createdAt })) as never;
    });
  });

  app.post('/api/channels/:id/check', { config: { access: 'channels:manage' }, schema: { tags, summary: 'Test the connection now', params: IdParams, response: { 200: HealthCheckView } } }, async (req) => {
    const { workspaceId } = actorOf(req);
    const channel = await db.tenant(workspaceId, (tx) => getChannel(tx, workspaceId, req.params.id));
    const connector = connectorFor(channel.kind);
    if (!connector?.checkHealth) return { ok: true, problem: null, detail: 'this kind of channel has nothing to check' };
    const report = await connector.checkHealth(createConnectorContext({ db, box, log: ctx.log, wake: () => ctx.pipeline.wake() }, channel));
    return { ok: report.ok, problem: report.problem ?? null, detail: report.detail ?? null };
  });

  // Listening queries
  const lq = (r: Awaited<ReturnType<typeof listListeningQueries>>[number]) => ({ id: r.id, channelId: r.channelId, name: r.name, query: r.query, isActive: r.isActive, createdAt: r.createdAt });
  app.get('/api/listening-queries', { config: { access: 'channels:read' }, schema: { tags, response: { 200: Type.Array(ListeningQueryView) } } }, async (req) => {
    const { workspaceId } = actorOf(req);
    return (await db.tenant(workspaceId, (tx) => listListeningQueries(tx, workspaceId))).map(lq) as never;
  });
  app.post('/api/listening-queries', { config: { access: 'channels:manage' }, schema: { tags, body: ListeningQueryCreate, response: { 201: ListeningQueryView } } }, async (req, reply) => {
    const actor = actorOf(req);
    const row = await db.tenant(actor.workspaceId, async (tx) => {
      const r = await createListeningQuery(tx, actor.workspaceId, req.body);
      await recordAudit(tx, actor, { action: 'listening_query.created', subjectType: 'listening_query', subjectId: r.id, data: { query: r.query } });
      return r;
    });
    return reply.status(201).send(lq(row) as never);
  });
  app.patch('/api/listening-queries/:id', { config: { access: 'channels:manage' }, schema: { tags, params: IdParams, body: ListeningQueryPatch, response: { 200: ListeningQueryView } } }, async (req) => {
    const actor = actorOf(req);
    return lq(await db.tenant(actor.workspaceId, (tx) => updateListeningQuery(tx, actor.workspaceId, req.params.id, req.body))) as never;
  });
  app.delete('/api/listening-queries/:id', { config: { access: 'channels:manage' }, schema: { tags, params: IdParams, response: { 200: Ok } } }, async (req) => {
    const actor = actorOf(req);
    await db.tenant(actor.workspaceId, (tx) => deleteListeningQuery(tx, actor.workspaceId, req.params.id));
    return { ok: true as const };
  });
  app.post('/api/listening-queries/preview', { config: { access: 'channels:read' }, schema: { tags, summary: 'What a query would match among recent mentions', body: QueryPreviewBody, response: { 200: QueryPreviewView } } }, async (req) => {
    const { workspaceId } = actorOf(req);
    return (await db.tenant(workspaceId, (tx) => previewListeningQuery(tx, workspaceId, req.body.query, req.body.limit))) as never;
  });

  // Pushes from outside: the raw body must reach the signature check byte for byte.
  const replay = new ReplayCache(ctx.clock);
  app.register(async (plugin) => {
    const hooks = plugin.withTypeProvider<TypeBoxTypeProvider>();
    hooks.removeAllContentTypeParsers();
    hooks.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: WEBHOOK_MAX_BODY_BYTES }, (_req, body, done) => done(null, body));

    const channelFor = async (key: string, kind: string) => {
      const channel = await findChannelByPublicKey(db, key);
      if (!channel || channel.kind !== kind) throw new AppError('NOT_FOUND', 'No such webhook');
      if (channel.status === 'paused') throw new AppError('UNAVAILABLE', 'This channel is paused');
      return channel;
    };
    const contextFor = (channel: Awaited<ReturnType<typeof channelFor>>, requestId: string) =>
      createConnectorContext({ db, box, log: ctx.log.child({ requestId }), wake: () => ctx.pipeline.wake() }, channel);

    hooks.post(
      '/api/hooks/:key',
      {
        config: { access: 'public' },
        bodyLimit: WEBHOOK_MAX_BODY_BYTES,
        schema: {
          tags: ['webhooks'],
          summary: 'Push mentions into a webhook channel (HMAC-SHA256 signed)',
          description: `${WEBHOOK_SIGNATURE_SCHEME}\n\nExample body:\n\n\`\`\`json\n${JSON.stringify(webhookExamplePayload, null, 2)}\n\`\`\``,
          params: KeyParams,
        },
      },
      async (req, reply) => {
        const channel = await channelFor(req.params.key, 'webhook');
        const outcome = await receiveWebhookDelivery(contextFor(channel, req.id), { headers: req.headers, rawBody: req.body as Buffer, now: ctx.clock.now(), replay });
        if (outcome.status === 202 || outcome.status === 200) return reply.status(outcome.status).send(outcome.body);
        const code = { 400: 'VALIDATION_FAILED', 401: 'BAD_SIGNATURE', 413: 'PAYLOAD_TOO_LARGE', 503: 'UNAVAILABLE' } as const;
        const body = outcome.body as { detail?: string; errors?: { path: string; message: string }[]; error: string };
        return sendProblem(reply, problemOf(code[outcome.status], req.id, body.detail ?? body.error, body.errors));
      },
    );

    hooks.get('/api/hooks/x/:key', { config: { access: 'public' }, schema: { tags: ['webhooks'], summary: "X Account Activity CRC challenge", params: KeyParams, querystring: Type.Object({ crc_token: Type.String({ minLength: 1, maxLength: 500 }) }) } }, async (req) => {
      const channel = await channelFor(req.params.key, 'x');
      const secrets = openSecrets(box, channel);
      const secret = secrets.consumerSecret || secrets.appSecret;
      if (!secret) throw new AppError('UNAVAILABLE', 'The X channel has no consumer secret');
      return xCrcResponse(secret, req.query.crc_token);
    });

    hooks.post('/api/hooks/x/:key', { config: { access: 'public' }, schema: { tags: ['webhooks'], summary: 'X Account Activity events', params: KeyParams } }, async (req, reply) => {
      const channel = await channelFor(req.params.key, 'x');
      const outcome = await receiveXAccountActivity(contextFor(channel, req.id), { rawBody: req.body as Buffer, signature: req.headers['x-twitter-webhooks-signature'] });
      if (outcome.status === 200) return outcome.body;
      const code = { 400: 'VALIDATION_FAILED', 401: 'BAD_SIGNATURE', 503: 'UNAVAILABLE' } as const;
      return sendProblem(reply, problemOf(code[outcome.status], req.id, outcome.body.error));
    });
  });
};
