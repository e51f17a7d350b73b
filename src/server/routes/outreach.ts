import { Type } from 'typebox';
import { connectorFor } from '../../modules/channels/index.ts';
import { inWorkspace } from '../../modules/conversations/index.ts';
import { createCampaign, getCampaign, listCampaigns, sendCampaign, setRecipientsState, updateCampaign } from '../../modules/outreach/index.ts';
import { IdParams, OutreachCampaignSummary, OutreachCampaignView, OutreachCreate, OutreachPatch, RecipientsPatch } from '../../contracts/index.ts';
import { actorOf } from '../auth.ts';
import type { RouteModule } from './types.ts';

const tags = ['outreach'];

/**
 * Proactive outreach from an incident. Reading needs incidents:read; building, editing and sending
 * need incidents:manage (supervisors and admins): a campaign speaks for the brand to many customers
 * at once, which is a decision about the incident, not a reply in one conversation.
 */
export const outreachRoutes: RouteModule = (app, ctx) => {
  const { db } = ctx;
  const view = (workspaceId: string, id: string) => db.tenant(workspaceId, (tx) => getCampaign(tx, workspaceId, id));

  app.get(
    '/api/incidents/:id/outreach',
    { config: { access: 'incidents:read' }, schema: { tags, summary: "The incident's outreach campaigns, newest first", params: IdParams, response: { 200: Type.Array(OutreachCampaignSummary) } } },
    async (req) => {
      const { workspaceId } = actorOf(req);
      return (await db.tenant(workspaceId, (tx) => listCampaigns(tx, workspaceId, req.params.id))) as never;
    },
  );

  app.post(
    '/api/incidents/:id/outreach',
    {
      config: { access: 'incidents:manage' },
      schema: {
        tags,
        summary: 'Build an outreach campaign: the audience (who mentioned the incident + a segment), each person with why, their path, or why they are suppressed',
        params: IdParams,
        body: OutreachCreate,
        response: { 201: OutreachCampaignView },
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      const id = await inWorkspace(ctx, actor.workspaceId, ctx.clock.now(), (work) => createCampaign(work, actor, req.params.id, req.body, connectorFor));
      return reply.status(201).send((await view(actor.workspaceId, id)) as never);
    },
  );

  app.get(
    '/api/outreach/:id',
    { config: { access: 'incidents:read' }, schema: { tags, summary: 'A campaign with its recipients, previews and progress', params: IdParams, response: { 200: OutreachCampaignView } } },
    async (req) => {
      const { workspaceId } = actorOf(req);
      return (await view(workspaceId, req.params.id)) as never;
    },
  );

  app.patch(
    '/api/outreach/:id',
    { config: { access: 'incidents:manage' }, schema: { tags, summary: "Edit a draft campaign's name or message", params: IdParams, body: OutreachPatch, response: { 200: OutreachCampaignView } } },
    async (req) => {
      const actor = actorOf(req);
      await inWorkspace(ctx, actor.workspaceId, ctx.clock.now(), (work) => updateCampaign(work, actor, req.params.id, req.body));
      return (await view(actor.workspaceId, req.params.id)) as never;
    },
  );

  app.patch(
    '/api/outreach/:id/recipients',
    { config: { access: 'incidents:manage' }, schema: { tags, summary: 'Include or exclude people of a draft campaign (suppressed people cannot be included)', params: IdParams, body: RecipientsPatch, response: { 200: OutreachCampaignView } } },
    async (req) => {
      const actor = actorOf(req);
      await inWorkspace(ctx, actor.workspaceId, ctx.clock.now(), (work) => setRecipientsState(work, actor, req.params.id, req.body.recipientIds, req.body.state));
      return (await view(actor.workspaceId, req.params.id)) as never;
    },
  );

  app.post(
    '/api/outreach/:id/send',
    { config: { access: 'incidents:manage' }, schema: { tags, summary: 'Send: each included person gets the message in their channel, through the outbox, at each channel’s rate', params: IdParams, response: { 200: OutreachCampaignView } } },
    async (req) => {
      const actor = actorOf(req);
      await inWorkspace(ctx, actor.workspaceId, ctx.clock.now(), (work) => sendCampaign(work, actor, req.params.id, connectorFor));
      return (await view(actor.workspaceId, req.params.id)) as never;
    },
  );
};
