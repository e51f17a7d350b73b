import { Type } from 'typebox';
import {
  DEFAULT_WEIGHTS, INTENTS, URGENCY_CUES, resolveWeights, type TriageWeightsOverride,
  NEEDS_RESPONSE_NAME, OUT_OF_SCOPE, activateClassifier, deleteClassifier, getClassifier, listClassifiers, needsResponseExamples,
  parseExamplesCsv, saveClassifier, tagExamples, trainOffThread, type ClassifierRow,
} from '../../modules/triage/index.ts';
import { getWorkspace, recordAudit, setWorkspaceSetting } from '../../modules/access/index.ts';
import { badRequest } from '../../platform/errors/index.ts';
import { ClassifierRetrainFromTagsBody, ClassifierTrainBody, ClassifierView, IdParams, Ok, TriageWeightsOverrideBody, TriageWeightsView } from '../../contracts/index.ts';
import { actorOf } from '../auth.ts';
import type { RouteModule } from './types.ts';

const tags = ['classifiers'];
/** A CSV of tens of thousands of examples is bigger than the default body limit. */
const TRAIN_BODY_LIMIT = 25 * 1024 * 1024;

const weightsView = (settings: Record<string, unknown>) => {
  const override = (settings.triageWeights ?? {}) as TriageWeightsOverride;
  return { override, defaults: DEFAULT_WEIGHTS, effective: resolveWeights(override) };
};

/** Intent and urgency weights only mean something for names the model produces. */
const checkWeightNames = (body: TriageWeightsOverrideBody) => {
  const problems = [
    ...Object.keys(body.intent ?? {}).filter((k) => !(INTENTS as readonly string[]).includes(k)).map((k) => ({ path: `/body/intent/${k}`, message: `unknown intent; expected one of ${INTENTS.join(', ')}` })),
    ...Object.keys(body.urgency ?? {}).filter((k) => !(URGENCY_CUES as readonly string[]).includes(k)).map((k) => ({ path: `/body/urgency/${k}`, message: `unknown urgency cue; expected one of ${URGENCY_CUES.join(', ')}` })),
  ];
  if (problems.length) throw badRequest('Unknown weight names', problems);
};

const view = (r: ClassifierRow) => ({ id: r.id, name: r.name, kind: r.kind, isActive: r.isActive, metrics: r.metrics, createdBy: r.createdBy, createdAt: r.createdAt });

/**
 * A workspace's own classifiers: trained here from examples, from its agents' tags, or (the
 * needs-response model) from what its team answered or dismissed; applied by the pipeline to new
 * mentions. Training runs in the request (CPU, seconds for 10,000 examples); reads take nothing.
 */
