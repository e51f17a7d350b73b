import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { webchat } from '../../modules/channels/index.ts';
import { deliver, FakeConnector, seedChannel } from '../../modules/conversations/testing.ts';
import { PipelineRunner } from '../../modules/ingestion/index.ts';
import { eq, schema } from '../../platform/db/index.ts';
import { silentLogger } from '../../platform/logger/index.ts';
import { OutboxWorker } from '../../worker/outbox.ts';
import { createStages } from '../../worker/stages.ts';
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
  const drain = () => new OutboxWorker({ ...t.ctx, log: silentLogger() }, { connectors: { mastodon: fakeMastodon, email: fakeEmail, x: fakeX, webchat: webchat.webchatConnector } }).drain();

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
    assert.deepEqual(masto.map((o) => [o.path, o.available]), [['dm', true], ['email', false], ['webchat', false]]);
    assert.match(masto[2]!.reason!, /Add an active web chat channel/);
    assert.equal(masto[0]!.to, '@lea@social.example');
    assert.match(masto[1]!.reason!, /Connect an email channel/);
    const x = await options(conv.x!);
    assert.match(x[0]!.reason!, /has no direct messages/);

    await seedChannel(t.ctx, ws.id, 'email', 'support@acme.test');
    const x2 = await options(conv.x!);
    assert.deepEqual(x2.map((o) => [o.path, o.available]), [['dm', false], ['email', true], ['webchat', false]]);
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
    assert.equal((await call('agent', 'POST', `/api/conversations/${id}/move-private`, { path: 'webchat' })).statusCode, 422);
    assert.equal((await call('agent', 'POST', `/api/conversations/${id}/move-private`, { path: 'sms' })).statusCode, 400);
  });

  describe('by a secure web chat link', () => {
    const SITE = 'https://shop.acme.test';
    let chat: { id: string; siteKey: string };
    let noraConv: string;
    let customerId: string;
    let token: string;
    let linkUrl: string;
    let openingId: string;
    const ownOrigin = () => new URL(t.ctx.config.publicUrl).origin;
    const linkKey = () => webchat.chatLinkKey(t.ctx.config.secretKey.reveal());
    const visitorPost = (headers: Record<string, string>, text = 'My order number is A-1234, and I moved last week') =>
      t.app.inject({ method: 'POST', url: `/api/webchat/${chat.siteKey}/messages`, headers: { origin: ownOrigin(), ...headers }, payload: { visitorId: randomUUID(), clientMessageId: randomUUID(), text, identity: { userId: 'someone-else' } } });
    const rawCount = async () => (await t.ctx.db.exec(`select count(*)::int as n from raw_items where channel_id = '${chat.id}'`)).rows[0]!.n;
    const pipeline = () => new PipelineRunner(t.ctx.db, createStages(t.ctx), t.ctx.bus, t.ctx.clock, t.ctx.log).drain();

    before(async () => {
      const masto = String((await t.ctx.db.exec(`select id from channels where kind = 'mastodon'`)).rows[0]!.id);
      await deliver(t.ctx, ws.id, masto, [{ externalId: 'm-nora', text: 'you charged me twice, unbelievable', author: { externalId: '99', handle: 'nora@social.example', displayName: 'Nora' } }]);
      const r = (await t.ctx.db.exec(`select c.id, c.customer_id from conversations c join mentions m on m.conversation_id = c.id where m.external_id = 'm-nora'`)).rows[0]!;
      noraConv = String(r.id);
      customerId = String(r.customer_id);
      // The chat channel of the test above is paused: the path needs an active one.
      await t.ctx.db.exec(`update channels set status = 'paused' where kind = 'webchat'`);
    });

    it('is offered once the workspace has an active web chat channel', async () => {
      assert.match((await options(noraConv)).find((o) => o.path === 'webchat')!.reason!, /Add an active web chat channel/);
      const id = await seedChannel(t.ctx, ws.id, 'webchat', 'Help chat', { allowedOrigins: [SITE] });
      const [row] = await t.ctx.db.tenant(ws.id, (tx) => tx.select().from(schema.channels).where(eq(schema.channels.id, id)));
      chat = { id, siteKey: row!.publicKey! };
      const o = (await options(noraConv)).find((x) => x.path === 'webchat')!;
      assert.equal(o.available, true, o.reason ?? '');
      assert.equal(o.channel!.kind, 'webchat');
    });

    it('posts the public invitation with a signed link through the reply path, and queues the opening in the chat', async () => {
      const moved = await call('agent', 'POST', `/api/conversations/${noraConv}/move-private`, { path: 'webchat', message: 'Hi Nora, tell us which order it was here.' });
      assert.equal(moved.statusCode, 201, moved.body);
      const { publicReply, privateMessage, link } = moved.json();
      linkUrl = link.url;
      token = linkUrl.split('/chat/')[1]!;
      assert.ok(linkUrl.startsWith(`${t.ctx.config.publicUrl.replace(/\/$/, '')}/chat/`), linkUrl);
      assert.match(token, new RegExp(webchat.CHAT_LINK_TOKEN_PATTERN));
      assert.equal(Date.parse(link.expiresAt) - t.ctx.clock.now().getTime() > 6.9 * 24 * 3_600_000, true);
      // The workspace template (set by the email test) with the link in it; the guard found nothing in the link.
      assert.equal(publicReply.body, `Sorry about this! continue with us in a secure chat: ${linkUrl}`);
      assert.equal(publicReply.visibility, 'public');
      assert.equal(publicReply.outboxState, 'queued');
      assert.equal(privateMessage.channel.kind, 'webchat');
      assert.equal(privateMessage.visibility, 'private');
      openingId = privateMessage.id;
      const preview = (await call('agent', 'POST', `/api/conversations/${noraConv}/reply-preview`, { text: publicReply.body, visibility: 'public' })).json();
      assert.deepEqual(preview.findings, []);

      await drain();
      assert.equal(fakeMastodon.sent.at(-1)!.text, publicReply.body);
      const [opening] = (await t.ctx.db.exec(`select outbox_state, external_id from messages where id = '${openingId}'`)).rows;
      assert.deepEqual({ ...opening }, { outbox_state: 'sent', external_id: `webchat-out:${openingId}` });
    });

    it('opens a page of our own that loads the widget bound to the link; a forged or expired link gets a clear page', async () => {
      const page = await t.app.inject({ method: 'GET', url: `/chat/${token}` });
      assert.equal(page.statusCode, 200);
      assert.match(page.headers['content-type'] as string, /text\/html/);
      assert.ok(page.body.includes(`<script src="/widget.js" data-site-key="${chat.siteKey}" data-chat-link="${token}"`), page.body.slice(0, 300));
      assert.ok(!/<script>/.test(page.body), 'no inline script');
      assert.match(String(page.headers['content-security-policy']), /script-src 'self'(;|$)/);
      const forged = token.slice(0, 60) + (token[60] === 'a' ? 'b' : 'a') + token.slice(61);
      const bad = await t.app.inject({ method: 'GET', url: `/chat/${forged}` });
      assert.equal(bad.statusCode, 404);
      assert.match(bad.body, /not valid/);
      const old = webchat.signChatLink(linkKey(), { workspaceId: ws.id, conversationId: noraConv, customerId, channelId: chat.id, expiresAt: t.ctx.clock.now().getTime() - 1000 });
      const gone = await t.app.inject({ method: 'GET', url: `/chat/${old}` });
      assert.equal(gone.statusCode, 410);
      assert.match(gone.body, /expired/);
    });

    it('refuses our own origin without a valid link, and stores nothing for a forged or expired one', async () => {
      const before = await rawCount();
      assert.equal((await visitorPost({})).statusCode, 403, 'our origin is not in allowedOrigins');
      const forged = token.slice(0, 60) + (token[60] === 'a' ? 'b' : 'a') + token.slice(61);
      assert.equal((await visitorPost({ [webchat.CHAT_LINK_HEADER]: forged })).statusCode, 404);
      const old = webchat.signChatLink(linkKey(), { workspaceId: ws.id, conversationId: noraConv, customerId, channelId: chat.id, expiresAt: t.ctx.clock.now().getTime() - 1000 });
      const expired = await visitorPost({ [webchat.CHAT_LINK_HEADER]: old });
      assert.equal(expired.statusCode, 410);
      assert.equal(expired.json().code, 'GONE');
      const otherChannel = webchat.signChatLink(linkKey(), { workspaceId: ws.id, conversationId: noraConv, customerId, channelId: randomUUID(), expiresAt: t.ctx.clock.now().getTime() + 60_000 });
      assert.equal((await visitorPost({ [webchat.CHAT_LINK_HEADER]: otherChannel })).statusCode, 404);
      assert.equal(await rawCount(), before);
    });

    it("files the visitor's message as the customer's, private, in the same conversation, and delivers the agent's reply to their chat", async () => {
      await t.app.listen({ port: 0, host: '127.0.0.1' });
      const addr = t.app.server.address();
      const base = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;

      const sent = await visitorPost({ [webchat.CHAT_LINK_HEADER]: token });
      assert.equal(sent.statusCode, 202, sent.body);
      assert.equal(sent.headers['access-control-allow-origin'], ownOrigin());
      await pipeline();
      const [m] = (await t.ctx.db.exec(
        `select mn.conversation_id, mn.visibility, i.external_id, ci.customer_id from mentions mn join identities i on i.id = mn.identity_id
         join customer_identities ci on ci.identity_id = i.id and ci.unlinked_at is null where mn.external_id = '${sent.json().id}'`,
      )).rows;
      assert.deepEqual({ ...m }, { conversation_id: noraConv, visibility: 'private', external_id: `customer:${customerId}`, customer_id: customerId });
      const detail = (await call('agent', 'GET', `/api/conversations/${noraConv}`)).json();
      const inbound = detail.timeline.filter((i: { message?: { direction: string } }) => i.message?.direction === 'inbound').map((i: { message: { visibility: string; body: string } }) => `${i.message.visibility}:${i.message.body}`);
      assert.ok(inbound.includes('private:My order number is A-1234, and I moved last week'), inbound.join(' | '));

      // The link's page: its stream replays the chat of this conversation, then the agent's reply arrives live.
      const stream = await openStream(`${base}/api/webchat/${chat.siteKey}/stream?visitorId=${randomUUID()}&link=${token}`);
      assert.equal(stream.status, 200);
      const history = await stream.next(2);
      assert.deepEqual(history.map((e) => [e.from, e.text]), [['agent', 'Hi Nora, tell us which order it was here.'], ['visitor', 'My order number is A-1234, and I moved last week']]);
      const reply = await call('agent', 'POST', `/api/conversations/${noraConv}/replies`, { text: 'Thanks Nora, refund on its way.', visibility: 'private', channelId: chat.id });
      assert.equal(reply.statusCode, 201, reply.body);
      await drain();
      const [live] = await stream.next(1);
      assert.deepEqual([live!.from, live!.text], ['agent', 'Thanks Nora, refund on its way.']);
      stream.close();
      const forged = await fetch(`${base}/api/webchat/${chat.siteKey}/stream?visitorId=${randomUUID()}&link=${token.slice(0, -1)}${token.endsWith('a') ? 'b' : 'a'}`);
      assert.equal(forged.status, 404);
    });
  });
});

interface SseEvent {
  from: string;
  text: string;
}

/** Reads server-sent events from a real socket (app.inject cannot stream). */
const openStream = async (url: string) => {
  const abort = new AbortController();
  const res = await fetch(url, { signal: abort.signal });
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
  const events: SseEvent[] = [];
  let buffer = '';
  let taken = 0;
  const pump = async (untilCount: number) => {
    while (events.length < untilCount) {
      const chunk = await reader.read();
      if (chunk.done) return;
      buffer += chunk.value;
      let cut: number;
      while ((cut = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, cut);
        buffer = buffer.slice(cut + 2);
        const data = block.split('\n').filter((l) => l.startsWith('data: ')).map((l) => l.slice(6)).join('\n');
        if (data) events.push(JSON.parse(data) as SseEvent);
      }
    }
  };
  return {
    status: res.status,
    next: async (n: number) => {
      await pump(taken + n);
      const got = events.slice(taken, taken + n);
      taken += n;
      return got;
    },
    close: () => abort.abort(),
  };
};
