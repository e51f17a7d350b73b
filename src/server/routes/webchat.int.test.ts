import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { createChannel, type ChannelRow } from '../../modules/channels/index.ts';
import { computeIdentityHash } from '../../modules/channels/webchat/index.ts';
import { replyAsOutbox as sendReply } from '../../modules/channels/webchat/testing.ts';
import { PipelineRunner, createConnectorContext } from '../../modules/ingestion/index.ts';
import { and, eq, schema } from '../../platform/db/index.ts';
import { createStages } from '../../worker/stages.ts';
import { createTestApp, seedWorkspace, type SeededWorkspace, type TestApp } from '../testing.ts';

const SITE = 'https://shop.acme.test';
const SECRET = 'identity-secret-for-tests-0123456789';
const visitorId = () => randomUUID();
const post = (t: TestApp, siteKey: string, payload: unknown, headers: Record<string, string> = { origin: SITE }) =>
  t.app.inject({ method: 'POST', url: `/api/webchat/${siteKey}/messages`, payload: payload as object, headers });

describe('web chat over HTTP', () => {
  let t: TestApp;
  let acme: SeededWorkspace;
  let channel: ChannelRow;
  let key: string;

  const rawItems = () => t.ctx.db.tenant(acme.id, (tx) => tx.select().from(schema.rawItems).where(eq(schema.rawItems.channelId, channel.id)));

  before(async () => {
    t = await createTestApp();
    acme = await seedWorkspace(t.ctx, 'acme');
    channel = await t.ctx.db.tenant(acme.id, (tx) =>
      createChannel(tx, t.ctx.box, acme.id, { kind: 'webchat', name: 'Site chat', config: { allowedOrigins: [SITE, 'https://*.acme.test'] }, secrets: { identitySecret: SECRET } }),
    );
    key = channel.publicKey!;
    assert.match(key, /^ch_/);
  });
  after(() => t.close());

  it('accepts an anonymous message, stores it once however often it is retried, and wakes the pipeline', async () => {
    let woken = 0;
    t.ctx.pipeline.wake = () => woken++;
    const v = visitorId();
    const body = { visitorId: v, clientMessageId: randomUUID(), text: 'Hello, my order #123 never arrived', pageUrl: `${SITE}/orders` };
    const first = await post(t, key, body);
    assert.equal(first.statusCode, 202, first.body);
    assert.deepEqual(first.json(), { status: 'accepted', id: `webchat:${body.clientMessageId}`, duplicate: false });
    assert.equal(first.headers['access-control-allow-origin'], SITE);
    assert.equal(first.headers['cross-origin-resource-policy'], 'cross-origin');
    const retry = await post(t, key, body);
    assert.equal(retry.statusCode, 202);
    assert.equal(retry.json().duplicate, true);
    assert.equal(woken, 1);

    const rows = (await rawItems()).filter((r) => r.externalId === `webchat:${body.clientMessageId}`);
    assert.equal(rows.length, 1);
    const payload = rows[0]!.payload as { kind: string; visibility: string; text: string; url: string; author: { externalId: string; verified: boolean } };
    assert.equal(payload.kind, 'chat');
    assert.equal(payload.visibility, 'private');
    assert.equal(payload.text, body.text);
    assert.equal(payload.url, `${SITE}/orders`);
    assert.equal(payload.author.externalId, `visitor:${v}`);
    assert.equal(payload.author.verified, false);
  });

  it('a signed-in visitor with the right hash is filed as user:<id> with their email', async () => {
    const identity = { userId: 'cust-42', email: 'Jo@Example.com', name: 'Jo Bloggs', hash: computeIdentityHash(SECRET, 'cust-42') };
    const body = { visitorId: visitorId(), clientMessageId: randomUUID(), text: 'Signed in and still stuck', identity };
    const res = await post(t, key, body);
    assert.equal(res.statusCode, 202, res.body);
    const row = (await rawItems()).find((r) => r.externalId === `webchat:${body.clientMessageId}`)!;
    const author = (row.payload as { author: Record<string, unknown> }).author;
    assert.deepEqual(author, { externalId: 'user:cust-42', handle: 'jo@example.com', displayName: 'Jo Bloggs', email: 'jo@example.com', verified: true });
  });

  it('a wrong identity hash is a 401 and nothing is stored', async () => {
    const before = (await rawItems()).length;
    const body = { visitorId: visitorId(), clientMessageId: randomUUID(), text: 'I am the CEO', identity: { userId: 'ceo', hash: computeIdentityHash('guessed', 'ceo') } };
    const res = await post(t, key, body);
    assert.equal(res.statusCode, 401);
    assert.equal(res.headers['content-type'], 'application/problem+json; charset=utf-8');
    assert.equal(res.json().code, 'BAD_SIGNATURE');
    // The widget must be able to read why: the refusal carries the CORS header too.
    assert.equal(res.headers['access-control-allow-origin'], SITE);
    assert.equal((await rawItems()).length, before);
    const failures = await t.ctx.db.tenant(acme.id, (tx) => tx.select().from(schema.channelFailures).where(eq(schema.channelFailures.channelId, channel.id)));
    assert.ok(failures.some((f) => f.reason.includes('bad_identity_hash')));
    const [ch] = await t.ctx.db.tenant(acme.id, (tx) => tx.select().from(schema.channels).where(eq(schema.channels.id, channel.id)));
    assert.equal(ch!.status, 'active', "a visitor's bad hash does not mark the channel's credentials broken");
  });

  it('an unknown or malformed site key is a 404', async () => {
    const body = { visitorId: visitorId(), clientMessageId: randomUUID(), text: 'hi' };
    for (const k of ['ch_doesnotexist000000000000', 'not-a-key']) {
      const res = await post(t, k, body);
      assert.equal(res.statusCode, 404, k);
      assert.equal(res.json().code, 'NOT_FOUND');
      assert.equal(res.headers['access-control-allow-origin'], undefined);
    }
    const preflight = await t.app.inject({ method: 'OPTIONS', url: '/api/webchat/ch_doesnotexist000000000000/messages', headers: { origin: SITE, 'access-control-request-method': 'POST' } });
    assert.equal(preflight.statusCode, 404);
  });

  it('CORS: a listed origin (or subdomain pattern) passes preflight and is reflected; another is refused', async () => {
    for (const origin of [SITE, 'https://eu.acme.test']) {
      const ok = await t.app.inject({
        method: 'OPTIONS',
        url: `/api/webchat/${key}/messages`,
        headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
      });
      assert.equal(ok.statusCode, 204, origin);
      assert.equal(ok.headers['access-control-allow-origin'], origin);
      assert.match(String(ok.headers['access-control-allow-methods']), /POST/);
      assert.match(String(ok.headers['access-control-allow-headers']), /content-type/);
      assert.match(String(ok.headers.vary), /Origin/);
    }
    const evil = await t.app.inject({ method: 'OPTIONS', url: `/api/webchat/${key}/messages`, headers: { origin: 'https://evil.test', 'access-control-request-method': 'POST' } });
    assert.equal(evil.statusCode, 403);
    assert.equal(evil.headers['access-control-allow-origin'], undefined);

    const before = (await rawItems()).length;
    const res = await post(t, key, { visitorId: visitorId(), clientMessageId: randomUUID(), text: 'from a site that is not ours' }, { origin: 'https://evil.test' });
    assert.equal(res.statusCode, 403);
    assert.equal((await rawItems()).length, before);
  });

  it('bad input: 400 problem+json with the field, 413 above 16 KB, text at most 5,000 characters', async () => {
    const base = { visitorId: visitorId(), clientMessageId: randomUUID() };
    const cases: [unknown, string][] = [
      [{ ...base }, '/body/text'],
      [{ ...base, text: '   ' }, '/body/text'],
      [{ ...base, text: 'x'.repeat(5001) }, '/body/text'],
      [{ ...base, text: 'hi', visitorId: 'short' }, '/body/visitorId'],
      [{ ...base, text: 'hi', extra: 1 }, '/body/extra'],
      [{ ...base, text: 'hi', identity: { userId: 'u', hash: 'nothex' } }, '/body/identity/hash'],
    ];
    for (const [payload, path] of cases) {
      const res = await post(t, key, payload);
      assert.equal(res.statusCode, 400, JSON.stringify(payload).slice(0, 80));
      assert.equal(res.headers['content-type'], 'application/problem+json; charset=utf-8');
      assert.ok(res.json().errors.some((e: { path: string }) => e.path.startsWith(path)), `${path} in ${res.body}`);
      assert.equal(res.headers['access-control-allow-origin'], SITE);
    }
    assert.equal((await post(t, key, { ...base, text: 'x'.repeat(5000) })).statusCode, 202);
    const huge = await post(t, key, { ...base, clientMessageId: randomUUID(), text: 'x'.repeat(17_000) });
    assert.equal(huge.statusCode, 413);
    assert.equal(huge.json().code, 'PAYLOAD_TOO_LARGE');
  });

  it('rate-limits one visitor to 20 messages a minute', async () => {
    const body = { visitorId: visitorId(), clientMessageId: randomUUID(), text: 'again' };
    for (let i = 0; i < 20; i++) assert.equal((await post(t, key, body)).statusCode, 202);
    const limited = await post(t, key, body);
    assert.equal(limited.statusCode, 429);
    assert.equal(limited.json().code, 'RATE_LIMITED');
    assert.equal((await post(t, key, { ...body, visitorId: visitorId() })).statusCode, 202, 'another visitor is not affected');
  });

  it('a paused channel refuses messages with 503', async () => {
    const paused = await t.ctx.db.tenant(acme.id, (tx) =>
      createChannel(tx, t.ctx.box, acme.id, { kind: 'webchat', name: 'Old site', config: { allowedOrigins: [SITE] } }).then(async (c) => {
        await tx.update(schema.channels).set({ status: 'paused' }).where(and(eq(schema.channels.workspaceId, acme.id), eq(schema.channels.id, c.id)));
        return c;
      }),
    );
    const res = await post(t, paused.publicKey!, { visitorId: visitorId(), clientMessageId: randomUUID(), text: 'hello?' });
    assert.equal(res.statusCode, 503);
  });

  describe('the live stream (server-sent events over a real socket)', () => {
    let base: string;
    before(async () => {
      await t.app.listen({ port: 0, host: '127.0.0.1' });
      const addr = t.app.server.address();
      base = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
    });

    it('replays history, then delivers the agent reply live; a resume skips what was seen', async () => {
      const v = visitorId();
      const clientMessageId = randomUUID();
      assert.equal((await post(t, key, { visitorId: v, clientMessageId, text: 'Where is my parcel?' })).statusCode, 202);
      await new PipelineRunner(t.ctx.db, createStages(t.ctx), t.ctx.bus, t.ctx.clock, t.ctx.log).drain();

      const stream = await openStream(`${base}/api/webchat/${key}/stream?visitorId=${v}`, { origin: SITE });
      assert.equal(stream.status, 200);
      assert.equal(stream.headers.get('content-type'), 'text/event-stream; charset=utf-8');
      assert.equal(stream.headers.get('access-control-allow-origin'), SITE);
      const [mine] = await stream.next(1);
      assert.deepEqual({ id: mine!.data.id, from: mine!.data.from, text: mine!.data.text }, { id: `webchat:${clientMessageId}`, from: 'visitor', text: 'Where is my parcel?' });

      // The outbox: an outbound message row first, then the send, then the channel's id written back.
      const reply = await replyAsOutbox(t, channel, `visitor:${v}`, 'It left our warehouse this morning.');
      const [live] = await stream.next(1);
      assert.deepEqual({ id: live!.data.id, from: live!.data.from, text: live!.data.text }, { id: `webchat-out:${reply.id}`, from: 'agent', text: 'It left our warehouse this morning.' });
      assert.equal(live!.id, String(live!.data.at));
      stream.close();

      // A fresh connection shows both, once each; another visitor sees neither.
      const again = await openStream(`${base}/api/webchat/${key}/stream?visitorId=${v}`, { origin: SITE });
      assert.deepEqual((await again.next(2)).map((e) => e.data.id), [`webchat:${clientMessageId}`, `webchat-out:${reply.id}`]);
      again.close();
      // Another visitor sees none of it: the first thing their stream carries is their own message.
      const strangerId = visitorId();
      const stranger = await openStream(`${base}/api/webchat/${key}/stream?visitorId=${strangerId}`, { origin: SITE });
      const strangerMessage = randomUUID();
      assert.equal((await post(t, key, { visitorId: strangerId, clientMessageId: strangerMessage, text: 'Me too' })).statusCode, 202);
      assert.deepEqual((await stranger.next(1)).map((e) => e.data.id), [`webchat:${strangerMessage}`]);
      stranger.close();
      // Resuming from after both (Last-Event-ID beyond the overlap): only what is new arrives.
      const resumed = await openStream(`${base}/api/webchat/${key}/stream?visitorId=${v}`, { origin: SITE, 'last-event-id': String(Date.now() + 10 * 60_000) });
      const later = await replyAsOutbox(t, channel, `visitor:${v}`, 'Anything else?');
      assert.deepEqual((await resumed.next(1)).map((e) => e.data.id), [`webchat-out:${later.id}`]);
      resumed.close();
    });

    it('echoes the visitor\'s own message to their other tabs; a signed-in stream needs the right hash', async () => {
      const identity = { userId: 'cust-77', hash: computeIdentityHash(SECRET, 'cust-77') };
      const tab = await openStream(`${base}/api/webchat/${key}/stream?visitorId=${visitorId()}&userId=cust-77&hash=${identity.hash}`, { origin: SITE });
      assert.equal(tab.status, 200);
      const clientMessageId = randomUUID();
      assert.equal((await post(t, key, { visitorId: visitorId(), clientMessageId, text: 'From my phone', identity })).statusCode, 202);
      const [echo] = await tab.next(1);
      assert.equal(echo!.data.id, `webchat:${clientMessageId}`);
      tab.close();

      const forged = await fetch(`${base}/api/webchat/${key}/stream?visitorId=${visitorId()}&userId=cust-77&hash=${'0'.repeat(64)}`, { headers: { origin: SITE } });
      assert.equal(forged.status, 401);
      const evil = await fetch(`${base}/api/webchat/${key}/stream?visitorId=${visitorId()}`, { headers: { origin: 'https://evil.test' } });
      assert.equal(evil.status, 403);
      assert.equal(evil.headers.get('access-control-allow-origin'), null);
    });
  });
});

/** What the outbox will do for a web chat reply (see webchat/testing.ts). */
const replyAsOutbox = (t: TestApp, channel: ChannelRow, visitorKey: string, text: string) =>
  sendReply(t.ctx.db, createConnectorContext({ db: t.ctx.db, box: t.ctx.box, log: t.ctx.log, wake: () => {} }, channel), visitorKey, text);

interface SseEvent {
  id: string | null;
  data: { id: string; from: string; text: string; at: number };
}

/** A minimal SSE reader over fetch: `next(n)` waits for the next n events. */
const openStream = async (url: string, headers: Record<string, string>) => {
  const abort = new AbortController();
  const res = await fetch(url, { headers, signal: abort.signal });
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
        if (!data) continue;
        const id = block.split('\n').find((l) => l.startsWith('id: '))?.slice(4) ?? null;
        events.push({ id, data: JSON.parse(data) });
      }
    }
  };
  return {
    status: res.status,
    headers: res.headers,
    next: async (n: number) => {
      await pump(taken + n);
      const got = events.slice(taken, taken + n);
      taken += n;
      return got;
    },
    close: () => abort.abort(),
  };
};
