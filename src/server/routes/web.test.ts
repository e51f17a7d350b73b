import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { createWebRoutes } from './web.ts';
import { createTestApp, type TestApp } from '../testing.ts';

const appServing = async (dist: string): Promise<FastifyInstance> => {
  const app = Fastify();
  await createWebRoutes(dist)(app as never, {} as never);
  await app.ready();
  return app;
};

describe('serving the web console', () => {
  let dist: string;
  let app: FastifyInstance;
  before(async () => {
    dist = mkdtempSync(path.join(tmpdir(), 'lookout-web-'));
    mkdirSync(path.join(dist, 'assets'));
    writeFileSync(path.join(dist, 'index.html'), '<!doctype html><div id="root"></div><script type="module" src="/assets/index-abc123.js"></script>');
    writeFileSync(path.join(dist, 'assets/index-abc123.js'), 'console.log(1)');
    writeFileSync(path.join(dist, 'favicon.svg'), '<svg/>');
    writeFileSync(path.join(dist, '.build-stamp'), 'x');
    app = await appServing(dist);
  });
  after(async () => {
    await app.close();
    rmSync(dist, { recursive: true, force: true });
  });

  it('serves index.html at / and never lets it be cached', async () => {
    const res = await app.inject({ url: '/' });
    assert.equal(res.statusCode, 200);
    assert.match(String(res.headers['content-type']), /text\/html/);
    assert.equal(res.headers['cache-control'], 'no-cache');
    assert.match(res.body, /id="root"/);
  });

  it('answers deep links with index.html so the console router can take them', async () => {
    for (const url of ['/settings/members', '/inbox?queue=mine', '/setup?token=abc']) {
      const res = await app.inject({ url });
      assert.equal(res.statusCode, 200, url);
      assert.match(res.body, /id="root"/, url);
    }
  });

  it('caches hashed assets for a year', async () => {
    const res = await app.inject({ url: '/assets/index-abc123.js' });
    assert.equal(res.statusCode, 200);
    assert.match(String(res.headers['cache-control']), /max-age=31536000/);
    assert.match(String(res.headers['cache-control']), /immutable/);
  });

  it('serves top-level files but not dot files, and never a path outside the build', async () => {
    assert.equal((await app.inject({ url: '/favicon.svg' })).statusCode, 200);
    const stamp = await app.inject({ url: '/.build-stamp' });
    assert.match(stamp.body, /id="root"/, 'dot files are not served');
    const escape = await app.inject({ url: '/assets/..%2f..%2fpackage.json' });
    assert.notEqual(escape.statusCode, 200);
  });

  it('keeps unknown API paths and missing assets a 404, not the SPA page', async () => {
    const api = await app.inject({ url: '/api/nothing-here' });
    assert.equal(api.statusCode, 404);
    assert.match(String(api.headers['content-type']), /application\/problem\+json/);
    assert.equal(api.json().code, 'NOT_FOUND');
    assert.equal((await app.inject({ url: '/assets/missing-123.js' })).statusCode, 404);
  });

  it('says how to build the console when web/dist is missing', async () => {
    const empty = mkdtempSync(path.join(tmpdir(), 'lookout-web-empty-'));
    const bare = await appServing(empty);
    try {
      const res = await bare.inject({ url: '/' });
      assert.equal(res.statusCode, 503);
      assert.match(String(res.headers['content-type']), /text\/plain/);
      assert.match(res.body, /npm run build:web/);
      assert.equal((await bare.inject({ url: '/api/nothing' })).json().code, 'NOT_FOUND');
    } finally {
      await bare.close();
      rmSync(empty, { recursive: true, force: true });
    }
  });
});

describe('the console inside the real app', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp();
  });
  after(() => t.close());

  it('registers with every route declaring its access, under the Content-Security-Policy', async () => {
    const res = await t.app.inject({ url: '/settings/members' });
    assert.ok([200, 503].includes(res.statusCode), `got ${res.statusCode}`);
    assert.match(String(res.headers['content-security-policy']), /script-src 'self'/);
    assert.equal((await t.app.inject({ url: '/api/nothing-here' })).json().code, 'NOT_FOUND');
  });
});
