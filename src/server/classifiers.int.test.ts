import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, seedWorkspace, signInAs, type Credentials, type TestApp } from './testing.ts';
import { acceptItems, PipelineRunner } from '../modules/ingestion/index.ts';
import { silentLogger } from '../platform/logger/index.ts';
import { createStages } from '../worker/stages.ts';

const billing = ['I was charged twice this month', 'refund my payment please', 'why is my invoice so high', 'the card payment failed again', 'cancel the extra charge on my bill', 'you billed me for a plan I never ordered', 'where is my refund', 'my invoice shows the wrong amount'];
const shipping = ['my parcel has not arrived', 'the delivery is late again', 'tracking number does not work', 'package arrived damaged', 'when will my order ship', 'courier left my box at the wrong address', 'order stuck in transit for a week', 'the shipment never came'];
const oos = ['what a lovely sunset tonight', 'who won the football match', 'recipe for banana bread', 'my cat is sleeping on the keyboard', 'best hiking trails near me', 'the new album is great'];
const variants = (texts: string[], label: string) => texts.flatMap((t) => [`${t}`, `${t}!!`, `hey, ${t}`].map((text) => ({ text, label })));
const examples = [...variants(billing, 'billing'), ...variants(shipping, 'shipping'), ...oos.flatMap((t) => [{ text: t, label: 'oos' }, { text: `${t} :)`, label: 'oos' }])];

