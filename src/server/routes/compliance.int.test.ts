import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { deliver, seedChannel } from '../../modules/conversations/testing.ts';
import { FakeClock } from '../../platform/clock/index.ts';
import { schema } from '../../platform/db/index.ts';
import { createTestApp, seedWorkspace, signInAs, type Credentials, type SeededWorkspace, type TestApp } from '../testing.ts';

const CARD = '4111 1111 1111 1111';

describe('compliance guard over HTTP: settings, check, enforcement in the reply path and on approval', () => {
  let t: TestApp;
  let ws: SeededWorkspace;
  const as: Record<string, Credentials> = {};
  let conv = '';

  const call = (who: string, method: 'GET' | 'PUT' | 'POST', url: string, payload?: object) => t.app.inject({ method, url, headers: as[who]!.headers, ...(payload ? { payload } : {}) });
  const reply = (who: string, payload: object) => call(who, 'POST', `/api/conversations/${conv}/replies`, payload);
  const settings = async () => (await call('admin', 'GET', '/api/compliance')).json();
  const save = (who: string, body: object) => call(who, 'PUT', '/api/compliance', body);

  before(async () => {
    t = await createTestApp({ config: { LOOKOUT_LOGIN_RATE_LIMIT: '1000' } });
    ws = await seedWorkspace(t.ctx, 'acme');
    for (const role of ['admin', 'supervisor', 'agent', 'analyst'] as const) as[role] = await signInAs(t, ws.members[role].email);
    const x = await seedChannel(t.ctx, ws.id, 'x', 'Acme on X');
    await deliver(t.ctx, ws.id, x, [{ externalId: '1', text: 'you charged me twice!!', author: { externalId: '5', handle: 'kim_k', displayName: 'Kim Kay' } }]);
    conv = String((await t.ctx.db.exec(`select id from conversations`)).rows[0]!.id);
  });
  after(() => t.close());

  it('starts from safe defaults, readable by those who reply, writable only by admins', async () => {
    const s = await settings();
    assert.deepEqual(s.builtins, { cardNumber: 'block', accountNumber: 'block', email: 'warn', phone: 'warn', address: 'warn' });
    assert.equal(s.requireApprovalForPublicReply, false);
    assert.equal((await call('agent', 'GET', '/api/compliance')).statusCode, 200);
    assert.equal((await call('analyst', 'GET', '/api/compliance')).statusCode, 403);
    assert.equal((await save('supervisor', { ...s })).statusCode, 403);
  });

  it('refuses an invalid or catastrophic pattern with a 400 naming the field, and stores nothing', async () => {
    const s = await settings();
    const bad = await save('admin', { ...s, patterns: [{ name: 'Ticket', pattern: 'INC-\\d+', action: 'warn' }, { name: 'Broken', pattern: '([a-z]', action: 'block' }] });
    assert.equal(bad.statusCode, 400, bad.body);
    assert.equal(bad.json().code, 'VALIDATION_FAILED');
    assert.deepEqual(bad.json().errors.map((e: { path: string }) => e.path), ['/body/patterns/1/pattern']);
    const redos = await save('admin', { ...s, patterns: [{ name: 'Slow', pattern: '(a+)+$', action: 'block' }] });
    assert.equal(redos.statusCode, 400);
    assert.equal(redos.json().errors[0].path, '/body/patterns/0/pattern');
    const template = await save('admin', { ...s, movePrivateTemplate: 'DM us {{order.id}}' });
    assert.equal(template.json().errors[0].path, '/body/movePrivateTemplate');
    assert.deepEqual((await settings()).patterns, []);
  });

  it('saves patterns (with ids) and promises, keeps other settings, audits, and /check reports findings with spans', async () => {
    await t.app.inject({ method: 'PATCH', url: '/api/workspace', headers: as.admin!.headers, payload: { settings: { signReplies: true } } });
    const s = await settings();
    const saved = await save('admin', { ...s, patterns: [{ name: 'Internal ticket', pattern: '\\bINC-\\d{4,}\\b', action: 'block' }], forbiddenPromises: [{ phrase: 'full refund', action: 'warn' }] });
    assert.equal(saved.statusCode, 200, saved.body);
    assert.match(saved.json().patterns[0].id, /^[0-9a-f-]{36}$/);
    const ws2 = (await call('admin', 'GET', '/api/workspace')).json();
    assert.equal(ws2.settings.signReplies, true, 'other settings are left alone');
    assert.equal(ws2.settings.compliance.forbiddenPromises[0].phrase, 'full refund');
    const audit = (await call('admin', 'GET', '/api/audit')).json().map((a: { action: string }) => a.action);
    assert.ok(audit.includes('compliance.updated'));

    const text = `See INC-20931: a full refund to ${CARD}.`;
    const check = await call('agent', 'POST', '/api/compliance/check', { conversationId: conv, text, visibility: 'public' });
    assert.equal(check.statusCode, 200, check.body);
    const body = check.json();
    assert.equal(body.blocked, true);
    assert.equal(body.needsAcknowledgement, true);
    assert.deepEqual(body.findings.map((f: { kind: string; action: string }) => `${f.kind}:${f.action}`), ['pattern:block', 'forbiddenPromise:warn', 'cardNumber:block']);
    const card = body.findings.find((f: { kind: string }) => f.kind === 'cardNumber');
    assert.equal(text.slice(card.span.start, card.span.end), CARD);
    const test = await call('admin', 'POST', '/api/compliance/test-pattern', { pattern: 'ORD-\\d+', text: 'ORD-1 and ORD-22' });
    assert.deepEqual(test.json().matches.map((m: { text: string }) => m.text), ['ORD-1', 'ORD-22']);
    assert.match((await call('admin', 'POST', '/api/compliance/test-pattern', { pattern: '(x', text: 'x' })).json().problem, /not a valid regular expression/);
  });

  it('the reply path refuses a blocked reply with COMPLIANCE_BLOCKED, and a warned one until acknowledged', async () => {
    const blocked = await reply('agent', { text: `Your card ${CARD} was charged once.`, visibility: 'public', acknowledgeWarnings: true });
    assert.equal(blocked.statusCode, 422, blocked.body);
    assert.equal(blocked.json().code, 'COMPLIANCE_BLOCKED');
    assert.match(blocked.json().errors[0].message, /^cardNumber: .*…1111/);
    const count = async () => Number((await t.ctx.db.exec(`select count(*)::int as n from messages where direction = 'outbound'`)).rows[0]!.n);
    assert.equal(await count(), 0, 'nothing was queued');

    const warned = await reply('agent', { text: 'Write to billing@acme.test and we will sort it.', visibility: 'public' });
    assert.equal(warned.statusCode, 422);
    assert.equal(warned.json().code, 'COMPLIANCE_WARNING');
    assert.equal(await count(), 0);
    const acknowledged = await reply('agent', { text: 'Write to billing@acme.test and we will sort it.', visibility: 'public', acknowledgeWarnings: true });
    assert.equal(acknowledged.statusCode, 201, acknowledged.body);
    assert.equal(acknowledged.json().meta.complianceWarnings[0].kind, 'email');
    assert.equal(await count(), 1);
  });

  it('a private reply may carry contact details but never a card number', async () => {
    const dm = await seedChannel(t.ctx, ws.id, 'webchat', 'Site chat');
    await deliver(t.ctx, ws.id, dm, [{ externalId: 'c1', kind: 'chat', visibility: 'private', text: 'hello?', author: { externalId: 'v1', handle: 'visitor' } }]);
    const chat = String((await t.ctx.db.exec(`select c.id from conversations c join channels ch on ch.id = c.channel_id where ch.kind = 'webchat'`)).rows[0]!.id);
    const ok = await call('agent', 'POST', `/api/conversations/${chat}/replies`, { text: 'Call us on +44 20 7946 0958 or write to help@acme.test', visibility: 'private' });
    assert.equal(ok.statusCode, 201, ok.body);
    const card = await call('agent', 'POST', `/api/conversations/${chat}/replies`, { text: `Is your card ${CARD}?`, visibility: 'private' });
    assert.equal(card.json().code, 'COMPLIANCE_BLOCKED');
  });

  it('previews a draft as it will leave: variables, persona signature, thread parts and findings; nothing stored', async () => {
    await t.app.inject({ method: 'PATCH', url: `/api/members/${ws.members.agent.id}`, headers: as.admin!.headers, payload: { persona: 'JS' } });
    const outbound = async () => (await t.ctx.db.exec(`select count(*)::int as n from messages where direction = 'outbound'`)).rows[0]!.n;
    const before = await outbound();
    const long = `Hi {{customer.name}}, ${'we are checking the double charge with the bank right now and will update you here. '.repeat(6)}`;
    const preview = await call('agent', 'POST', `/api/conversations/${conv}/reply-preview`, { text: long, visibility: 'public' });
    assert.equal(preview.statusCode, 200, preview.body);
    const p = preview.json();
    assert.ok(p.body.startsWith('Hi Kim Kay, we are checking'), p.body);
    assert.ok(p.body.endsWith('^JS'), 'signed with the persona (the workspace signs replies)');
    assert.equal(p.length.willThread, true);
    assert.ok(p.parts.length >= 2, `parts: ${p.parts.length}`);
    assert.ok(p.parts.every((part: string) => part.length <= 280));
    assert.match(p.parts[0], /\(1\/\d\)$/);
    assert.deepEqual(p.findings, []);
    const missing = (await call('agent', 'POST', `/api/conversations/${conv}/reply-preview`, { text: 'Order {{order.id}}: card 4111111111111111', visibility: 'public' })).json();
    assert.deepEqual(missing.missing, ['order.id']);
    assert.equal(missing.blocked, true);
    assert.equal(await outbound(), before, 'a preview stores nothing');
  });

  it('a supervisor edit passes the guard too; a clean edit is approved and audited with the original', async () => {
    const s = await settings();
    await save('admin', { ...s, requireApprovalForPublicReply: true });
    const held = await reply('agent', { text: 'We will look into the double charge.', visibility: 'public' });
    assert.equal(held.json().outboxState, 'awaiting_approval');
    const listed = (await call('supervisor', 'GET', '/api/approvals')).json();
    assert.deepEqual(listed.map((a: { message: { id: string } }) => a.message.id), [held.json().id]);
    const refused = await call('supervisor', 'POST', `/api/approvals/${held.json().id}/approve`, { text: `Refunded to ${CARD}.` });
    assert.equal(refused.json().code, 'COMPLIANCE_BLOCKED');
    const approved = await call('supervisor', 'POST', `/api/approvals/${held.json().id}/approve`, { text: 'We have refunded the double charge.' });
    assert.equal(approved.statusCode, 200, approved.body);
    assert.equal(approved.json().body, 'We have refunded the double charge.');
    assert.equal(approved.json().outboxState, 'queued');
    const entry = (await call('admin', 'GET', '/api/audit')).json().find((a: { action: string }) => a.action === 'reply.approved');
    assert.equal(entry.data.edited, true);
    assert.ok(entry.data.originalBody.startsWith('We will look into the double charge.'), entry.data.originalBody);
    await save('admin', { ...s, requireApprovalForPublicReply: false });
  });
});

