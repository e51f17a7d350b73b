import { Type } from 'typebox';
import {
  createRule, deleteNamed, deleteRule, listNamed, listRules, reorderRules, ruleFieldCatalog, saveNamed, testRuleOnMention, updateRule,
} from '../../modules/routing/index.ts';
import { recordAudit } from '../../modules/access/index.ts';
import { IdParams, NamedDefinitionBody, NamedDefinitionView, Ok, RuleCreate, RuleFieldView, RulePatch, RuleReorderBody, RuleTestBody, RuleTestView, RuleView } from '../../contracts/index.ts';
import { actorOf } from '../auth.ts';
import type { RouteModule } from './types.ts';

const tags = ['routing'];

/** Rules (channel and data layers), SLA policies and business-hours calendars. Read by the team, changed by admins and supervisors. */
export const routingRoutes: RouteModule = (app, ctx) => {
  const { db } = ctx;
  const ruleView = (r: Awaited<ReturnType<typeof listRules>>[number]) => ({ id: r.id, layer: r.layer, name: r.name, position: r.position, isActive: r.isActive, definition: r.definition, updatedAt: r.updatedAt });

  app.get('/api/rules', { config: { access: 'conversations:read' }, schema: { tags, response: { 200: Type.Array(RuleView) } } }, async (req) => {
    const { workspaceId } = actorOf(req);
    return (await db.tenant(workspaceId, (tx) => listRules(tx, workspaceId))).map(ruleView) as never;
  });
  app.get('/api/rules/fields', { config: { access: 'conversations:read' }, schema: { tags, summary: 'What rule conditions can test, with their operators (for the builder)', response: { 200: Type.Array(RuleFieldView) } } }, async () => ruleFieldCatalog() as never);
  app.post('/api/rules', { config: { access: 'rules:manage' }, schema: { tags, summary: 'Add a rule (validated: bad regex, unknown field or operator are refused with their path)', body: RuleCreate, response: { 201: RuleView } } }, async (req, reply) => {
    const actor = actorOf(req);
    const row = await db.tenant(actor.workspaceId, async (tx) => {
      const r = await createRule(tx, actor.workspaceId, req.body);
      await recordAudit(tx, actor, { action: 'rule.created', subjectType: 'rule', subjectId: r.id, data: { name: r.name, layer: r.layer } });
      return r;
    });
    return reply.status(201).send(ruleView(row) as never);
  });
  app.patch('/api/rules/:id', { config: { access: 'rules:manage' }, schema: { tags, params: IdParams, body: RulePatch, response: { 200: RuleView } } }, async (req) => {
    const actor = actorOf(req);
    return ruleView(
      await db.tenant(actor.workspaceId, async (tx) => {
        const r = await updateRule(tx, actor.workspaceId, req.params.id, req.body);
        await recordAudit(tx, actor, { action: 'rule.updated', subjectType: 'rule', subjectId: r.id, data: { fields: Object.keys(req.body) } });
        return r;
      }),
    ) as never;
  });
  app.delete('/api/rules/:id', { config: { access: 'rules:manage' }, schema: { tags, params: IdParams, response: { 200: Ok } } }, async (req) => {
    const actor = actorOf(req);
    await db.tenant(actor.workspaceId, async (tx) => {
      await deleteRule(tx, actor.workspaceId, req.params.id);
      await recordAudit(tx, actor, { action: 'rule.deleted', subjectType: 'rule', subjectId: req.params.id });
    });
    return { ok: true as const };
  });
  app.post('/api/rules/reorder', { config: { access: 'rules:manage' }, schema: { tags, summary: 'Put the rules of one layer in a new order (every rule of the layer, each once)', body: RuleReorderBody, response: { 200: Type.Array(RuleView) } } }, async (req) => {
    const actor = actorOf(req);
    return (
      await db.tenant(actor.workspaceId, async (tx) => {
        const rows = await reorderRules(tx, actor.workspaceId, req.body.layer, req.body.ids);
        await recordAudit(tx, actor, { action: 'rule.reordered', data: { layer: req.body.layer, ids: req.body.ids } });
        return rows;
      })
    ).map(ruleView) as never;
  });
  app.post('/api/rules/test', { config: { access: 'rules:manage' }, schema: { tags, summary: 'Test a data rule against a past mention', body: RuleTestBody, response: { 200: RuleTestView } } }, async (req) => {
    const { workspaceId } = actorOf(req);
    return (await db.tenant(workspaceId, (tx) => testRuleOnMention(tx, workspaceId, req.body))) as never;
  });

  for (const [path, kind] of [['/api/sla-policies', 'sla_policies'], ['/api/business-calendars', 'business_calendars']] as const) {
    const view = (r: { id: string; name: string; definition: Record<string, unknown>; updatedAt: Date; position?: number; calendarId?: string | null }) => ({
      id: r.id,
      name: r.name,
      definition: r.definition,
      updatedAt: r.updatedAt,
      ...(r.position !== undefined ? { position: r.position } : {}),
      ...(r.calendarId !== undefined ? { calendarId: r.calendarId } : {}),
    });
    app.get(path, { config: { access: 'conversations:read' }, schema: { tags, response: { 200: Type.Array(NamedDefinitionView) } } }, async (req) => {
      const { workspaceId } = actorOf(req);
      return (await db.tenant(workspaceId, (tx) => listNamed(tx, kind, workspaceId))).map(view) as never;
    });
    app.post(path, { config: { access: 'rules:manage' }, schema: { tags, body: NamedDefinitionBody, response: { 201: NamedDefinitionView } } }, async (req, reply) => {
      const actor = actorOf(req);
      const row = await db.tenant(actor.workspaceId, async (tx) => {
        const r = await saveNamed(tx, kind, actor.workspaceId, req.body);
        await recordAudit(tx, actor, { action: `${kind}.created`, subjectId: r.id, data: { name: r.name } });
        return r;
      });
      return reply.status(201).send(view(row) as never);
    });
    app.put(`${path}/:id`, { config: { access: 'rules:manage' }, schema: { tags, params: IdParams, body: NamedDefinitionBody, response: { 200: NamedDefinitionView } } }, async (req) => {
      const actor = actorOf(req);
      return view(
        await db.tenant(actor.workspaceId, async (tx) => {
          const r = await saveNamed(tx, kind, actor.workspaceId, { ...req.body, id: req.params.id });
          await recordAudit(tx, actor, { action: `${kind}.updated`, subjectId: r.id });
          return r;
        }),
      ) as never;
    });
    app.delete(`${path}/:id`, { config: { access: 'rules:manage' }, schema: { tags, params: IdParams, response: { 200: Ok } } }, async (req) => {
      const actor = actorOf(req);
      await db.tenant(actor.workspaceId, async (tx) => {
        await deleteNamed(tx, kind, actor.workspaceId, req.params.id);
        await recordAudit(tx, actor, { action: `${kind}.deleted`, subjectId: req.params.id });
      });
      return { ok: true as const };
    });
  }
};
