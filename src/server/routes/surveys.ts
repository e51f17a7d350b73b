import { Type } from 'typebox';
import { connectorFor } from '../../modules/channels/index.ts';
import { setWorkspaceSetting } from '../../modules/access/index.ts';
import { inWorkspace } from '../../modules/conversations/index.ts';
import {
  answerSurvey, findSurveyByToken, listConversationSurveys, listCustomerSurveys, readSurveySettings, renderSurveyPage, sendSurvey, surveySummary, SurveyExpiredError,
  type SurveyPageState,
} from '../../modules/surveys/index.ts';
import { IdParams, Problem, SurveyAnswer, SurveySend, SurveySettings, SurveySummary, SurveySummaryQuery, SurveyTokenParams, SurveyView } from '../../contracts/index.ts';
import { AppError, isAppError } from '../../platform/errors/index.ts';
import { actorOf } from '../auth.ts';
import type { RouteModule } from './types.ts';

const tags = ['surveys'];
/** Public answer endpoints: per client address, enough for a person, too few to guess tokens. */
const PUBLIC_RATE = { max: 30, timeWindow: '1 minute' };

/**
 * Check-in surveys: settings, sending one by hand, the answers per customer and conversation, the
 * CSAT/NPS summary, and the public side — the page a link opens (`/s/:token`: a plain HTML form,
 * no sign-in, no script) and the JSON answer endpoint.
 */
