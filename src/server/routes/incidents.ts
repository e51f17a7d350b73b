import { Type } from 'typebox';
import { connectorFor } from '../../modules/channels/index.ts';
import { inWorkspace } from '../../modules/conversations/index.ts';
import {
  addIncidentNote, createPlaybook, declareIncident, deletePlaybook, getIncidentDetail, getPlaybook, linkToIncident, listDetectionAlerts, listIncidents,
  listPlaybooks, incidentRepliesFor, postStatement, setChecklistItem, unlinkFromIncident, updateIncident, updatePlaybook,
} from '../../modules/incidents/index.ts';
import {
  ChecklistParams, ChecklistTick, DetectionAlertQuery, DetectionAlertView, IdParams, IncidentCreate, IncidentDetailQuery, IncidentDetailView, IncidentLinks,
  IncidentNoteCreate, IncidentPage, IncidentPatch, IncidentQuery, IncidentRepliesQuery, IncidentReplyView, PlaybookCreate, PlaybookPatch, PlaybookView, StatementPost,
} from '../../contracts/index.ts';
import { actorOf } from '../auth.ts';
import type { RouteModule } from './types.ts';

const tags = ['incidents'];

const StatementResultView = Type.Object({ text: Type.String(), messageId: Type.Union([Type.String(), Type.Null()]), recordedOnly: Type.Union([Type.String(), Type.Null()]) });
const LinkResult = Type.Object({ linked: Type.Integer() });
const UnlinkResult = Type.Object({ unlinked: Type.Integer() });

/**
 * Incidents (list, declare, detail with timeline, checklist, linked mentions, affected customers
 * and the alert's series; status, owner, severity, title, type; notes, links, checklist ticks,
 * statements), playbooks, and the detection alerts behind them.
 */