describe('custom classifiers over HTTP and in the pipeline', () => {
  let t: TestApp;
  let admin: Credentials;
  let agent: Credentials;
  let other: Credentials;
  let workspaceId: string;
  let channelId: string;
  let classifierId: string;
  let seq = 0;

  const deliver = async (texts: string[]) => {
    const items = texts.map((text) => {
      seq++;
      return { externalId: `m${seq}`, kind: 'post' as const, visibility: 'public' as const, text, authoredAt: new Date(), author: { externalId: `u${seq}`, handle: `u${seq}` }, raw: {} };
    });
    await acceptItems(t.ctx.db, { workspaceId, channelId, items });
    await new PipelineRunner(t.ctx.db, createStages({ clock: t.clock, log: silentLogger() }), t.ctx.bus, t.clock, silentLogger()).drain();
    return items.map((i) => i.externalId);
  };
  const triageOf = async (externalId: string) =>
    (await t.ctx.db.exec(`select triage from mentions where external_id = '${externalId}'`)).rows[0]!.triage as { custom?: Record<string, { label: string | null; confidence: number }> };

  before(async () => {
    t = await createTestApp();
    const ws = await seedWorkspace(t.ctx, 'clf');
    workspaceId = ws.id;
    admin = await signInAs(t, ws.members.admin.email);
    agent = await signInAs(t, ws.members.agent.email);
    other = await signInAs(t, (await seedWorkspace(t.ctx, 'clf-other')).members.admin.email);
    const ch = await t.app.inject({ method: 'POST', url: '/api/channels', headers: admin.headers, payload: { kind: 'webhook', name: 'hook', secrets: { signingSecret: 'x'.repeat(32) } } });
    channelId = ch.json().id;
  });
  after(() => t.close());

  it('trains from examples and answers with held-out metrics', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/classifiers', headers: admin.headers, payload: { name: 'topic', kind: 'topic', examples } });
    assert.equal(res.statusCode, 201, res.body);
    const body = res.json();
    classifierId = body.id;
    assert.equal(body.isActive, true);
    assert.deepEqual(body.metrics.labels, { billing: 24, shipping: 24, oos: 12 });
    assert.ok(body.metrics.heldOut >= 20 && typeof body.metrics.accuracy === 'number' && typeof body.metrics.abstainRate === 'number', res.body);
    const list = await t.app.inject({ url: '/api/classifiers', headers: agent.headers });
    assert.deepEqual(list.json().map((c: { id: string }) => c.id), [classifierId]);
    assert.equal(list.json()[0].model, undefined, 'the model stays on the server');
  });

  it('refuses too few examples or one label, naming where', async () => {
    const few = await t.app.inject({ method: 'POST', url: '/api/classifiers', headers: admin.headers, payload: { name: 'x', kind: 'intent', examples: examples.slice(0, 5) } });
    assert.equal(few.statusCode, 400);
    assert.match(few.json().errors.map((e: { path: string; message: string }) => `${e.path} ${e.message}`).join('; '), /^\/body\/examples needs at least 20 examples, got 5; \/body\/examples needs at least 2 labels/);
    const csv = await t.app.inject({ method: 'POST', url: '/api/classifiers', headers: admin.headers, payload: { name: 'x', kind: 'intent', csv: `text,label\n${billing.map((b) => `"${b}",billing`).join('\n')}` } });
    assert.equal(csv.statusCode, 400);
    assert.match(csv.json().errors.map((e: { path: string; message: string }) => `${e.path} ${e.message}`).join('; '), /\/body\/csv needs at least 20 examples.*\/body\/csv needs at least 2 labels/);
    const badLine = await t.app.inject({ method: 'POST', url: '/api/classifiers', headers: admin.headers, payload: { name: 'x', kind: 'intent', csv: 'refund please,billing\njust text\n' } });
    assert.deepEqual(badLine.json().errors.map((e: { path: string }) => e.path), ['/body/csv/line/2']);
  });

  it('an agent cannot train, retrain or delete', async () => {
    for (const [method, url, payload] of [['POST', '/api/classifiers', { name: 'a', kind: 'topic', examples }], ['POST', `/api/classifiers/${classifierId}/retrain-from-tags`, {}], ['DELETE', `/api/classifiers/${classifierId}`, undefined]] as const) {
      assert.equal((await t.app.inject({ method, url, headers: agent.headers, payload })).statusCode, 403, url);
    }
  });

  it("another workspace neither sees nor touches it", async () => {
    assert.deepEqual((await t.app.inject({ url: '/api/classifiers', headers: other.headers })).json(), []);
    for (const [method, url] of [['DELETE', `/api/classifiers/${classifierId}`], ['POST', `/api/classifiers/${classifierId}/activate`], ['POST', `/api/classifiers/${classifierId}/retrain-from-tags`]] as const) {
      const res = await t.app.inject({ method, url, headers: other.headers, payload: method === 'POST' ? {} : undefined });
      assert.equal(res.statusCode, 404, `${method} ${url}: ${res.body}`);
    }
  });

  it('labels new mentions in the pipeline, and abstains on out-of-scope text', async () => {
    const [inScope, outOfScope] = await deliver(['hello, you charged my card twice and I want a refund', 'who won the football match yesterday']);
    const a = (await triageOf(inScope!)).custom?.topic;
    assert.equal(a?.label, 'billing', JSON.stringify(a));
    const b = (await triageOf(outOfScope!)).custom?.topic;
    assert.ok(b, 'the classifier ran');
    assert.equal(b.label, null, JSON.stringify(b));
    assert.equal(typeof b.confidence, 'number');
  });

  it("retrains from the agents' tags and the new version applies to the next mentions", async () => {
    // Agents tagged a dozen conversations of each topic.
    const ids = await deliver([...billing.slice(0, 6).flatMap((b) => [b, `${b} :(`]), ...shipping.slice(0, 6).flatMap((s) => [s, `${s} :(`])]);
    await t.ctx.db.exec(`insert into tags (workspace_id, name) values ('${workspaceId}', 'billing'), ('${workspaceId}', 'shipping')`);
    await t.ctx.db.exec(`
      insert into conversation_tags (workspace_id, conversation_id, tag_id)
      select m.workspace_id, m.conversation_id, t.id from mentions m join tags t on t.workspace_id = m.workspace_id
      where m.external_id = any(array[${ids.map((i) => `'${i}'`).join(',')}])
        and t.name = case when m.external_id = any(array[${ids.slice(0, 12).map((i) => `'${i}'`).join(',')}]) then 'billing' else 'shipping' end`);
    const res = await t.app.inject({ method: 'POST', url: `/api/classifiers/${classifierId}/retrain-from-tags`, headers: admin.headers, payload: {} });
    assert.equal(res.statusCode, 201, res.body);
    assert.deepEqual(res.json().metrics.labels, { billing: 12, shipping: 12 });
    const list = (await t.app.inject({ url: '/api/classifiers', headers: admin.headers })).json();
    assert.deepEqual(list.map((c: { isActive: boolean }) => c.isActive).sort(), [false, true], 'the old version stays, inactive');
    const [next] = await deliver(['where is my parcel, the delivery is late']);
    assert.equal((await triageOf(next!)).custom?.topic?.label, 'shipping');
  });

  it('learns what needs a response from the team history, and refuses without one', async () => {
    const empty = await t.app.inject({ method: 'POST', url: '/api/classifiers/needs-response/retrain', headers: other.headers });
    assert.equal(empty.statusCode, 400);
    assert.equal(empty.json().errors[0].path, '/history');
    // Dismissed: the off-topic chatter; answered: every conversation with a customer problem.
    await deliver(oos.flatMap((o) => [o, `${o}!`]));
    await t.ctx.db.exec(`insert into triage_feedback (workspace_id, mention_id, needs_response) select workspace_id, id, false from mentions where text ~ '(sunset|football|banana|cat|hiking|album)'`);
    await t.ctx.db.exec(`update conversations set first_response_at = now() where id in (select conversation_id from mentions where text ~ '(charge|refund|invoice|parcel|delivery|order)')`);
    const res = await t.app.inject({ method: 'POST', url: '/api/classifiers/needs-response/retrain', headers: admin.headers });
    assert.equal(res.statusCode, 201, res.body);
    assert.equal(res.json().kind, 'needs_response');
    assert.ok(res.json().metrics.labels.respond > 0 && res.json().metrics.labels.dismiss >= 12, res.body);
    const [later] = await deliver(['my refund never arrived']);
    assert.ok((await triageOf(later!)).custom?.topic, 'custom classifiers still apply alongside');
  });

  it('deletes a version; new mentions no longer carry it', async () => {
    const active = (await t.app.inject({ url: '/api/classifiers', headers: admin.headers })).json().filter((c: { kind: string; isActive: boolean }) => c.kind === 'topic' && c.isActive);
    assert.equal((await t.app.inject({ method: 'DELETE', url: `/api/classifiers/${active[0].id}`, headers: admin.headers })).statusCode, 200);
    const [m] = await deliver(['you charged me twice']);
    assert.equal((await triageOf(m!)).custom, undefined);
  });
});
