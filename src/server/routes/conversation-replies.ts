import { Type } from 'typebox';
import { connectorFor, webchat } from '../../modules/channels/index.ts';
import {
  approveReply, createCannedReply, createReply, deleteCannedReply, inWorkspace, listApprovals, listCannedReplies, moveToPrivate, previewReply, privatePathOptions, rejectReply,
  retryMessage, updateCannedReply,
} from '../../modules/conversations/index.ts';
import {
  ApprovalView, ApproveBody, CannedReplyCreate, CannedReplyPatch, CannedReplyView, IDEMPOTENCY_HEADER, IdParams, MessageView, MovePrivateBody, Ok, PrivatePathOption,
  RejectBody, ReplyCreate, ReplyPreviewBody, ReplyPreviewView,
} from '../../contracts/index.ts';
import { AppError } from '../../platform/errors/index.ts';
import { actorOf } from '../auth.ts';
import type { RouteModule } from './types.ts';

const tags = ['replies'];
const IDEMPOTENCY_KEY = /^[\x21-\x7e]{8,200}$/;

/**
 * Replies enter the outbox here; the outbox worker (src/worker/outbox.ts) sends them. Approvals of
 * public replies, retries of failed ones, and the canned replies agents start from.
 */
export const replyRoutes: RouteModule = (app, ctx) => {
  const { db } = ctx;

  app.post(
    '/api/conversations/:id/replies',
    {
      config: { access: 'conversations:reply' },
      schema: {
        tags,
        summary: "Reply in the customer's channel through the outbox (send an Idempotency-Key header: a repeat returns the first reply)",
        params: IdParams,
        body: ReplyCreate,
        headers: Type.Object({ [IDEMPOTENCY_HEADER]: Type.Optional(Type.String()) }),
        response: { 200: MessageView, 201: MessageView },
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      const key = req.headers[IDEMPOTENCY_HEADER];
      if (typeof key === 'string' && !IDEMPOTENCY_KEY.test(key)) {
        throw new AppError('VALIDATION_FAILED', 'Bad Idempotency-Key', [{ path: `/headers/${IDEMPOTENCY_HEADER}`, message: '8 to 200 printable ASCII characters, e.g. a UUID' }]);
      }
      const r = await inWorkspace(ctx, actor.workspaceId, ctx.clock.now(), (work) =>
        createReply(work, actor, req.params.id, { ...req.body, idempotencyKey: typeof key === 'string' ? key : null }, connectorFor),
      );
      return reply.status(r.created ? 201 : 200).send(r.message as never);
    },
  );

  app.post(
    '/api/conversations/:id/reply-preview',
    {
      config: { access: 'conversations:reply' },
      schema: { tags, summary: "What a draft reply would become: text as sent (variables, persona), length, thread parts and the compliance guard's findings. Stores nothing", params: IdParams, body: ReplyPreviewBody, response: { 200: ReplyPreviewView } },
    },
    async (req) => {
      const actor = actorOf(req);
      const now = ctx.clock.now();
      return (await db.tenant(actor.workspaceId, (tx) => previewReply({ tx, workspaceId: actor.workspaceId, now, emit: () => {} }, actor, req.params.id, req.body, connectorFor))) as never;
    },
  );

  app.get(
    '/api/conversations/:id/private-paths',
    { config: { access: 'conversations:reply' }, schema: { tags, summary: 'The private paths this conversation can move to (DM, email, secure web chat link) and why the others cannot', params: IdParams, response: { 200: Type.Array(PrivatePathOption) } } },
    async (req) => {
      const { workspaceId } = actorOf(req);
      return (await db.tenant(workspaceId, (tx) => privatePathOptions(tx, workspaceId, req.params.id, connectorFor))) as never;
    },
  );

  app.post(
    '/api/conversations/:id/move-private',
    {
      config: { access: 'conversations:reply' },
      schema: {
        tags,
        summary: 'Offer the customer a private path: a short public reply inviting them, and the private message (DM, email, or the opening of a secure web chat link), both in this conversation',
        params: IdParams,
        body: MovePrivateBody,
        response: {
          201: Type.Object({
            publicReply: MessageView,
            privateMessage: MessageView,
            link: Type.Optional(Type.Object({ url: Type.String(), expiresAt: Type.String({ format: 'date-time' }) }, { description: 'The secure chat link (path webchat)' })),
          }),
        },
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      const links = { publicUrl: ctx.config.publicUrl, key: webchat.chatLinkKey(ctx.config.secretKey.reveal()) };
      const r = await inWorkspace(ctx, actor.workspaceId, ctx.clock.now(), (work) => moveToPrivate(work, actor, req.params.id, req.body, connectorFor, links));
      return reply.status(201).send(r as never);
    },
  );

  app.post(
    '/api/messages/:id/retry',
    { config: { access: 'conversations:reply' }, schema: { tags, summary: 'Send a failed reply again (check the channel first when the reason is "unknown")', params: IdParams, response: { 200: MessageView } } },
    async (req) => {
      const actor = actorOf(req);
      return (await inWorkspace(ctx, actor.workspaceId, ctx.clock.now(), (work) => retryMessage(work, actor, req.params.id))) as never;
    },
  );

  app.get('/api/approvals', { config: { access: 'approvals:decide' }, schema: { tags, summary: 'Public replies waiting for approval', response: { 200: Type.Array(ApprovalView) } } }, async (req) => {
    const { workspaceId } = actorOf(req);
    return (await db.tenant(workspaceId, (tx) => listApprovals(tx, workspaceId))) as never;
  });

  app.post(
    '/api/approvals/:id/approve',
    { config: { access: 'approvals:decide' }, schema: { tags, summary: 'Approve a reply (optionally with edited text); it enters the outbox', params: IdParams, body: Type.Optional(ApproveBody), response: { 200: MessageView } } },
    async (req) => {
      const actor = actorOf(req);
      return (await inWorkspace(ctx, actor.workspaceId, ctx.clock.now(), (work) => approveReply(work, actor, req.params.id, req.body?.text, connectorFor))) as never;
    },
  );

  app.post(
    '/api/approvals/:id/reject',
    { config: { access: 'approvals:decide' }, schema: { tags, summary: 'Reject a reply with a reason', params: IdParams, body: RejectBody, response: { 200: MessageView } } },
    async (req) => {
      const actor = actorOf(req);
      return (await inWorkspace(ctx, actor.workspaceId, ctx.clock.now(), (work) => rejectReply(work, actor, req.params.id, req.body.reason))) as never;
    },
  );

  app.get('/api/canned-replies', { config: { access: 'conversations:read' }, schema: { tags, response: { 200: Type.Array(CannedReplyView) } } }, async (req) => {
    const { workspaceId } = actorOf(req);
    return (await db.tenant(workspaceId, (tx) => listCannedReplies(tx, workspaceId))) as never;
  });

  app.post(
    '/api/canned-replies',
    { config: { access: 'rules:manage' }, schema: { tags, summary: 'Create a canned reply; variables: {{customer.name}}, {{customer.handle}}, {{agent.name}}, {{agent.persona}}', body: CannedReplyCreate, response: { 201: CannedReplyView } } },
    async (req, reply) => {
      const actor = actorOf(req);
      return reply.status(201).send((await inWorkspace(ctx, actor.workspaceId, ctx.clock.now(), (work) => createCannedReply(work, actor, req.body))) as never);
    },
  );

  app.patch(
    '/api/canned-replies/:id',
    { config: { access: 'rules:manage' }, schema: { tags, params: IdParams, body: CannedReplyPatch, response: { 200: CannedReplyView } } },
    async (req) => {
      const actor = actorOf(req);
      return (await inWorkspace(ctx, actor.workspaceId, ctx.clock.now(), (work) => updateCannedReply(work, actor, req.params.id, req.body))) as never;
    },
  );

  app.delete('/api/canned-replies/:id', { config: { access: 'rules:manage' }, schema: { tags, params: IdParams, response: { 200: Ok } } }, async (req) => {
    const actor = actorOf(req);
    await inWorkspace(ctx, actor.workspaceId, ctx.clock.now(), (work) => deleteCannedReply(work, actor, req.params.id));
    return { ok: true as const };
  });
};
