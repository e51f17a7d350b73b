import { Type } from 'typebox';
import { completeSetup, needsSetup, signIn } from '../../modules/access/index.ts';
import { SetupBody, SetupStatus } from '../../contracts/index.ts';
import type { RouteModule } from './types.ts';
import { setSessionCookie } from './session-cookie.ts';

export const systemRoutes: RouteModule = (app, ctx) => {
  app.get('/healthz', { config: { access: 'public' }, schema: { hide: true } }, async () => ({ ok: true }));

  // Ready means: the database answers. Load balancers stop sending traffic while it does not.
  app.get('/readyz', { config: { access: 'public' }, schema: { hide: true } }, async (req, reply) => {
    try {
      await ctx.db.ping();
      return { ok: true, database: ctx.db.kind };
    } catch (err) {
      req.log.warn({ err }, 'readiness check failed');
      return reply.status(503).send({ ok: false, database: ctx.db.kind });
    }
  });

  app.get('/api/setup', { config: { access: 'public' }, schema: { tags: ['setup'], summary: 'Whether the first admin still has to be created', response: { 200: SetupStatus } } }, async () => ({
    needsSetup: await needsSetup(ctx.db),
  }));

  app.post(
    '/api/setup',
    {
      config: { access: 'public', rateLimit: { max: ctx.config.loginRateLimitPerMinute, timeWindow: '1 minute' } },
      schema: { tags: ['setup'], summary: 'Create the first workspace and its admin with the one-time setup token', body: SetupBody, response: { 200: Type.Object({ ok: Type.Literal(true), csrfToken: Type.String() }) } },
    },
    async (req, reply) => {
      const { slug } = await completeSetup(ctx.db, ctx.clock, req.body);
      const session = await signIn(ctx.db, ctx.clock, { email: req.body.email, password: req.body.password, workspace: slug, ttlHours: ctx.config.sessionTtlHours, userAgent: req.headers['user-agent'], ip: req.ip });
      setSessionCookie(reply, ctx, session.sessionToken, session.expiresAt);
      return { ok: true as const, csrfToken: session.csrfToken };
    },
  );
};
