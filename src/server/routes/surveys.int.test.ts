import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { deliver, FakeConnector, seedChannel } from '../../modules/conversations/testing.ts';
import { silentLogger } from '../../platform/logger/index.ts';
import { createTestApp, seedWorkspace, signInAs, type Credentials, type SeededWorkspace, type TestApp } from '../testing.ts';
import { OutboxWorker } from '../../worker/outbox.ts';
import { SurveyScheduler } from '../../worker/survey-scheduler.ts';

describe('check-in surveys', () => {
  let t: TestApp;
  let ws: SeededWorkspace;
  let admin: Credentials;
  let agent: Credentials;
  let fakeX: FakeConnector;
  let x: string;
  const conv: Record<string, string> = {};
  const customer: Record<string, string> = {};
  const fakes = () => ({ x: fakeX, email: new FakeConnector('email', { maxLength: null, canThread: false, hasPrivateMessages: true }) });
  const scheduler = () => new SurveyScheduler({ ...t.ctx, log: silentLogger(), publicUrl: 'https://lookout.example', connectorFor: (k) => fakes()[k as 'x'] ?? null });
  const sql = async <T = Record<string, unknown>>(q: string, params: unknown[] = []) => (await t.ctx.db.exec(q, params)).rows as T[];
  const surveysOf = (conversationId: string) => sql<{ id: string; kind: string; trigger: string; message_id: string; state: string; score: number | null }>(`select * from surveys where conversation_id = $1 order by sent_at`, [conversationId]);
  const tokenIn = async (messageId: string) => {
    const [m] = await sql<{ body: string }>(`select body from messages where id = $1`, [messageId]);
    const match = /https?:\/\/[^/\s]+\/s\/([A-Za-z0-9_-]{40,})/.exec(m!.body);
    assert.ok(match, m!.body);
    return match[1]!;
  };
  const resolve = async (id: string, who: Credentials) => {
    const res = await t.app.inject({ method: 'PATCH', url: `/api/conversations/${id}`, headers: who.headers, payload: { status: 'resolved' } });
    assert.equal(res.statusCode, 200, res.body);
  };
  const resignIn = async () => {
    admin = await signInAs(t, ws.members.admin.email);
    agent = await signInAs(t, ws.members.agent.email);
  };

  before(async () => {
    t = await createTestApp();
    ws = await seedWorkspace(t.ctx, 'acme');
    await resignIn();
    fakeX = new FakeConnector('x');
    x = await seedChannel(t.ctx, ws.id, 'x', 'Acme on X');
    await deliver(t.ctx, ws.id, x, [
      { externalId: '1', text: 'where is my order', author: { externalId: '1', handle: 'kim' } },
      { externalId: '2', text: 'refund please', author: { externalId: '2', handle: 'lee' } },
      { externalId: '3', text: 'app is broken', author: { externalId: '3', handle: 'oli' } },
    ]);
    for (const r of await sql<{ id: string; customer_id: string; handle: string }>(
      `select c.id, c.customer_id, i.handle from conversations c join mentions m on m.conversation_id = c.id join identities i on i.id = m.identity_id`,
    )) {
      conv[r.handle] = r.id;
      customer[r.handle] = r.customer_id;
    }
    await sql(`update customers set opted_out = true where id = $1`, [customer.oli]);
  });
  after(() => t.close());

  it('after a resolution, one check-in leaves once the delay has passed — in the customer’s channel, through the outbox', async () => {
    const put = await t.app.inject({ method: 'PUT', url: '/api/settings/surveys', headers: admin.headers, payload: { afterResolution: 'csat', delayMinutes: 30 } });
    assert.equal(put.statusCode, 200, put.body);
    assert.equal(put.json().afterResolution, 'csat');
    const denied = await t.app.inject({ method: 'PUT', url: '/api/settings/surveys', headers: agent.headers, payload: { afterResolution: 'off', delayMinutes: 0 } });
    assert.equal(denied.statusCode, 403);

    await resolve(conv.kim!, agent);
    await resolve(conv.oli!, agent);
    const s = scheduler();
    assert.equal(await s.runOnce(), 0, 'not before the delay');
    t.clock.advance(29 * 60_000);
    assert.equal(await s.runOnce(), 0);
    t.clock.advance(60_000);
    assert.equal(await s.runOnce(), 1, 'Kim, not Oli: Oli opted out');
    assert.equal(await s.runOnce(), 0, 'once per resolution');
    const [survey] = await surveysOf(conv.kim!);
    assert.deepEqual([survey!.kind, survey!.trigger, survey!.state], ['csat', 'resolution', 'sent']);
    assert.equal((await surveysOf(conv.oli!)).length, 0);
    const token = await tokenIn(survey!.message_id);
    const [stored] = await sql<{ token_hash: string }>(`select token_hash from surveys where id = $1`, [survey!.id]);
    assert.notEqual(stored!.token_hash, token, 'only the hash is stored');
    assert.equal(stored!.token_hash.length, 64);

    await new OutboxWorker({ ...t.ctx, log: silentLogger() }, { connectors: fakes() }).drain();
    assert.equal(fakeX.sent.length, 1);
    assert.match(fakeX.sent[0]!.text, /^How did we do\? .* https:\/\/lookout\.example\/s\//);
    assert.equal(fakeX.sent[0]!.inReplyTo, '1', 'a reply in the customer’s thread (X has no DMs: public)');
  });

  it('answers: bad score 400, long comment 400, unknown 404, then stored once (twice 409)', async () => {
    const [survey] = await surveysOf(conv.kim!);
    const token = await tokenIn(survey!.message_id);
    const answer = (payload: object, tok = token) => t.app.inject({ method: 'POST', url: `/api/surveys/${tok}`, payload });
    assert.equal((await answer({ score: 6 })).statusCode, 400, 'CSAT is 1–5');
    assert.equal((await answer({ score: 0 })).statusCode, 400);
    assert.equal((await answer({ score: 4, comment: 'x'.repeat(2001) })).statusCode, 400);
    assert.equal((await answer({ score: 4 }, 'A'.repeat(43))).statusCode, 404);
    const ok = await answer({ score: 4, comment: 'Quick and kind, thanks' });
    assert.equal(ok.statusCode, 200, ok.body);
    assert.equal((await answer({ score: 5 })).statusCode, 409);
    const list = (await t.app.inject({ url: `/api/conversations/${conv.kim}/surveys`, headers: agent.headers })).json();
    assert.deepEqual(list.map((s: { score: number; comment: string; state: string }) => [s.state, s.score, s.comment]), [['answered', 4, 'Quick and kind, thanks']]);
    const byCustomer = (await t.app.inject({ url: `/api/customers/${customer.kim}/surveys`, headers: agent.headers })).json();
    assert.equal(byCustomer[0].id, list[0].id);
  });

  it('a manual NPS check-in expires: its link then answers 410', async () => {
    const res = await t.app.inject({ method: 'POST', url: `/api/conversations/${conv.lee}/surveys`, headers: agent.headers, payload: { kind: 'nps' } });
    assert.equal(res.statusCode, 201, res.body);
    assert.deepEqual([res.json().kind, res.json().trigger], ['nps', 'manual']);
    const token = await tokenIn((await surveysOf(conv.lee!))[0]!.message_id);
    const page = await t.app.inject({ url: `/s/${token}` });
    assert.equal(page.statusCode, 200);
    assert.match(page.headers['content-type'] as string, /text\/html/);
    assert.match(page.body, /<input type="radio" name="score" value="0"/);
    assert.match(page.body, /value="10"/);
    assert.doesNotMatch(page.body, /<script/);
    t.clock.advance(15 * 86_400_000);
    const late = await t.app.inject({ method: 'POST', url: `/api/surveys/${token}`, payload: { score: 9 } });
    assert.equal(late.statusCode, 410);
    assert.equal((await t.app.inject({ url: `/s/${token}` })).statusCode, 410);
    await resignIn();
  });

  it('the page answers without script: a form post stores the answer, the summary counts it', async () => {
    const res = await t.app.inject({ method: 'POST', url: `/api/conversations/${conv.kim}/surveys`, headers: agent.headers, payload: { kind: 'nps' } });
    const token = await tokenIn((await sql<{ message_id: string }>(`select message_id from surveys where id = $1`, [res.json().id]))[0]!.message_id);
    const form = (body: string) => t.app.inject({ method: 'POST', url: `/s/${token}`, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: body });
    const bad = await form('comment=hi');
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /Please choose a score/);
    const ok = await form('score=10&comment=Love+it');
    assert.equal(ok.statusCode, 200);
    assert.match(ok.body, /Thank you/);
    assert.equal((await form('score=3')).statusCode, 409);
    const summary = (await t.app.inject({ url: '/api/surveys/summary?days=60', headers: agent.headers })).json();
    assert.deepEqual([summary.nps.answered, summary.nps.score], [1, 100]);
    assert.deepEqual([summary.csat.answered, summary.csat.average, summary.csat.score], [1, 4, 100]);
    assert.equal(summary.csat.distribution[3], 1, 'one 4 (index 3 of 1–5)');
  });

  it('on a schedule: customers with a resolution in the period, never twice within it, never opted out', async () => {
    await t.app.inject({ method: 'PUT', url: '/api/settings/surveys', headers: admin.headers, payload: { afterResolution: 'off', delayMinutes: 0, schedule: { kind: 'nps', everyDays: 7 } } });
    await resolve(conv.lee!, agent);
    const s = scheduler();
    // Lee's last survey was 15 days ago (outside the period); Kim was surveyed today, and her resolution is 15 days old.
    assert.equal(await s.runOnce(), 1);
    const lee = await sql(`select 1 from surveys where customer_id = $1 and trigger = 'schedule'`, [customer.lee]);
    assert.equal(lee.length, 1);
    t.clock.advance(3 * 86_400_000);
    await resignIn();
    await t.app.inject({ method: 'PATCH', url: `/api/conversations/${conv.lee}`, headers: agent.headers, payload: { status: 'open' } });
    await sql(`update conversations set resolved_at = null where id = $1`, [conv.lee]);
    await resolve(conv.lee!, agent);
    assert.equal(await s.runOnce(), 0, 'Lee was surveyed 3 days ago: not again within 7 days');
    t.clock.advance(5 * 86_400_000);
    assert.equal(await s.runOnce(), 1, 'a new period, and a resolution 5 days ago in it');
    assert.equal((await sql(`select 1 from surveys where customer_id = $1`, [customer.oli])).length, 0, 'opted out: never');
  });
});
