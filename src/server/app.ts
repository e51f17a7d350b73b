import Fastify from 'fastify';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import { TypeBoxValidatorCompiler, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { randomUUID } from 'node:crypto';
import type { AppContext } from './context.ts';
import { errorHandler, problemOf, sendProblem } from './problem.ts';
import { registerAuth } from './auth.ts';
import { routeModules } from './routes/index.ts';

import type { App } from './routes/types.ts';

const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

/**
 * The HTTP application: Fastify with TypeBox validation on every route, problem+json errors,
 * auth before validation, security headers, body limits, an OpenAPI 3.1 document. Routes live in
 * routes/<module>.ts and call the modules; they hold no business logic.
 */
export const buildApp = async (ctx: AppContext): Promise<App> => {
  const app = Fastify({
    loggerInstance: ctx.log,
    bodyLimit: ctx.config.bodyLimitBytes,
    trustProxy: ctx.config.trustProxy,
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    },
    routerOptions: { ignoreTrailingSlash: true },
    ajv: { customOptions: { removeAdditional: false, coerceTypes: false } },
  }).withTypeProvider<TypeBoxTypeProvider>() as unknown as App;
  app.setValidatorCompiler(TypeBoxValidatorCompiler);

  app.addHook('onSend', async (req, reply) => {
    reply.header('x-request-id', req.id);
  });

  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'https:'],
        connectSrc: ["'self'"],
        fontSrc: ["'self'", 'data:'],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        frameAncestors: ["'none'"],
        formAction: ["'self'"],
      },
    },
    crossOriginResourcePolicy: { policy: 'same-site' },
  });
  await app.register(cookie);
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: (req) => {
      const p = problemOf('RATE_LIMITED', req.id, 'Too many attempts; wait a minute and try again');
      return Object.assign(new Error(p.detail), { statusCode: 429, code: 'RATE_LIMITED' });
    },
  });
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'Lookout API', version: '0.1.0', description: 'Social customer-support mission control. Authenticate with the session cookie (+ x-csrf-token) or `Authorization: Bearer lk_…`.' },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'lookout_session' },
          token: { type: 'http', scheme: 'bearer' },
        },
      },
      security: [{ session: [] }, { token: [] }],
    },
  });

  // The API speaks JSON only; routes that need another body (webhooks' raw bytes) add their own parser.
  app.removeContentTypeParser('text/plain');
  app.setErrorHandler(errorHandler);
  app.setNotFoundHandler((req, reply) => sendProblem(reply, problemOf('NOT_FOUND', req.id, `No route ${req.method} ${req.url.split('?')[0]}`)));

  registerAuth(app, ctx);
  for (const register of routeModules) await register(app, ctx);

  app.get('/api/openapi.json', { config: { access: 'public' }, schema: { hide: true } }, async () => app.swagger());
  return app;
};
