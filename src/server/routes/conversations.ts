import { Type } from 'typebox';
import {
  addNote, countInbox, getConversationDetail, inWorkspace, listInbox, listTags, setConversationTags, setMentionNeedsResponse, updateConversation,
} from '../../modules/conversations/index.ts';
import {
  ConversationDetailView, ConversationPatch, FeedbackView, IdParams, InboxCounts, InboxPage, InboxQuery, MessageView, NoteCreate, TagsPut, TagView,
} from '../../contracts/index.ts';
import { actorOf } from '../auth.ts';
import type { RouteModule } from './types.ts';
import { replyRoutes } from './conversation-replies.ts';

const tags = ['conversations'];

/**
 * The agent inbox: queues and search, a conversation with the customer's whole timeline, status,
 * assignment, snooze, priority, notes, tags and triage corrections. Replies, the outbox, approvals
 * and canned replies are in conversation-replies.ts.
 */
export const conversationRoutes: RouteModule = async (app, ctx) => {
  const { db } = ctx;

  app.get(
    '/api/conversations',
    {
      config: { access: 'conversations:read' },
      schema: {
        tags,
        summary: 'The inbox: a queue of conversations with filters and full-text search, one keyset page at a time',
        querystring: InboxQuery,
        response: { 200: InboxPage },
      },
    },
    async (req) => {
      const actor = actorOf(req);
      return (await listInbox(db, actor.workspaceId, { memberId: actor.memberId }, req.query, ctx.clock.now())) as never;
    },
  );

  app.get(
    '/api/conversations/counts',
    {
      config: { access: 'conversations:read' },
      schema: { tags, summary: 'How many conversations each work queue holds for the caller (for the inbox tabs), counted up to a cap', response: { 200: InboxCounts } },
    },
    async (req) => {
      const actor = actorOf(req);
      return countInbox(db, actor.workspaceId, { memberId: actor.memberId }, ctx.clock.now());
    },
  );

  app.get(
    '/api/conversations/:id',
    { config: { access: 'conversations:read' }, schema: { tags, summary: "A conversation with the customer's timeline across channels", params: IdParams, response: { 200: ConversationDetailView } } },
    async (req) => {
      const { workspaceId } = actorOf(req);
      return (await db.tenant(workspaceId, (tx) => getConversationDetail(tx, workspaceId, req.params.id, ctx.clock.now()))) as never;
    },
  );

  app.patch(
    '/api/conversations/:id',
    {
      config: { access: 'conversations:write' },
      schema: { tags, summary: 'Change status (pending pauses the SLA), assignee, team, snooze or priority', params: IdParams, body: ConversationPatch, response: { 200: ConversationDetailView } },
    },
    async (req) => {
      const actor = actorOf(req);
      const { snoozedUntil, ...rest } = req.body;
      return (await inWorkspace(ctx, actor.workspaceId, ctx.clock.now(), async (work) => {
        await updateConversation(work, actor, req.params.id, { ...rest, ...(snoozedUntil !== undefined ? { snoozedUntil: snoozedUntil ? new Date(snoozedUntil) : null } : {}) });
        return getConversationDetail(work.tx, actor.workspaceId, req.params.id, work.now);
      })) as never;
    },
  );

  app.post(
    '/api/conversations/:id/notes',
    { config: { access: 'conversations:write' }, schema: { tags, summary: 'Add an internal note; @name or @email mentions a member', params: IdParams, body: NoteCreate, response: { 201: MessageView } } },
    async (req, reply) => {
      const actor = actorOf(req);
      const note = await inWorkspace(ctx, actor.workspaceId, ctx.clock.now(), (work) => addNote(work, actor, req.params.id, req.body.text));
      return reply.status(201).send(note as never);
    },
  );

  app.put(
    '/api/conversations/:id/tags',
    { config: { access: 'conversations:write' }, schema: { tags, summary: 'Set the tags by name (new names create tags)', params: IdParams, body: TagsPut, response: { 200: Type.Array(TagView) } } },
    async (req) => {
      const actor = actorOf(req);
      return inWorkspace(ctx, actor.workspaceId, ctx.clock.now(), (work) => setConversationTags(work, actor, req.params.id, req.body.tags));
    },
  );

  app.get('/api/tags', { config: { access: 'conversations:read' }, schema: { tags, summary: "The workspace's tags", response: { 200: Type.Array(TagView) } } }, async (req) => {
    const { workspaceId } = actorOf(req);
    return db.tenant(workspaceId, (tx) => listTags(tx, workspaceId));
  });

  for (const [path, needsResponse, summary] of [
    ['needs-response', true, 'Triage dismissed this mention but it needed a response: move it back to the inbox and teach triage'],
    ['dismiss', false, 'This mention needs no response: dismiss it and teach triage'],
  ] as const) {
    app.post(
      `/api/mentions/:id/${path}`,
      { config: { access: 'conversations:write' }, schema: { tags, summary, params: IdParams, response: { 200: FeedbackView } } },
      async (req) => {
        const actor = actorOf(req);
        return inWorkspace(ctx, actor.workspaceId, ctx.clock.now(), (work) => setMentionNeedsResponse(work, actor, req.params.id, needsResponse));
      },
    );
  }

  await replyRoutes(app, ctx);
};
