import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { deliver, FakeConnector, seedChannel } from '../../modules/conversations/testing.ts';
import { silentLogger } from '../../platform/logger/index.ts';
import { OutboxWorker } from '../../worker/outbox.ts';
import { createTestApp, seedWorkspace, signInAs, type Credentials, type SeededWorkspace, type TestApp } from '../testing.ts';

interface PathOption {
  path: string;
  available: boolean;
  reason: string | null;
  channel: { id: string; kind: string } | null;
  to: string | null;
}

describe('move to private over HTTP', () => {
  let t: TestApp;
  let ws: SeededWorkspace;
  const as: Record<string, Credentials> = {};
  const conv: Record<string, string> = {};
  const fakeMastodon = new FakeConnector('mastodon', { maxLength: 500, canThread: true, hasPrivateMessages: true });
  const fakeEmail = new FakeConnector('email', { maxLength: null, canThread: false, hasPrivateMessages: true });
  const fakeX = new FakeConnector('x');

  const call = (who: string, method: 'GET' | 'POST', url: string, payload?: object) => t.app.inject({ method, url, headers: as[who]!.headers, ...(payload ? { payload } : {}) });
  const options = async (c: string): Promise<PathOption[]> => (await call('agent', 'GET', `/api/conversations/${c}/private-paths`)).json();
  const drain = () => new OutboxWorker({ ...t.ctx, log: silentLogger() }, { connectors: { mastodon: fakeMastodon, email: fakeEmail, x: fakeX } }).drain();

  before(async () => {
    t = await createTestApp({ config: { LOOKOUT_LOGIN_RATE_LIMIT: '1000' } });
    ws = await seedWorkspace(t.ctx, 'acme');
    for (const role of ['admin', 'agent', 'analyst'] as const) as[role] = await signInAs(t, ws.members[role].email);
    const masto = await seedChannel(t.ctx, ws.id, 'mastodon', 'Acme on Mastodon');
    const x = await seedChannel(t.ctx, ws.id, 'x', 'Acme on X');
    await deliver(t.ctx, ws.id, masto, [{ externalId: 'm1', text: 'my order never arrived, again', author: { externalId: '77', handle: 'lea@social.example', displayName: 'Léa' } }]);
    await deliver(t.ctx, ws.id, x, [{ externalId: 'x1', text: 'billing is broken', author: { externalId: '88', handle: 'sam_x', email: 'sam.x@example.com' } }]);
    for (const r of (await t.ctx.db.exec(`select c.id, ch.kind from conversations c join channels ch on ch.id = c.channel_id`)).rows) conv[String(r.kind)] = String(r.id);
  });
  after(() => t.close());

  it('offers a DM only where the network has them, and email only with an email channel and a known address', async () => {
    const masto = await options(conv.mastodon!);
    assert.deepEqual(masto.map((o) => [o.path, o.available]), [['dm', true], ['email', false]]);
    assert.equal(masto[0]!.to, '@lea@social.example');
    assert.match(masto[1]!.reason!, /Connect an email channel/);
    const x = await options(conv.x!);
    assert.match(x[0]!.reason!, /has no direct messages/);

    await seedChannel(t.ctx, ws.id, 'email', 'support@acme.test');
    const x2 = await options(conv.x!);
    assert.deepEqual(x2.map((o) => [o.path, o.available]), [['dm', false], ['email', true]]);
    assert.equal(x2[1]!.to, 'sam.x@example.com');
    assert.match((await options(conv.mastodon!))[1]!.reason!, /No email address is known/);
    assert.equal((await call('analyst', 'GET', `/api/conversations/${conv.x}/private-paths`)).statusCode, 403);
  });

  it('by DM: a public invitation and a private message in the same conversation, both sent through the channel', async () => {
    const moved = await call('agent', 'POST', `/api/conversations/${conv.mastodon}/move-private`, { path: 'dm', message: 'Hi Léa, could you send us your order number here?' });
    assert.equal(moved.statusCode, 201, moved.body);
    const { publicReply, privateMessage } = moved.json();
    assert.equal(publicReply.visibility, 'public');
    assert.equal(publicReply.body, "Let's take this private: we have sent you a direct message.");
    assert.equal(privateMessage.visibility, 'private');
    assert.equal(privateMessage.conversationId, conv.mastodon);
    assert.equal(publicReply.conversationId, conv.mastodon);

    await drain();
    const sent = fakeMastodon.sent.map((m) => ({ text: m.text, isPrivate: m.isPrivate, to: m.recipient?.handle }));
    assert.deepEqual(sent, [
      { text: 'Hi Léa, could you send us your order number here?', isPrivate: true, to: 'lea@social.example' },
      { text: "Let's take this private: we have sent you a direct message.", isPrivate: false, to: 'lea@social.example' },
    ]);
    const detail = (await call('agent', 'GET', `/api/conversations/${conv.mastodon}`)).json();
    const types = detail.timeline.map((i: { event?: { type: string } }) => i.event?.type).filter(Boolean);
    assert.ok(types.includes('moved_private'));
    const vis = detail.timeline.filter((i: { message?: { direction: string } }) => i.message?.direction === 'outbound').map((i: { message: { visibility: string; outboxState: string } }) => `${i.message.visibility}:${i.message.outboxState}`);
    assert.deepEqual(vis.sort(), ['private:sent', 'public:sent']);
    assert.equal((await call('agent', 'POST', `/api/conversations/${conv.mastodon}/move-private`, { path: 'email' })).statusCode, 422, 'no email known');
  });

  it('by email: the known address gets the private half, the public reply never shows it; the workspace template is used', async () => {
    const s = (await call('admin', 'GET', '/api/compliance')).json();
    const saved = await t.app.inject({ method: 'PUT', url: '/api/compliance', headers: as.admin!.headers, payload: { ...s, movePrivateTemplate: 'Sorry about this! {{private.invitation}}' } });
    assert.equal(saved.statusCode, 200, saved.body);
    const moved = await call('agent', 'POST', `/api/conversations/${conv.x}/move-private`, { path: 'email' });
    assert.equal(moved.statusCode, 201, moved.body);
    assert.equal(moved.json().publicReply.body, 'Sorry about this! we have sent you an email at the address we have on file.');
    assert.equal(moved.json().privateMessage.channel.kind, 'email');
    await drain();
    const email = fakeEmail.sent.at(-1)!;
    assert.deepEqual(email.to, ['sam.x@example.com']);
    assert.equal(email.isPrivate, true);
    assert.ok(!fakeX.sent.at(-1)!.text.includes('sam.x@example.com'));
    const audit = (await call('admin', 'GET', '/api/audit')).json().filter((a: { action: string }) => a.action === 'conversation.moved_private');
    assert.equal(audit.length, 2);
  });

  it('refuses a conversation that is private already, and a path that is not offered', async () => {
    const chat = await seedChannel(t.ctx, ws.id, 'webchat', 'Site chat');
    await deliver(t.ctx, ws.id, chat, [{ externalId: 'c1', kind: 'chat', visibility: 'private', text: 'hello?', author: { externalId: 'v1', handle: 'visitor' } }]);
    const id = String((await t.ctx.db.exec(`select c.id from conversations c join channels ch on ch.id = c.channel_id where ch.kind = 'webchat'`)).rows[0]!.id);
    const r = await call('agent', 'POST', `/api/conversations/${id}/move-private`, { path: 'dm' });
    assert.equal(r.statusCode, 422);
    assert.match(r.json().detail, /already private/);
    assert.equal((await call('agent', 'POST', `/api/conversations/${id}/move-private`, { path: 'webchat' })).statusCode, 400);
  });
});
