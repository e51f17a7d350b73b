import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, seedWorkspace, signInAs, type Credentials, type TestApp } from './testing.ts';
import { acceptItems, PipelineRunner } from '../modules/ingestion/index.ts';
import { silentLogger } from '../platform/logger/index.ts';
import { createStages } from '../worker/stages.ts';

describe('rules, SLA policies and calendars over HTTP', () => {
  let t: TestApp;
  let admin: Credentials;
  let agent: Credentials;
  let workspaceId: string;

  before(async () => {
    t = await createTestApp();
    const ws = await seedWorkspace(t.ctx, 'rules');
    workspaceId = ws.id;
    admin = await signInAs(t, ws.members.admin.email);
    agent = await signInAs(t, ws.members.agent.email);
  });
  after(() => t.close());

  it('refuses a rule that cannot be evaluated, naming each problem and where', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/rules',
      headers: admin.headers,
      payload: { layer: 'data', name: 'broken', definition: { when: { all: [{ field: 'text', op: 'matches_regex', value: '(unclosed' }, { field: 'shoe_size', op: 'eq', value: 9 }] }, then: [] } },
    });
    assert.equal(res.statusCode, 400);
    const paths = res.json().errors.map((e: { path: string }) => e.path);
    assert.ok(paths.some((p: string) => p.startsWith('/body/definition/when/all/0')), paths.join(' '));
    assert.ok(paths.some((p: string) => p.startsWith('/body/definition/when/all/1')), paths.join(' '));
    assert.equal((await t.app.inject({ url: '/api/rules', headers: admin.headers })).json().length, 0, 'nothing saved');
  });

  it('an agent reads the rules but cannot change them', async () => {
    assert.equal((await t.app.inject({ url: '/api/rules', headers: agent.headers })).statusCode, 200);
    const res = await t.app.inject({ method: 'POST', url: '/api/rules', headers: agent.headers, payload: { layer: 'data', name: 'x', definition: { when: { all: [] }, then: [] } } });
    assert.equal(res.statusCode, 403);
  });

  it('tests a rule against a past mention and says why it fires', async () => {
    const ch = await t.app.inject({ method: 'POST', url: '/api/channels', headers: admin.headers, payload: { kind: 'webhook', name: 'hook', secrets: { signingSecret: 'x'.repeat(32) } } });
    await acceptItems(t.ctx.db, { workspaceId, channelId: ch.json().id, items: [{ externalId: 'm1', kind: 'post', visibility: 'public', text: 'I was charged twice, I want my money back', authoredAt: new Date(), author: { externalId: 'u', handle: 'u', followers: 50_000 }, raw: {} }] });
    await new PipelineRunner(t.ctx.db, createStages({ clock: t.clock, log: silentLogger() }), t.ctx.bus, t.clock, silentLogger()).drain();
    const mentionId = (await t.ctx.db.exec(`select id from mentions where external_id = 'm1'`)).rows[0]!.id;
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/rules/test',
      headers: admin.headers,
      payload: { name: 'big accounts', mentionId, definition: { when: { all: [{ field: 'followers', op: 'gte', value: 10_000 }] }, then: [{ type: 'add_tag', tag: 'influencer' }] } },
    });
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json().matched, true);
    assert.match(res.json().reasons.join(' '), /50,000/);
  });

  it('validates calendars and SLA policies when saved', async () => {
    const bad = await t.app.inject({ method: 'POST', url: '/api/business-calendars', headers: admin.headers, payload: { name: 'x', definition: { timeZone: 'Mars/Olympus', weekly: {} } } });
    assert.equal(bad.statusCode, 400);
    assert.ok(bad.json().errors[0].path.startsWith('/body/definition'));
    const cal = await t.app.inject({ method: 'POST', url: '/api/business-calendars', headers: admin.headers, payload: { name: 'Paris office', definition: { timeZone: 'Europe/Paris', weekly: { mon: [{ start: '09:00', end: '18:00' }] }, holidays: ['2026-12-25'] } } });
    assert.equal(cal.statusCode, 201, cal.body);
    const badPolicy = await t.app.inject({ method: 'POST', url: '/api/sla-policies', headers: admin.headers, payload: { name: 'p', definition: { targets: { firstResponse: -5 } } } });
    assert.equal(badPolicy.statusCode, 400);
    const policy = await t.app.inject({ method: 'POST', url: '/api/sla-policies', headers: admin.headers, payload: { name: 'VIP', calendarId: cal.json().id, definition: { criteria: { customerTiers: ['gold'] }, targets: { firstResponse: 30 } } } });
    assert.equal(policy.statusCode, 201, policy.body);
  });

  it('a channel rule that requires approval holds public replies in that channel for a supervisor', async () => {
    const ch = await t.app.inject({ method: 'POST', url: '/api/channels', headers: admin.headers, payload: { kind: 'mastodon', name: 'regulated', config: { instanceUrl: 'https://mastodon.example', acct: 'bank' }, secrets: { accessToken: 'token' } } });
    const rule = await t.app.inject({ method: 'POST', url: '/api/rules', headers: admin.headers, payload: { layer: 'channel', name: 'Regulated channel', definition: { appliesTo: { channelIds: [ch.json().id] }, requireApprovalForPublicReply: true } } });
    assert.equal(rule.statusCode, 201, rule.body);
    await acceptItems(t.ctx.db, { workspaceId, channelId: ch.json().id, items: [{ externalId: 'reg-1', kind: 'post', visibility: 'public', text: 'my account shows a wrong balance', authoredAt: new Date(), author: { externalId: 'r', handle: 'r' }, raw: {} }] });
    await new PipelineRunner(t.ctx.db, createStages({ clock: t.clock, log: silentLogger() }), t.ctx.bus, t.clock, silentLogger()).drain();
    const conversationId = (await t.ctx.db.exec(`select conversation_id from mentions where external_id = 'reg-1'`)).rows[0]!.conversation_id;
    const reply = await t.app.inject({ method: 'POST', url: `/api/conversations/${conversationId}/replies`, headers: agent.headers, payload: { text: 'We are checking your balance now.', visibility: 'public' } });
    assert.equal(reply.statusCode, 201, reply.body);
    assert.equal(reply.json().outboxState, 'awaiting_approval');
  });

  it('rules notify people (teams expanded) and send feature requests to the product team', async () => {
    const ws = (await t.app.inject({ url: '/api/session', headers: admin.headers })).json();
    const members = (await t.app.inject({ url: '/api/members', headers: admin.headers })).json() as { id: string; role: string }[];
    const supervisor = members.find((m) => m.role === 'supervisor')!;
    const rule = await t.app.inject({
      method: 'POST',
      url: '/api/rules',
      headers: admin.headers,
      payload: { layer: 'data', name: 'Ideas to product', definition: { when: { any: [{ field: 'text', op: 'contains', value: 'please add' }] }, then: [{ type: 'send_to_feedback' }, { type: 'notify', memberIds: [supervisor.id], message: 'a feature request' }] } },
    });
    assert.equal(rule.statusCode, 201, rule.body);
    const ch = await t.app.inject({ method: 'POST', url: '/api/channels', headers: admin.headers, payload: { kind: 'webhook', name: 'ideas', secrets: { signingSecret: 'z'.repeat(32) } } });
    await acceptItems(t.ctx.db, { workspaceId, channelId: ch.json().id, items: [{ externalId: 'idea-1', kind: 'post', visibility: 'public', text: 'please add dark mode to the app', authoredAt: new Date(), author: { externalId: 'i', handle: 'ida' }, raw: {} }] });
    await new PipelineRunner(t.ctx.db, createStages({ clock: t.clock, log: silentLogger() }), t.ctx.bus, t.clock, silentLogger()).drain();
    const feedback = await t.app.inject({ url: '/api/feedback', headers: admin.headers });
    assert.equal(feedback.statusCode, 200);
    assert.equal(feedback.json()[0].text, 'please add dark mode to the app');
    assert.equal(feedback.json()[0].ruleName, 'Ideas to product');
    const supCreds = await signInAs(t, `supervisor@rules.test`);
    const notes = (await t.app.inject({ url: '/api/notifications', headers: supCreds.headers })).json();
    assert.equal(notes[0].type, 'member.notified');
    assert.equal(notes[0].data.message, 'a feature request');
    assert.equal((await t.app.inject({ url: '/api/notifications', headers: agent.headers })).json().length, 0, 'only the person notified');
    assert.ok(ws.workspace.id);
  });
});
