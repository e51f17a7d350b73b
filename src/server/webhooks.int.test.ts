import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { signWebhook } from '../modules/channels/index.ts';
import { PipelineRunner, defaultStages } from '../modules/ingestion/index.ts';
import { silentLogger } from '../platform/logger/index.ts';
import { createTestApp, seedWorkspace, signInAs, type TestApp } from './testing.ts';

const SECRET = 'whsec_0123456789abcdef0123456789abcdef';

describe('signed webhook channel over HTTP', () => {
  let t: TestApp;
  let key: string;
  let channelId: string;
  const count = async (sql: string) => Number((await t.ctx.db.exec(sql)).rows[0]!.n);
  const post = (body: string, headers: Record<string, string>, k = key) =>
    t.app.inject({ method: 'POST', url: `/api/hooks/${k}`, headers: { 'content-type': 'application/json', ...headers }, payload: body });
  const signed = (body: string, id: string, at = t.clock.now().getTime() / 1000) => signWebhook(SECRET, at, body, id);
  const body = (id: string, extra: Record<string, unknown> = {}) =>
    JSON.stringify({ items: [{ id, text: `my Acme order ${id} is late`, createdAt: '2026-01-05T09:12:44Z', author: { id: 'u1', handle: 'kay', followers: 312 }, ...extra }] });

  before(async () => {
    t = await createTestApp();
    const ws = await seedWorkspace(t.ctx, 'hooks');
    const admin = await signInAs(t, ws.members.admin.email);
    const res = await t.app.inject({ method: 'POST', url: '/api/channels', headers: admin.headers, payload: { kind: 'webhook', name: 'Brand monitor', secrets: { signingSecret: SECRET } } });
    assert.equal(res.statusCode, 201, res.body);
    key = res.json().publicKey;
    channelId = res.json().id;
    assert.deepEqual(res.json().secretNames, ['signingSecret'], 'the API names secrets, never shows them');
    assert.ok(!res.body.includes(SECRET));
  });
  after(() => t.close());

  it('accepts a signed delivery only after committing it, and the pipeline makes it a mention', async () => {
    const b = body('v-1');
    const res = await post(b, signed(b, 'd-1'));
    assert.equal(res.statusCode, 202, res.body);
    assert.equal(res.json().added, 1);
    assert.equal(await count(`select count(*)::int as n from raw_items where external_id = 'v-1'`), 1);
    await new PipelineRunner(t.ctx.db, defaultStages, t.ctx.bus, t.clock, silentLogger()).drain();
    assert.equal(await count(`select count(*)::int as n from mentions where external_id = 'v-1' and author_followers = 312`), 1);
  });

  it('a replayed delivery is answered as a duplicate and stored once', async () => {
    const b = body('v-1');
    const res = await post(b, signed(b, 'd-1'));
    assert.equal(res.statusCode, 200);
    assert.equal(res.json().status, 'duplicate');
    assert.equal(await count(`select count(*)::int as n from raw_items where external_id = 'v-1'`), 1);
  });

  it('unsigned, badly signed, stale: 401 problem, nothing stored, counted in health', async () => {
    const b = body('v-evil');
    const unsigned = await post(b, {});
    assert.equal(unsigned.statusCode, 401);
    assert.equal(unsigned.json().code, 'BAD_SIGNATURE');
    const tampered = await post(body('v-evil2'), signed(b, 'd-2'));
    assert.equal(tampered.statusCode, 401);
    const wrongKey = await post(b, signWebhook('not-the-secret-at-all-0000000000', t.clock.now().getTime() / 1000, b, 'd-3'));
    assert.equal(wrongKey.statusCode, 401);
    const stale = await post(b, signed(b, 'd-4', t.clock.now().getTime() / 1000 - 3600));
    assert.equal(stale.statusCode, 401);
    assert.equal(await count(`select count(*)::int as n from raw_items where external_id like 'v-evil%'`), 0);
    assert.ok((await count(`select count(*)::int as n from channel_failures where channel_id = '${channelId}'`)) >= 4);
  });

  it('a malformed payload: 400 with the field path, nothing stored, counted in health', async () => {
    const b = JSON.stringify({ items: [{ id: 'v-bad', text: 42, author: {} }] });
    const res = await post(b, signed(b, 'd-5'));
    assert.equal(res.statusCode, 400);
    assert.equal(res.headers['content-type'], 'application/problem+json; charset=utf-8');
    assert.ok(res.json().errors.some((e: { path: string }) => e.path.startsWith('/items/0/')), res.body);
    assert.equal(await count(`select count(*)::int as n from raw_items where external_id = 'v-bad'`), 0);
    const health = (await t.ctx.db.exec(`select health from channels where id = '${channelId}'`)).rows[0]!.health as Record<string, unknown>;
    assert.equal(health.problem, 'bad_payload');
  });

  it('a huge payload: 413; an unknown key: 404', async () => {
    const huge = 'x'.repeat(6 * 1024 * 1024);
    const res = await post(huge, signed(huge, 'd-6'));
    assert.equal(res.statusCode, 413);
    const unknown = await post(body('v-2'), signed(body('v-2'), 'd-7'), 'ch_unknownunknownunknown');
    assert.equal(unknown.statusCode, 404);
  });

  it('channel health and failures are readable through the API', async () => {
    const ws2 = await seedWorkspace(t.ctx, 'hooks2');
    const agent = await signInAs(t, ws2.members.agent.email);
    const other = await t.app.inject({ url: `/api/channels/${channelId}/failures`, headers: agent.headers });
    assert.equal(other.statusCode, 404, 'another workspace sees nothing');
  });
});
