import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { PACKAGE_ROOT } from '../../platform/db/index.ts';
import { problemOf, sendProblem } from '../problem.ts';
import type { RouteModule } from './types.ts';

/** Where `npm run build:web` writes the console (Vite's output, hashed files under assets/). */
export const WEB_DIST = path.join(PACKAGE_ROOT, 'web/dist');

const NOT_BUILT = [
  'Lookout is running, but its web console has not been built.',
  '',
  'Run `npm run build:web` (or `npm start`, which builds it when needed), then restart Lookout.',
  'The HTTP API is available under /api (OpenAPI document: /api/openapi.json).',
  '',
].join('\n');

/** Paths the console never owns: unknown ones stay a problem+json 404, not the SPA's index.html. */
const isReserved = (url: string): boolean => url === '/api' || url.startsWith('/api/') || url.startsWith('/assets/');

/**
 * Serves the built console: hashed assets cached for a year, index.html never cached (so a new
 * deploy is picked up on the next navigation), and index.html for every other GET path so the
 * console's own router can handle deep links like /settings/members. Registered last: every
 * specific route of the other modules wins over the catch-all.
 */
export const createWebRoutes = (dist: string): RouteModule => async (app) => {
  const isBuilt = existsSync(path.join(dist, 'index.html'));

  if (!isBuilt) {
    const notBuilt = async (req: FastifyRequest, reply: FastifyReply) => {
      if (isReserved(req.url.split('?')[0]!)) return sendProblem(reply, problemOf('NOT_FOUND', req.id, `No route GET ${req.url.split('?')[0]}`));
      return reply.status(503).type('text/plain; charset=utf-8').header('cache-control', 'no-store').send(NOT_BUILT);
    };
    app.get('/', { config: { access: 'public' }, schema: { hide: true } }, notBuilt);
    app.get('/*', { config: { access: 'public' }, schema: { hide: true } }, notBuilt);
    return;
  }

  // serve: false — we route ourselves, so every route declares its access like the rest of the API.
  await app.register(fastifyStatic, { root: dist, serve: false });
  // Top-level files (favicon, robots.txt) are served as they are; listed once, so no path from a
  // request is ever joined onto the file system here (sendFile confines itself to `root` too).
  const topLevelFiles = new Set(readdirSync(dist, { withFileTypes: true }).filter((e) => e.isFile() && !e.name.startsWith('.')).map((e) => e.name));

  const sendIndex = (reply: FastifyReply) => reply.header('cache-control', 'no-cache').sendFile('index.html', { cacheControl: false });

  app.get('/assets/*', { config: { access: 'public' }, schema: { hide: true } }, async (req, reply) => {
    const file = (req.params as { '*': string })['*'];
    return reply.sendFile(`assets/${file}`, { maxAge: '365d', immutable: true });
  });

  const spa = async (req: FastifyRequest, reply: FastifyReply) => {
    const pathname = req.url.split('?')[0]!;
    if (isReserved(pathname)) return sendProblem(reply, problemOf('NOT_FOUND', req.id, `No route GET ${pathname}`));
    const name = pathname.slice(1);
    if (topLevelFiles.has(name) && name !== 'index.html') return reply.sendFile(name, { maxAge: '1h' });
    return sendIndex(reply);
  };
  app.get('/', { config: { access: 'public' }, schema: { hide: true } }, spa);
  app.get('/*', { config: { access: 'public' }, schema: { hide: true } }, spa);
};

export const webRoutes: RouteModule = createWebRoutes(WEB_DIST);
