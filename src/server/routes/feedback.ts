import { Type } from 'typebox';
import { listFeedback, listMemberNotifications } from '../../modules/conversations/index.ts';
import { DateTime } from '../../contracts/index.ts';
import { actorOf } from '../auth.ts';
import type { RouteModule } from './types.ts';

const FeedbackItem = Type.Object({
  conversationId: Type.String(),
  sentAt: DateTime,
  ruleName: Type.Union([Type.String(), Type.Null()]),
  intent: Type.Union([Type.String(), Type.Null()]),
  sentiment: Type.Union([Type.String(), Type.Null()]),
  customerName: Type.Union([Type.String(), Type.Null()]),
  text: Type.String(),
});
const NotificationItem = Type.Object({
  id: Type.Integer(),
  type: Type.String(),
  conversationId: Type.Union([Type.String(), Type.Null()]),
  data: Type.Record(Type.String(), Type.Unknown()),
  createdAt: DateTime,
});
const Limit = Type.Object({ limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })) }, { additionalProperties: false });

/** What rules send to the product team, and what they (and @mentions) address to a member. */
export const feedbackRoutes: RouteModule = (app, ctx) => {
  app.get('/api/feedback', { config: { access: 'feedback:read' }, schema: { tags: ['feedback'], summary: 'Conversations rules sent to the product team', querystring: Limit, response: { 200: Type.Array(FeedbackItem) } } }, async (req) => {
    const { workspaceId } = actorOf(req);
    return (await ctx.db.tenant(workspaceId, (tx) => listFeedback(tx, workspaceId, req.query.limit))) as never;
  });
  app.get('/api/notifications', { config: { access: 'signed-in' }, schema: { tags: ['feedback'], summary: 'What rules and @mentions addressed to me', querystring: Limit, response: { 200: Type.Array(NotificationItem) } } }, async (req) => {
    const actor = actorOf(req);
    if (!actor.memberId) return [];
    return (await ctx.db.tenant(actor.workspaceId, (tx) => listMemberNotifications(tx, actor.workspaceId, actor.memberId!, req.query.limit))) as never;
  });
};
