import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, seedWorkspace, signInAs, type Credentials, type SeededWorkspace, type TestApp } from '../testing.ts';

/** What the console's admin settings added to the API: rule order and triage weights. */
describe('settings API: rule order and triage weights', () => {
  let t: TestApp;
  let ws: SeededWorkspace;
  const as: Record<string, Credentials> = {};
  const call = (who: string, method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, payload?: object) =>
    t.app.inject({ method, url, headers: as[who]!.headers, ...(payload ? { payload } : {}) });
  const rule = (name: string) => ({ layer: 'data', name, definition: { when: { all: [{ field: 'isVip', op: 'is', value: true }] }, then: [{ type: 'add_tag', tag: name }] } });

  before(async () => {
    t = await createTestApp({ config: { LOOKOUT_LOGIN_RATE_LIMIT: '1000' } });
    ws = await seedWorkspace(t.ctx, 'acme');
    for (const role of ['admin', 'supervisor', 'agent'] as const) as[role] = await signInAs(t, ws.members[role].email);
  });
  after(() => t.close());

  it('reorders the data rules, refuses an order that leaves one out or names a stranger, and agents may not', async () => {
    const ids: string[] = [];
    for (const name of ['first', 'second', 'third']) {
      const r = await call('admin', 'POST', '/api/rules', rule(name));
      assert.equal(r.statusCode, 201, r.body);
      ids.push(r.json().id);
    }
    const reordered = await call('supervisor', 'POST', '/api/rules/reorder', { layer: 'data', ids: [ids[2], ids[0], ids[1]] });
    assert.equal(reordered.statusCode, 200, reordered.body);
    assert.deepEqual(reordered.json().map((r: { name: string; position: number }) => [r.name, r.position]), [['third', 0], ['first', 1], ['second', 2]]);
    const listed = await call('agent', 'GET', '/api/rules');
    assert.deepEqual(listed.json().map((r: { name: string }) => r.name), ['third', 'first', 'second'], 'the list follows the new order');

    const partial = await call('admin', 'POST', '/api/rules/reorder', { layer: 'data', ids: [ids[0], ids[1]] });
    assert.equal(partial.statusCode, 400);
    assert.match(JSON.stringify(partial.json().errors), /leaves out third/);
    const stranger = await call('admin', 'POST', '/api/rules/reorder', { layer: 'data', ids: [...ids, '00000000-0000-4000-8000-000000000009'] });
    assert.equal(stranger.statusCode, 400);
    assert.equal(stranger.json().errors[0].path, '/body/ids/3');
    assert.equal((await call('agent', 'POST', '/api/rules/reorder', { layer: 'data', ids })).statusCode, 403);
    assert.deepEqual((await call('agent', 'GET', '/api/rules')).json().map((r: { name: string }) => r.name), ['third', 'first', 'second'], 'refused orders changed nothing');
  });

  it('triage weights: defaults shown, an override saved without touching other settings, bad names refused, reset', async () => {
    const initial = await call('agent', 'GET', '/api/triage-weights');
    assert.equal(initial.statusCode, 200);
    assert.deepEqual(initial.json().override, {});
    assert.equal(initial.json().effective.vip, initial.json().defaults.vip);

    assert.equal((await call('admin', 'PATCH', '/api/workspace', { settings: { signReplies: true } })).statusCode, 200);
    const saved = await call('admin', 'PUT', '/api/triage-weights', { vip: 40, intent: { billing: 20 } });
    assert.equal(saved.statusCode, 200, saved.body);
    assert.equal(saved.json().effective.vip, 40);
    assert.equal(saved.json().effective.intent.billing, 20);
    assert.equal(saved.json().effective.intent.outage_report, initial.json().defaults.intent.outage_report, 'intents not named keep their default');
    const workspace = (await call('admin', 'GET', '/api/workspace')).json();
    assert.deepEqual(workspace.settings, { signReplies: true, triageWeights: { vip: 40, intent: { billing: 20 } } }, 'other settings are kept');

    const badName = await call('admin', 'PUT', '/api/triage-weights', { intent: { biling: 20 } });
    assert.equal(badName.statusCode, 400);
    assert.equal(badName.json().errors[0].path, '/body/intent/biling');
    const outOfRange = await call('admin', 'PUT', '/api/triage-weights', { vip: 500 });
    assert.equal(outOfRange.statusCode, 400);
    assert.match(outOfRange.json().errors[0].path, /vip/);
    assert.equal((await call('supervisor', 'PUT', '/api/triage-weights', { vip: 1 })).statusCode, 403, 'only admins change weights');

    const reset = await call('admin', 'DELETE', '/api/triage-weights');
    assert.equal(reset.statusCode, 200);
    assert.deepEqual(reset.json().override, {});
    assert.deepEqual((await call('admin', 'GET', '/api/workspace')).json().settings, { signReplies: true });
  });

  it('PATCH /api/workspace merges settings: other keys stay, null removes a key', async () => {
    const patch = (settings: object) => call('admin', 'PATCH', '/api/workspace', { settings });
    assert.equal((await patch({ alpha: { on: true } })).statusCode, 200);
    assert.equal((await patch({ beta: 2 })).statusCode, 200);
    let settings = (await call('admin', 'GET', '/api/workspace')).json().settings;
    assert.deepEqual(settings.alpha, { on: true }, 'a save of another key leaves this one');
    assert.equal(settings.beta, 2);
    assert.equal((await patch({ alpha: null })).statusCode, 200);
    settings = (await call('admin', 'GET', '/api/workspace')).json().settings;
    assert.equal('alpha' in settings, false);
    assert.equal(settings.beta, 2);
    assert.equal((await patch({ beta: null })).statusCode, 200);
  });
});
