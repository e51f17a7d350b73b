import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { deliver, FakeConnector, seedChannel } from '../../modules/conversations/testing.ts';
import { silentLogger } from '../../platform/logger/index.ts';
import { OutboxWorker } from '../../worker/outbox.ts';
import { createTestApp, seedWorkspace, signInAs, type Credentials, type SeededWorkspace, type TestApp } from '../testing.ts';

describe('replies, approvals and canned replies over HTTP', () => {
  let t: TestApp;
  let ws: SeededWorkspace;
  const as: Record<string, Credentials> = {};
  const conv: Record<string, string> = {};
  const fakeX = new FakeConnector('x');

  const post = (who: string, url: string, payload: object, headers: Record<string, string> = {}) =>
    t.app.inject({ method: 'POST', url, headers: { ...as[who]!.headers, ...headers }, payload });
  const reply = (who: string, conversation: string, payload: object, headers: Record<string, string> = {}) => post(who, `/api/conversations/${conversation}/replies`, payload, headers);
  const drain = () => new OutboxWorker({ ...t.ctx, log: silentLogger() }, { connectors: { x: fakeX } }).drain();
  const setSettings = (settings: Record<string, unknown>) => t.app.inject({ method: 'PATCH', url: '/api/workspace', headers: as.admin!.headers, payload: { settings } });

  before(async () => {
    t = await createTestApp({ config: { LOOKOUT_LOGIN_RATE_LIMIT: '1000' } });
    ws = await seedWorkspace(t.ctx, 'acme');
    for (const role of ['admin', 'supervisor', 'agent'] as const) as[role] = await signInAs(t, ws.members[role].email);
    await t.app.inject({ method: 'PATCH', url: `/api/members/${ws.members.agent.id}`, headers: as.admin!.headers, payload: { persona: 'JS', name: 'Jo Smith' } });
    const x = await seedChannel(t.ctx, ws.id, 'x', 'Acme on X');
    const chat = await seedChannel(t.ctx, ws.id, 'webchat', 'Site chat');
    await deliver(t.ctx, ws.id, x, [{ externalId: '1', text: 'my router keeps dropping', author: { externalId: '5', handle: 'kim_k', displayName: 'Kim Kay' } }]);
    await deliver(t.ctx, ws.id, chat, [{ externalId: 'c1', kind: 'chat', visibility: 'private', text: 'hello?', author: { externalId: 'v1', handle: 'visitor' } }]);
    const rows = await t.ctx.db.exec(`select c.id, ch.kind from conversations c join channels ch on ch.id = c.channel_id`);
    for (const r of rows.rows) conv[String(r.kind)] = String(r.id);
  });
  after(() => t.close());

  it('renders a canned reply, signs it with the persona, and a repeated Idempotency-Key returns the same reply', async () => {
    const created = await post('admin', '/api/canned-replies', { name: 'Sorry', body: 'Sorry {{customer.name}}, {{agent.name}} here: ticket {{ticket.id}} is open.' });
    assert.equal(created.statusCode, 201, created.body);
    assert.deepEqual(created.json().variables, ['customer.name', 'agent.name', 'ticket.id']);
    assert.equal((await post('agent', '/api/canned-replies', { name: 'x', body: 'y' })).statusCode, 403, 'agents cannot change canned replies');
    const listed = await t.app.inject({ url: '/api/canned-replies', headers: as.agent!.headers });
    assert.equal(listed.json().length, 1);

    await setSettings({ signReplies: true });
    const missing = await reply('agent', conv.x!, { visibility: 'public', cannedReplyId: created.json().id });
    assert.equal(missing.statusCode, 422);
    assert.match(missing.json().detail, /\{\{ticket\.id\}\}/);
    const key = { 'idempotency-key': 'reply-0001-abcdef' };
    const first = await reply('agent', conv.x!, { visibility: 'public', cannedReplyId: created.json().id, variables: { 'ticket.id': 'T-9' } }, key);
    assert.equal(first.statusCode, 201, first.body);
    assert.equal(first.json().body, 'Sorry Kim Kay, Jo Smith here: ticket T-9 is open. ^JS');
    assert.equal(first.json().author.name, 'Jo Smith');
    const again = await reply('agent', conv.x!, { visibility: 'public', text: 'something else' }, key);
    assert.equal(again.statusCode, 200);
    assert.equal(again.json().id, first.json().id);
    const elsewhere = await reply('agent', conv.webchat!, { visibility: 'private', text: 'hi' }, key);
    assert.equal(elsewhere.statusCode, 409);
    const count = await t.ctx.db.exec(`select count(*)::int as n from messages where direction = 'outbound'`);
    assert.equal(count.rows[0]!.n, 1);
    await drain();
    assert.equal(fakeX.sent.length, 1);
    await setSettings({ signReplies: null });
  });

  it("checks the channel: too long where it cannot thread is refused with the reason; X threads it; no DMs on X", async () => {
    const long = await reply('agent', conv.webchat!, { visibility: 'private', text: 'a'.repeat(5001) });
    assert.equal(long.statusCode, 422);
    assert.match(long.json().detail, /5001 characters; Site chat allows 5000 and cannot split/);
    const thread = await reply('agent', conv.x!, { visibility: 'public', text: 'b'.repeat(400) });
    assert.equal(thread.statusCode, 201);
    assert.deepEqual(thread.json().meta.length, { length: 400, maxLength: 280, willThread: true });
    const dm = await reply('agent', conv.x!, { visibility: 'private', text: 'psst' });
    assert.equal(dm.statusCode, 422);
    assert.equal(dm.json().errors[0].path, '/body/visibility');
    assert.equal((await reply('agent', conv.x!, { visibility: 'public' })).statusCode, 400);
    assert.equal((await reply('agent', conv.x!, { visibility: 'public', text: 'x' }, { 'idempotency-key': 'short' })).statusCode, 400);
  });

  it('approval: a public reply waits for a supervisor, who approves (with an edit) or rejects; audited; private replies go straight out', async () => {
    await drain();
    await setSettings({ requireApprovalForPublicReply: true });
    const held = await reply('agent', conv.x!, { visibility: 'public', text: 'We will refund you twice.' });
    assert.equal(held.json().outboxState, 'awaiting_approval');
    const before = fakeX.sent.length;
    await drain();
    assert.equal(fakeX.sent.length, before, 'nothing leaves before approval');
    assert.equal((await t.app.inject({ url: '/api/approvals', headers: as.agent!.headers })).statusCode, 403);
    const queue = (await t.app.inject({ url: '/api/approvals', headers: as.supervisor!.headers })).json();
    assert.deepEqual(queue.map((a: { message: { id: string } }) => a.message.id), [held.json().id]);
    assert.equal(queue[0].conversation.customerName, 'Kim Kay');

    const approved = await post('supervisor', `/api/approvals/${held.json().id}/approve`, { text: 'We will refund you.' });
    assert.equal(approved.statusCode, 200, approved.body);
    assert.equal(approved.json().outboxState, 'queued');
    assert.equal(approved.json().meta.originalBody, 'We will refund you twice.');
    await drain();
    assert.equal(fakeX.sent.at(-1)!.text, 'We will refund you.');
    assert.equal((await post('supervisor', `/api/approvals/${held.json().id}/approve`, {})).statusCode, 409, 'decided already');

    const other = await reply('agent', conv.x!, { visibility: 'public', text: 'Our CEO says hi' });
    assert.equal((await post('supervisor', `/api/approvals/${other.json().id}/reject`, {})).statusCode, 400);
    const rejected = await post('supervisor', `/api/approvals/${other.json().id}/reject`, { reason: 'no promises on behalf of the CEO' });
    assert.equal(rejected.json().outboxState, 'rejected');
    assert.equal(rejected.json().outboxError, 'rejected: no promises on behalf of the CEO');

    const own = await reply('supervisor', conv.x!, { visibility: 'public', text: 'Supervisor here.' });
    assert.equal((await post('supervisor', `/api/approvals/${own.json().id}/approve`, {})).statusCode, 403, 'four eyes');

    const chat = await reply('agent', conv.webchat!, { visibility: 'private', text: 'Hi there!' });
    assert.equal(chat.json().outboxState, 'queued');
    const audit = (await t.app.inject({ url: '/api/audit', headers: as.admin!.headers })).json().map((a: { action: string }) => a.action);
    assert.ok(audit.includes('reply.approved') && audit.includes('reply.rejected'));
    await setSettings({ requireApprovalForPublicReply: null });
  });
});