export const classifierRoutes: RouteModule = (app, ctx) => {
  const { db } = ctx;

  // Priority weights live in workspaces.settings.triageWeights (read by the triage stage of the pipeline).
  app.get('/api/triage-weights', { config: { access: 'conversations:read' }, schema: { tags, summary: 'Priority weights: the defaults, what this workspace overrides, and the result', response: { 200: TriageWeightsView } } }, async (req) => {
    const ws = await getWorkspace(db, actorOf(req).workspaceId);
    return weightsView(ws?.settings ?? {}) as never;
  });
  app.put('/api/triage-weights', { config: { access: 'workspace:manage' }, schema: { tags, summary: 'Replace the overridden weights (what is left out takes its default)', body: TriageWeightsOverrideBody, response: { 200: TriageWeightsView } } }, async (req) => {
    const actor = actorOf(req);
    checkWeightNames(req.body);
    const ws = await setWorkspaceSetting(db, actor.workspaceId, 'triageWeights', Object.keys(req.body).length ? req.body : undefined);
    await db.tenant(actor.workspaceId, (tx) => recordAudit(tx, actor, { action: 'triage_weights.updated', data: { weights: req.body } }));
    return weightsView(ws.settings) as never;
  });
  app.delete('/api/triage-weights', { config: { access: 'workspace:manage' }, schema: { tags, summary: 'Back to the default weights', response: { 200: TriageWeightsView } } }, async (req) => {
    const actor = actorOf(req);
    const ws = await setWorkspaceSetting(db, actor.workspaceId, 'triageWeights', undefined);
    await db.tenant(actor.workspaceId, (tx) => recordAudit(tx, actor, { action: 'triage_weights.reset' }));
    return weightsView(ws.settings) as never;
  });

  app.get('/api/classifiers', { config: { access: 'conversations:read' }, schema: { tags, summary: 'Every classifier version, active ones applied to new mentions', response: { 200: Type.Array(ClassifierView) } } }, async (req) => {
    const { workspaceId } = actorOf(req);
    return (await db.tenant(workspaceId, (tx) => listClassifiers(tx, workspaceId))).map(view) as never;
  });

  app.post('/api/classifiers', {
    config: { access: 'rules:manage' },
    bodyLimit: TRAIN_BODY_LIMIT,
    schema: { tags, summary: 'Train a classifier from examples (JSON or `text,label` CSV); it becomes the active version of its name', body: ClassifierTrainBody, response: { 201: ClassifierView } },
  }, async (req, reply) => {
    const actor = actorOf(req);
    const { name, kind, holdout } = req.body;
    const examples = [...(req.body.examples ?? [])];
    if (req.body.csv !== undefined) {
      const parsed = parseExamplesCsv(req.body.csv);
      if (parsed.problems.length) throw badRequest('Some CSV lines are not `text,label`', parsed.problems.slice(0, 50));
      examples.push(...parsed.examples);
    }
    if (!req.body.examples && req.body.csv === undefined) throw badRequest('Give the examples', [{ path: '/body/examples', message: 'give `examples` or `csv`' }]);
    const { model, metrics } = await trainOffThread({ kind: 'classifier', examples, holdout, path: req.body.csv !== undefined && !req.body.examples ? '/body/csv' : '/body/examples' });
    const row = await db.tenant(actor.workspaceId, async (tx) => {
      const r = await saveClassifier(tx, actor.workspaceId, { name, kind, model, metrics, createdBy: actor.memberId });
      await recordAudit(tx, actor, { action: 'classifier.trained', subjectType: 'classifier', subjectId: r.id, data: { name, kind, examples: metrics.examples, accuracy: metrics.accuracy } });
      return r;
    });
    return reply.status(201).send(view(row) as never);
  });

  app.post('/api/classifiers/:id/retrain-from-tags', {
    config: { access: 'rules:manage' },
    schema: { tags, summary: "Retrain from the tags agents put on conversations (tag = label, text = the conversation's first inbound mention)", params: IdParams, body: Type.Optional(ClassifierRetrainFromTagsBody), response: { 201: ClassifierView } },
  }, async (req, reply) => {
    const actor = actorOf(req);
    const { workspaceId } = actor;
    const { current, examples } = await db.tenant(workspaceId, async (tx) => {
      const c = await getClassifier(tx, workspaceId, req.params.id);
      if (c.kind === 'needs_response') throw badRequest('The needs-response model learns from the team history', [{ path: '/params/id', message: 'use POST /api/classifiers/needs-response/retrain' }]);
      const labels = req.body?.labels ?? Object.keys(c.metrics.labels as Record<string, number>).filter((l) => l !== OUT_OF_SCOPE);
      return { current: c, examples: await tagExamples(tx, workspaceId, labels) };
    });
    const { model, metrics } = await trainOffThread({ kind: 'classifier', examples, path: '/tags' });
    const row = await db.tenant(workspaceId, async (tx) => {
      const r = await saveClassifier(tx, workspaceId, { name: current.name, kind: current.kind, model, metrics, createdBy: actor.memberId });
      await recordAudit(tx, actor, { action: 'classifier.retrained', subjectType: 'classifier', subjectId: r.id, data: { from: current.id, source: 'tags', examples: metrics.examples } });
      return r;
    });
    return reply.status(201).send(view(row) as never);
  });

  app.post('/api/classifiers/needs-response/retrain', {
    config: { access: 'rules:manage' },
    schema: { tags, summary: 'Learn what needs a response from the team: corrections, answered and closed-unanswered conversations', response: { 201: ClassifierView } },
  }, async (req, reply) => {
    const actor = actorOf(req);
    const examples = await db.tenant(actor.workspaceId, (tx) => needsResponseExamples(tx, actor.workspaceId));
    const { model, metrics } = await trainOffThread({ kind: 'needs_response', examples });
    const row = await db.tenant(actor.workspaceId, async (tx) => {
      const r = await saveClassifier(tx, actor.workspaceId, { name: NEEDS_RESPONSE_NAME, kind: 'needs_response', model, metrics, createdBy: actor.memberId });
      await recordAudit(tx, actor, { action: 'classifier.retrained', subjectType: 'classifier', subjectId: r.id, data: { name: NEEDS_RESPONSE_NAME, examples: metrics.examples } });
      return r;
    });
    return reply.status(201).send(view(row) as never);
  });

  app.post('/api/classifiers/:id/activate', { config: { access: 'rules:manage' }, schema: { tags, summary: 'Make this version the active one of its name (roll back a retrain)', params: IdParams, response: { 200: ClassifierView } } }, async (req) => {
    const actor = actorOf(req);
    return view(
      await db.tenant(actor.workspaceId, async (tx) => {
        const r = await activateClassifier(tx, actor.workspaceId, req.params.id);
        await recordAudit(tx, actor, { action: 'classifier.activated', subjectType: 'classifier', subjectId: r.id, data: { name: r.name } });
        return r;
      }),
    ) as never;
  });

  app.delete('/api/classifiers/:id', { config: { access: 'rules:manage' }, schema: { tags, params: IdParams, response: { 200: Ok } } }, async (req) => {
    const actor = actorOf(req);
    await db.tenant(actor.workspaceId, async (tx) => {
      const r = await deleteClassifier(tx, actor.workspaceId, req.params.id);
      await recordAudit(tx, actor, { action: 'classifier.deleted', subjectType: 'classifier', subjectId: r.id, data: { name: r.name } });
    });
    return { ok: true as const };
  });
};