describe('compliance guard: business hours of the channel', () => {
  let t: TestApp;
  let conv = '';
  let agent: Credentials;
  // Monday 2026-01-05 20:00 in Paris: the channel's calendar (Mon–Fri 09:00–18:00) is closed.
  const clock = new FakeClock('2026-01-05T19:00:00Z');

  before(async () => {
    t = await createTestApp({ config: { LOOKOUT_LOGIN_RATE_LIMIT: '1000' }, clock });
    const ws = await seedWorkspace(t.ctx, 'acme');
    const admin = await signInAs(t, ws.members.admin.email);
    agent = await signInAs(t, ws.members.agent.email);
    const x = await seedChannel(t.ctx, ws.id, 'x', 'Acme on X');
    const hours = { start: '09:00', end: '18:00' };
    await t.ctx.db.tenant(ws.id, async (tx) => {
      const [cal] = await tx.insert(schema.businessCalendars).values({ workspaceId: ws.id, name: 'Paris office', definition: { timeZone: 'Europe/Paris', weekly: { mon: [hours], tue: [hours], wed: [hours], thu: [hours], fri: [hours] } } }).returning();
      await tx.insert(schema.rules).values({ workspaceId: ws.id, layer: 'channel', name: 'X hours', definition: { appliesTo: { channelIds: [x] }, calendarId: cal!.id } });
    });
    await deliver(t.ctx, ws.id, x, [{ externalId: '1', text: 'anyone there?', author: { externalId: '5', handle: 'kim_k' } }]);
    conv = String((await t.ctx.db.exec(`select id from conversations`)).rows[0]!.id);
    const s = (await t.app.inject({ url: '/api/compliance', headers: admin.headers })).json();
    const saved = await t.app.inject({ method: 'PUT', url: '/api/compliance', headers: admin.headers, payload: { ...s, businessHours: 'block' } });
    assert.equal(saved.statusCode, 200, saved.body);
  });
  after(() => t.close());

  const check = (visibility: 'public' | 'private') => t.app.inject({ method: 'POST', url: '/api/compliance/check', headers: agent.headers, payload: { conversationId: conv, text: 'We are on it!', visibility } });

  it('blocks a public reply while the calendar is closed, saying when it opens; allows it once open', async () => {
    const closed = (await check('public')).json();
    assert.equal(closed.blocked, true);
    assert.equal(closed.findings[0].kind, 'businessHours');
    assert.match(closed.findings[0].message, /opens Tue.*09:00/);
    const refused = await t.app.inject({ method: 'POST', url: `/api/conversations/${conv}/replies`, headers: agent.headers, payload: { text: 'We are on it!', visibility: 'public' } });
    assert.equal(refused.json().code, 'COMPLIANCE_BLOCKED');
    clock.advance(14 * 3_600_000); // Tuesday 10:00 in Paris
    assert.deepEqual((await check('public')).json().findings, []);
  });
});
