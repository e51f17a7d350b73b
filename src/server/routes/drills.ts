import { Type } from 'typebox';
import {
  endDrill, findShippedScenario, getDrillRun, listDrills, listShippedScenarios, parseUploadedScenario, startDrill, summarizeScenario, toDrillView,
} from '../../modules/drills/index.ts';
import { DrillIdParams, DrillList, DrillListQuery, DrillRunView, ScenarioSummary, StartDrillBody } from '../../contracts/index.ts';
import { AppError } from '../../platform/errors/index.ts';
import { recordEvents, type DomainEvent } from '../../platform/events/index.ts';
import type { Tx } from '../../platform/db/index.ts';
import { actorOf } from '../auth.ts';
import type { RouteModule } from './types.ts';

const tags = ['drills'];

/**
 * Fire drills: the shipped scenarios, starting a drill (a shipped scenario or an uploaded file),
 * its progress and report, finishing (scores it) or cancelling it, and the history. The drill
 * runner (src/worker/drill-runner.ts) plays the timeline once the drill is started.
 */
export const drillRoutes: RouteModule = (app, ctx) => {
  const { db } = ctx;

  const change = async <T>(workspaceId: string, fn: (tx: Tx) => Promise<{ result: T; events: DomainEvent[] }>): Promise<T> => {
    const { result, stored } = await db.tenant(workspaceId, async (tx) => {
      const { result, events } = await fn(tx);
      return { result, stored: await recordEvents(tx, workspaceId, events) };
    });
    ctx.bus.committed(workspaceId, stored);
    return result;
  };

  app.get(
    '/api/drills/scenarios',
    { config: { access: 'incidents:read' }, schema: { tags, summary: 'The shipped drill scenarios, with what each expects of the team', response: { 200: Type.Array(ScenarioSummary) } } },
    async () => listShippedScenarios().map((s) => summarizeScenario(s.key, s.scenario)),
  );

  app.post(
    '/api/drills',
    {
      config: { access: 'drills:run' },
      schema: {
        tags,
        summary: 'Start a drill from a shipped scenario or an uploaded scenario file (YAML or JSON); a malformed file is refused with its line and reason',
        body: StartDrillBody,
        response: { 201: DrillRunView },
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      const { scenario: key, file, fileName, speed } = req.body;
      if (Boolean(key) === Boolean(file)) {
        throw new AppError('VALIDATION_FAILED', 'Give either a shipped scenario or a scenario file', [{ path: '/body/scenario', message: 'exactly one of scenario or file' }]);
      }
      const scenario = key ? findShippedScenario(key).scenario : parseUploadedScenario(file!, fileName);
      const now = ctx.clock.now();
      const view = await change(actor.workspaceId, async (tx) => {
        const { run, events } = await startDrill(tx, ctx.box, actor.workspaceId, { scenario, key: key ?? null, speed: speed ?? 1, startedBy: actor.memberId ?? actor.tokenId }, now);
        return { result: await toDrillView(tx, actor.workspaceId, run, now, 0), events };
      });
      return reply.code(201).send(view as never);
    },
  );

  app.get(
    '/api/drills',
    { config: { access: 'incidents:read' }, schema: { tags, summary: 'Drill runs, newest first (?status=running: the one running), and the score history per scenario', querystring: DrillListQuery, response: { 200: DrillList } } },
    async (req) => {
      const { workspaceId } = actorOf(req);
      return (await db.tenant(workspaceId, (tx) => listDrills(tx, workspaceId, ctx.clock.now(), req.query))) as never;
    },
  );

  app.get(
    '/api/drills/:id',
    { config: { access: 'incidents:read' }, schema: { tags, summary: 'One drill: progress, and its report (so far, while it runs)', params: DrillIdParams, response: { 200: DrillRunView } } },
    async (req) => {
      const { workspaceId } = actorOf(req);
      const now = ctx.clock.now();
      return (await db.tenant(workspaceId, async (tx) => toDrillView(tx, workspaceId, await getDrillRun(tx, workspaceId, req.params.id), now))) as never;
    },
  );

  for (const [action, how] of [['finish', 'finished'], ['cancel', 'cancelled']] as const) {
    app.post(
      `/api/drills/:id/${action}`,
      {
        config: { access: 'drills:run' },
        schema: { tags, summary: how === 'finished' ? 'Finish the drill now and score it' : 'Stop the drill without a report', params: DrillIdParams, response: { 200: DrillRunView } },
      },
      async (req) => {
        const { workspaceId } = actorOf(req);
        const now = ctx.clock.now();
        return (await change(workspaceId, async (tx) => {
          const { run, events } = await endDrill(tx, workspaceId, req.params.id, how, now);
          return { result: await toDrillView(tx, workspaceId, run, now), events };
        })) as never;
      },
    );
  }
};
