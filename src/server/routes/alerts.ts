import { Type } from 'typebox';
import {
  acknowledgeDelivery, alertDepsFrom, createAlertRule, deleteAlertRule, getAlertRule, getDelivery, listAlertRules, listDeliveries, retryDelivery, sendTestAlert,
  toAlertRuleView, toDeliveryView, updateAlertRule, verifyAckToken, workspaceOfDelivery,
} from '../../modules/alerts/index.ts';
import { recordAudit, type Actor } from '../../modules/access/index.ts';
import { getIncident, updateIncident } from '../../modules/incidents/index.ts';
import { inWorkspace } from '../../modules/conversations/index.ts';
import { AppError } from '../../platform/errors/index.ts';
import {
  AlertAckLinkBody, AlertAckLinkQuery, AlertAckLinkView, AlertDeliveryQuery, AlertDeliveryView, AlertRuleCreate, AlertRulePatch, AlertRuleView, IdParams, Ok, TestAlertResultView,
} from '../../contracts/index.ts';
import { actorOf } from '../auth.ts';
import type { RouteModule } from './types.ts';

const tags = ['alerts'];

/**
 * Alert rules (who hears about which incidents), the alerts sent (by incident, by state, mine),
 * acknowledging and retrying them, and the signed acknowledgement link of alert emails.
 * Everyone who sees incidents sees the rules (without URLs or secrets) and may acknowledge;
 * admins and supervisors edit rules and retry failed alerts.
 */