export const surveyRoutes: RouteModule = (app, ctx) => {
  const { db } = ctx;
  const delivery = { publicUrl: ctx.config.publicUrl, connectorFor };

  app.get('/api/settings/surveys', { config: { access: 'workspace:read' }, schema: { tags, summary: 'When check-ins are sent', response: { 200: SurveySettings } } }, async (req) => {
    const { workspaceId } = actorOf(req);
    return (await db.tenant(workspaceId, (tx) => readSurveySettings(tx, workspaceId))) as never;
  });

  app.put(
    '/api/settings/surveys',
    { config: { access: 'workspace:manage' }, schema: { tags, summary: 'Set when check-ins are sent (after resolution, on a schedule)', body: SurveySettings, response: { 200: SurveySettings } } },
    async (req) => {
      const { workspaceId } = actorOf(req);
      await setWorkspaceSetting(db, workspaceId, 'surveys', req.body);
      return (await db.tenant(workspaceId, (tx) => readSurveySettings(tx, workspaceId))) as never;
    },
  );

  app.post(
    '/api/conversations/:id/surveys',
    { config: { access: 'conversations:reply' }, schema: { tags, summary: 'Send a check-in to the conversation’s customer now', params: IdParams, body: SurveySend, response: { 201: SurveyView } } },
    async (req, reply) => {
      const actor = actorOf(req);
      const now = ctx.clock.now();
      const sent = await inWorkspace(ctx, actor.workspaceId, now, (work) => sendSurvey(work, actor, { conversationId: req.params.id, kind: req.body.kind, trigger: 'manual' }, delivery));
      const list = await db.tenant(actor.workspaceId, (tx) => listConversationSurveys(tx, actor.workspaceId, req.params.id, now));
      return reply.status(201).send(list.find((s) => s.id === sent.surveyId) as never);
    },
  );

  app.get(
    '/api/conversations/:id/surveys',
    { config: { access: 'customers:read' }, schema: { tags, summary: "The conversation's check-ins and answers", params: IdParams, response: { 200: Type.Array(SurveyView) } } },
    async (req) => {
      const { workspaceId } = actorOf(req);
      return (await db.tenant(workspaceId, (tx) => listConversationSurveys(tx, workspaceId, req.params.id, ctx.clock.now()))) as never;
    },
  );

  app.get(
    '/api/customers/:id/surveys',
    { config: { access: 'customers:read' }, schema: { tags, summary: "The customer's check-ins and answers", params: IdParams, response: { 200: Type.Array(SurveyView) } } },
    async (req) => {
      const { workspaceId } = actorOf(req);
      return (await db.tenant(workspaceId, (tx) => listCustomerSurveys(tx, workspaceId, req.params.id, ctx.clock.now()))) as never;
    },
  );

  app.get(
    '/api/surveys/summary',
    { config: { access: 'reports:read' }, schema: { tags, summary: 'CSAT and NPS over the last days (default 30), drills left out', querystring: SurveySummaryQuery, response: { 200: SurveySummary } } },
    async (req) => {
      const { workspaceId } = actorOf(req);
      return (await db.tenant(workspaceId, (tx) => surveySummary(tx, workspaceId, ctx.clock.now(), req.query.days ?? 30))) as never;
    },
  );

  app.post(
    '/api/surveys/:token',
    {
      config: { access: 'public', rateLimit: PUBLIC_RATE },
      schema: { tags, summary: 'Answer a survey (CSAT 1–5, NPS 0–10, comment ≤ 2,000): twice 409, expired 410', params: SurveyTokenParams, body: SurveyAnswer, response: { 200: Type.Object({ ok: Type.Literal(true) }), 410: Problem } },
    },
    async (req) => {
      try {
        await answerSurvey(ctx, req.params.token, req.body);
        return { ok: true as const };
      } catch (err) {
        if (err instanceof SurveyExpiredError) throw new AppError('GONE', 'This survey link has expired');
        throw err;
      }
    },
  );

  // The page a survey link opens: a plain HTML form posting back to itself (works without script).
  app.register(async (page) => {
    page.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 16_384 }, (_req, body, done) => {
      done(null, Object.fromEntries(new URLSearchParams(String(body))));
    });
    const html = (status: number, state: SurveyPageState) => ({ status, body: renderSurveyPage(state) });
    const TokenOnly = Type.Object({ token: Type.String({ minLength: 1, maxLength: 200 }) });

    const showFor = async (token: string): Promise<{ status: number; body: string }> => {
      const s = /^[A-Za-z0-9_-]{20,100}$/.test(token) ? await findSurveyByToken(ctx, token, ctx.clock.now()) : null;
      if (!s) return html(404, { kind: 'not_found' });
      if (s.state === 'answered') return html(409, { kind: 'answered' });
      if (s.state === 'expired') return html(410, { kind: 'expired' });
      return html(200, { kind: 'form', survey: s.kind, token });
    };

    page.get('/s/:token', { config: { access: 'public', rateLimit: PUBLIC_RATE }, schema: { hide: true, params: TokenOnly } }, async (req, reply) => {
      const r = await showFor((req.params as { token: string }).token);
      return reply.status(r.status).header('cache-control', 'no-store').header('referrer-policy', 'no-referrer').type('text/html; charset=utf-8').send(r.body);
    });

    page.post('/s/:token', { config: { access: 'public', rateLimit: PUBLIC_RATE }, schema: { hide: true, params: TokenOnly } }, async (req, reply) => {
      const send = (status: number, body: string) => reply.status(status).header('cache-control', 'no-store').type('text/html; charset=utf-8').send(body);
      const form = (req.body && typeof req.body === 'object' ? req.body : {}) as Record<string, string>;
      const score = /^\d{1,2}$/.test(form.score ?? '') ? Number(form.score) : NaN;
      const comment = typeof form.comment === 'string' ? form.comment : undefined;
      const token = (req.params as { token: string }).token;
      try {
        await answerSurvey(ctx, token, { score, ...(comment !== undefined ? { comment } : {}) });
        return send(200, renderSurveyPage({ kind: 'thanks' }));
      } catch (err) {
        if (err instanceof SurveyExpiredError) return send(410, renderSurveyPage({ kind: 'expired' }));
        if (!isAppError(err)) throw err;
        if (err.code === 'NOT_FOUND') return send(404, renderSurveyPage({ kind: 'not_found' }));
        if (err.code === 'CONFLICT') return send(409, renderSurveyPage({ kind: 'answered' }));
        const s = await findSurveyByToken(ctx, token, ctx.clock.now());
        if (!s) return send(404, renderSurveyPage({ kind: 'not_found' }));
        const error = Number.isNaN(score) ? 'Please choose a score.' : err.message;
        return send(400, renderSurveyPage({ kind: 'form', survey: s.kind, token, error, ...(Number.isNaN(score) ? {} : { score }), ...(comment !== undefined ? { comment } : {}) }));
      }
    });
  });
};
