import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../platform/errors/index.ts';
import { actorCan, authenticateSession, authenticateToken, type Actor, type Permission } from '../modules/access/index.ts';
import type { AppContext } from './context.ts';

export const SESSION_COOKIE = 'lookout_session';
export const CSRF_HEADER = 'x-csrf-token';

/** What a route declares: the permission it needs, 'public', or 'signed-in' (any role, e.g. /api/session). */
export type RouteAccess = Permission | 'public' | 'signed-in';

/** Every route with what it requires: the authorization matrix test walks this list. */
export interface RouteEntry {
  method: string;
  url: string;
  access: RouteAccess;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: RouteAccess;
  }
  interface FastifyInstance {
    routeEntries: RouteEntry[];
  }
  interface FastifyRequest {
    actor: Actor | null;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The signed-in actor of a request whose route required one. */
export const actorOf = (req: FastifyRequest): Actor => {
  if (!req.actor) throw new AppError('UNAUTHENTICATED', 'Sign in first');
  return req.actor;
};

/**
 * Authentication and authorization run before the body is parsed or validated, so a caller
 * without the right gets 401/403 and learns nothing about the route's schema. Every route must
 * declare `config.access`; the server refuses to start otherwise.
 */
export const registerAuth = (app: FastifyInstance, ctx: AppContext): void => {
  app.decorateRequest('actor', null);
  app.decorate('routeEntries', [] as RouteEntry[]);

  app.addHook('onRoute', (route) => {
    const access = (route.config as { access?: RouteAccess } | undefined)?.access;
    // Fastify adds HEAD for GET routes itself; they inherit the GET route's config.
    if (!access && !route.url.startsWith('/assets') && route.method !== 'HEAD') {
      throw new Error(`Route ${String(route.method)} ${route.url} does not declare config.access`);
    }
    for (const method of [route.method].flat()) if (access && method !== 'HEAD') app.routeEntries.push({ method, url: route.url, access });
  });

  app.addHook('onRequest', async (req) => {
    const access = req.routeOptions.config.access;
    if (!access || access === 'public') return;

    const authz = req.headers.authorization;
    if (authz) {
      const [scheme, token] = authz.split(' ');
      if (scheme?.toLowerCase() !== 'bearer' || !token) throw new AppError('UNAUTHENTICATED', 'Use Authorization: Bearer <token>');
      const actor = await authenticateToken(ctx.db, ctx.clock, token);
      if (!actor) throw new AppError('UNAUTHENTICATED', 'Unknown, revoked or expired API token');
      req.actor = actor;
    } else {
      const cookie = req.cookies[SESSION_COOKIE];
      if (!cookie) throw new AppError('UNAUTHENTICATED', 'Sign in first');
      const found = await authenticateSession(ctx.db, ctx.clock, cookie);
      if (!found.ok) {
        throw found.reason === 'expired' ? new AppError('SESSION_EXPIRED', 'Your session has expired; sign in again') : new AppError('UNAUTHENTICATED', 'Sign in first');
      }
      req.actor = found.actor;
      // Cookies ride along on cross-site requests; the CSRF token in a header does not.
      if (!SAFE_METHODS.has(req.method) && req.headers[CSRF_HEADER] !== found.actor.csrfToken) {
        throw new AppError('CSRF_FAILED', `State-changing requests need the ${CSRF_HEADER} header from GET /api/session`);
      }
    }
    req.log = req.log.child({ workspaceId: req.actor.workspaceId });
    if (access !== 'signed-in' && !actorCan(req.actor, access)) {
      throw new AppError('FORBIDDEN', `Your role (${req.actor.role}) does not allow ${access}`);
    }
  });
};