export const alertRoutes: RouteModule = (app, ctx) => {
  const { db } = ctx;
  const deps = alertDepsFrom(ctx);
  const view = (r: Parameters<typeof toAlertRuleView>[0]) => toAlertRuleView(r) as never;
  /** Acknowledging an alert is someone taking the incident: a still-detected incident becomes acknowledged. */
  const acknowledgeIncidentOf = async (workspaceId: string, incidentId: string | null, who: Actor | { system: true; workspaceId: string }) => {
    if (!incidentId) return;
    await inWorkspace(ctx, workspaceId, ctx.clock.now(), async (work) => {
      const incident = await getIncident(work.tx, workspaceId, incidentId);
      if (incident.status === 'detected') await updateIncident(work, who, incidentId, { status: 'acknowledged' });
    });
  };

  app.get('/api/alert-rules', { config: { access: 'incidents:read' }, schema: { tags, summary: 'Alert rules, in order', response: { 200: Type.Array(AlertRuleView) } } }, async (req) => {
    const { workspaceId } = actorOf(req);
    return (await db.tenant(workspaceId, (tx) => listAlertRules(tx, workspaceId))).map(view) as never;
  });
  app.get('/api/alert-rules/:id', { config: { access: 'incidents:read' }, schema: { tags, params: IdParams, response: { 200: AlertRuleView } } }, async (req) => {
    const { workspaceId } = actorOf(req);
    return view(await db.tenant(workspaceId, (tx) => getAlertRule(tx, workspaceId, req.params.id)));
  });
  app.post('/api/alert-rules', { config: { access: 'incidents:manage' }, schema: { tags, summary: 'Add an alert rule (every problem named by its field)', body: AlertRuleCreate, response: { 201: AlertRuleView } } }, async (req, reply) => {
    const actor = actorOf(req);
    const row = await db.tenant(actor.workspaceId, async (tx) => {
      const r = await createAlertRule(tx, ctx.box, actor.workspaceId, req.body, ctx.clock.now());
      await recordAudit(tx, actor, { action: 'alert_rule.created', subjectType: 'alert_rule', subjectId: r.id, data: { name: r.name } });
      return r;
    });
    return reply.status(201).send(view(row));
  });
  app.patch('/api/alert-rules/:id', { config: { access: 'incidents:manage' }, schema: { tags, summary: 'Change an alert rule; recipients sent back with their id keep their URL and secret', params: IdParams, body: AlertRulePatch, response: { 200: AlertRuleView } } }, async (req) => {
    const actor = actorOf(req);
    return view(
      await db.tenant(actor.workspaceId, async (tx) => {
        const r = await updateAlertRule(tx, ctx.box, actor.workspaceId, req.params.id, req.body, ctx.clock.now());
        await recordAudit(tx, actor, { action: 'alert_rule.updated', subjectType: 'alert_rule', subjectId: r.id, data: { fields: Object.keys(req.body) } });
        return r;
      }),
    );
  });
  app.delete('/api/alert-rules/:id', { config: { access: 'incidents:manage' }, schema: { tags, params: IdParams, response: { 200: Ok } } }, async (req) => {
    const actor = actorOf(req);
    await db.tenant(actor.workspaceId, async (tx) => {
      await deleteAlertRule(tx, actor.workspaceId, req.params.id);
      await recordAudit(tx, actor, { action: 'alert_rule.deleted', subjectType: 'alert_rule', subjectId: req.params.id });
    });
    return { ok: true as const };
  });
  app.post('/api/alert-rules/:id/test', { config: { access: 'incidents:manage' }, schema: { tags, summary: 'Send a TEST alert to the rule\'s first-level recipients now, and say which worked', params: IdParams, response: { 200: Type.Array(TestAlertResultView) } } }, async (req) => {
    const { workspaceId } = actorOf(req);
    return (await sendTestAlert(deps, workspaceId, req.params.id)) as never;
  });

  app.get('/api/alerts', { config: { access: 'incidents:read' }, schema: { tags, summary: 'Alerts sent, newest first (by incident, state, or mine)', querystring: AlertDeliveryQuery, response: { 200: Type.Array(AlertDeliveryView) } } }, async (req) => {
    const actor = actorOf(req);
    const q = req.query;
    const rows = await db.tenant(actor.workspaceId, (tx) =>
      listDeliveries(tx, actor.workspaceId, { ...(q.incidentId ? { incidentId: q.incidentId } : {}), ...(q.state ? { state: q.state } : {}), ...(q.mine ? { memberId: actor.memberId ?? '00000000-0000-0000-0000-000000000000' } : {}), ...(q.limit ? { limit: q.limit } : {}) }),
    );
    return rows.map(toDeliveryView) as never;
  });
  app.post('/api/alerts/:id/acknowledge', { config: { access: 'incidents:read' }, schema: { tags, summary: 'I am on it: stops escalation for the alert\'s incident', params: IdParams, response: { 200: AlertDeliveryView } } }, async (req) => {
    const actor = actorOf(req);
    const row = await acknowledgeDelivery(deps, actor.workspaceId, req.params.id, { memberId: actor.memberId, via: 'console' });
    await acknowledgeIncidentOf(actor.workspaceId, row.incidentId, actor);
    return toDeliveryView(row) as never;
  });
  app.post('/api/alerts/:id/retry', { config: { access: 'incidents:manage' }, schema: { tags, summary: 'Send a failed alert again now', params: IdParams, response: { 200: AlertDeliveryView } } }, async (req) => {
    const { workspaceId } = actorOf(req);
    return toDeliveryView(await retryDelivery(deps, workspaceId, req.params.id)) as never;
  });

  // The signed link of an alert email, opened without signing in: the token is the credential.
  const byLink = async (id: string, token: string) => {
    const workspaceId = await workspaceOfDelivery(deps, id);
    if (!workspaceId || !verifyAckToken(deps.mail.linkKey, id, token)) throw new AppError('NOT_FOUND', 'This acknowledgement link is not valid');
    return workspaceId;
  };
  const linkView = (d: Awaited<ReturnType<typeof getDelivery>>) => ({
    title: String(d.payload.title ?? 'Incident'),
    severity: Number(d.payload.severity ?? 0),
    isDrill: d.isDrill,
    acknowledgedAt: d.acknowledgedAt,
  });
  app.get('/api/alert-acks/:id', { config: { access: 'public' }, schema: { tags, summary: 'What a signed acknowledgement link is about', params: IdParams, querystring: AlertAckLinkQuery, response: { 200: AlertAckLinkView } } }, async (req) => {
    const workspaceId = await byLink(req.params.id, req.query.token);
    return linkView(await db.tenant(workspaceId, (tx) => getDelivery(tx, workspaceId, req.params.id))) as never;
  });
  app.post('/api/alert-acks/:id', { config: { access: 'public' }, schema: { tags, summary: 'Acknowledge through the signed link of an alert email', params: IdParams, body: AlertAckLinkBody, response: { 200: AlertAckLinkView } } }, async (req) => {
    const workspaceId = await byLink(req.params.id, req.body.token);
    const row = await acknowledgeDelivery(deps, workspaceId, req.params.id, { memberId: null, via: 'link' });
    await acknowledgeIncidentOf(workspaceId, row.incidentId, { system: true, workspaceId });
    return linkView(row) as never;
  });
};