export const incidentRoutes: RouteModule = (app, ctx) => {
  const { db } = ctx;
  const now = () => ctx.clock.now();

  app.get(
    '/api/incidents',
    { config: { access: 'incidents:read' }, schema: { tags, summary: 'Incidents: open ones first, worst first; filter by status, severity, drill', querystring: IncidentQuery, response: { 200: IncidentPage } } },
    async (req) => {
      const { workspaceId } = actorOf(req);
      return db.tenant(workspaceId, (tx) => listIncidents(tx, workspaceId, req.query));
    },
  );

  app.post(
    '/api/incidents',
    { config: { access: 'incidents:manage' }, schema: { tags, summary: 'Declare an incident (title, severity, type, owner, its first mentions or conversations)', body: IncidentCreate, response: { 201: IncidentDetailView } } },
    async (req, reply) => {
      const actor = actorOf(req);
      const detail = await inWorkspace(ctx, actor.workspaceId, now(), async (work) => {
        const incident = await declareIncident(work, actor, req.body);
        return getIncidentDetail(work.tx, actor.workspaceId, incident.id);
      });
      return reply.status(201).send(detail);
    },
  );

  app.get(
    '/api/incidents/:id',
    {
      config: { access: 'incidents:read' },
      schema: { tags, summary: 'An incident with its timeline, checklist, linked mentions (paged), affected customers, topics and alert series', params: IdParams, querystring: IncidentDetailQuery, response: { 200: IncidentDetailView } },
    },
    async (req) => {
      const { workspaceId } = actorOf(req);
      return db.tenant(workspaceId, (tx) => getIncidentDetail(tx, workspaceId, req.params.id, req.query));
    },
  );

  app.patch(
    '/api/incidents/:id',
    { config: { access: 'incidents:manage' }, schema: { tags, summary: 'Move the status (invalid moves: 409), change owner, severity, title, type (brings its playbook) or match terms', params: IdParams, body: IncidentPatch, response: { 200: IncidentDetailView } } },
    async (req) => {
      const actor = actorOf(req);
      return inWorkspace(ctx, actor.workspaceId, now(), async (work) => {
        await updateIncident(work, actor, req.params.id, req.body);
        return getIncidentDetail(work.tx, actor.workspaceId, req.params.id);
      });
    },
  );

  app.post(
    '/api/incidents/:id/notes',
    { config: { access: 'incidents:manage' }, schema: { tags, summary: 'Add an internal note to the timeline', params: IdParams, body: IncidentNoteCreate, response: { 201: IncidentDetailView } } },
    async (req, reply) => {
      const actor = actorOf(req);
      const detail = await inWorkspace(ctx, actor.workspaceId, now(), async (work) => {
        await addIncidentNote(work, actor, req.params.id, req.body.text);
        return getIncidentDetail(work.tx, actor.workspaceId, req.params.id);
      });
      return reply.status(201).send(detail);
    },
  );

  app.post(
    '/api/incidents/:id/mentions',
    { config: { access: 'incidents:manage' }, schema: { tags, summary: 'Link mentions or whole conversations', params: IdParams, body: IncidentLinks, response: { 200: LinkResult } } },
    async (req) => {
      const actor = actorOf(req);
      const added = await inWorkspace(ctx, actor.workspaceId, now(), (work) => linkToIncident(work, actor, req.params.id, req.body));
      return { linked: added.length };
    },
  );

  app.delete(
    '/api/incidents/:id/mentions',
    { config: { access: 'incidents:manage' }, schema: { tags, summary: 'Unlink mentions or whole conversations', params: IdParams, body: IncidentLinks, response: { 200: UnlinkResult } } },
    async (req) => {
      const actor = actorOf(req);
      const removed = await inWorkspace(ctx, actor.workspaceId, now(), (work) => unlinkFromIncident(work, actor, req.params.id, req.body));
      return { unlinked: removed };
    },
  );

  app.post(
    '/api/incidents/:id/checklist/:itemId',
    { config: { access: 'incidents:manage' }, schema: { tags, summary: 'Tick or untick a checklist step (who and when are recorded)', params: ChecklistParams, body: ChecklistTick, response: { 200: IncidentDetailView } } },
    async (req) => {
      const actor = actorOf(req);
      return inWorkspace(ctx, actor.workspaceId, now(), async (work) => {
        await setChecklistItem(work, actor, req.params.id, req.params.itemId, req.body.done);
        return getIncidentDetail(work.tx, actor.workspaceId, req.params.id);
      });
    },
  );

  app.post(
    '/api/incidents/:id/statements',
    {
      config: { access: 'incidents:manage' },
      schema: { tags, summary: "Post a statement (the playbook's by name, or a text): recorded, and queued as a public post when the channel can (drills never send)", params: IdParams, body: StatementPost, response: { 201: StatementResultView } },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      const result = await inWorkspace(ctx, actor.workspaceId, now(), (work) => postStatement(work, actor, req.params.id, req.body, connectorFor));
      return reply.status(201).send(result);
    },
  );

  app.get(
    '/api/detection-alerts',
    { config: { access: 'incidents:read' }, schema: { tags, summary: 'The detector’s alerts, newest first, with their series, expected band and topics', querystring: DetectionAlertQuery, response: { 200: Type.Array(DetectionAlertView) } } },
    async (req) => {
      const { workspaceId } = actorOf(req);
      return db.tenant(workspaceId, (tx) => listDetectionAlerts(tx, workspaceId, req.query));
    },
  );

  app.get(
    '/api/incident-replies',
    {
      config: { access: 'incidents:read' },
      schema: { tags, summary: "Pre-approved replies of the playbooks of the open incidents a conversation is linked to (offered like canned replies)", querystring: IncidentRepliesQuery, response: { 200: Type.Array(IncidentReplyView) } },
    },
    async (req) => {
      const { workspaceId } = actorOf(req);
      return db.tenant(workspaceId, (tx) => incidentRepliesFor(tx, workspaceId, req.query.conversationId));
    },
  );

  app.get('/api/playbooks', { config: { access: 'incidents:read' }, schema: { tags, summary: 'Playbooks', response: { 200: Type.Array(PlaybookView) } } }, async (req) => {
    const { workspaceId } = actorOf(req);
    return db.tenant(workspaceId, (tx) => listPlaybooks(tx, workspaceId));
  });

  app.get('/api/playbooks/:id', { config: { access: 'incidents:read' }, schema: { tags, summary: 'One playbook', params: IdParams, response: { 200: PlaybookView } } }, async (req) => {
    const { workspaceId } = actorOf(req);
    return db.tenant(workspaceId, (tx) => getPlaybook(tx, workspaceId, req.params.id));
  });

  app.post(
    '/api/playbooks',
    { config: { access: 'incidents:manage' }, schema: { tags, summary: 'Write a playbook: steps with owners, statements, replies, stakeholders, for incident types', body: PlaybookCreate, response: { 201: PlaybookView } } },
    async (req, reply) => {
      const actor = actorOf(req);
      return reply.status(201).send(await inWorkspace(ctx, actor.workspaceId, now(), (work) => createPlaybook(work, req.body)));
    },
  );

  app.patch(
    '/api/playbooks/:id',
    { config: { access: 'incidents:manage' }, schema: { tags, summary: 'Change a playbook', params: IdParams, body: PlaybookPatch, response: { 200: PlaybookView } } },
    async (req) => {
      const actor = actorOf(req);
      return inWorkspace(ctx, actor.workspaceId, now(), (work) => updatePlaybook(work, req.params.id, req.body));
    },
  );

  app.delete('/api/playbooks/:id', { config: { access: 'incidents:manage' }, schema: { tags, summary: 'Delete a playbook (incidents keep their checklists)', params: IdParams } }, async (req, reply) => {
    const actor = actorOf(req);
    await inWorkspace(ctx, actor.workspaceId, now(), (work) => deletePlaybook(work, req.params.id));
    return reply.status(204).send();
  });
};
