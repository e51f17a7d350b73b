import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { SendError } from '../modules/channels/index.ts';
import { claimDueMessages, DRILL_REFUSAL, OUTBOX_MAX_ATTEMPTS, SEND_LEASE_MS, UNKNOWN_OUTCOME } from '../modules/conversations/index.ts';
import { deliver, FakeConnector, seedChannel } from '../modules/conversations/testing.ts';
import { silentLogger } from '../platform/logger/index.ts';
import { createTestApp, seedWorkspace, signInAs, type Credentials, type SeededWorkspace, type TestApp } from '../server/testing.ts';
import { OutboxWorker } from './outbox.ts';

describe('outbox worker', () => {
  let t: TestApp;
  let ws: SeededWorkspace;
  let agent: Credentials;
  let fakeX: FakeConnector;
  let fakeMail: FakeConnector;
  const conv: Record<string, string> = {};
  const worker = () => new OutboxWorker({ ...t.ctx, log: silentLogger() }, { connectors: { x: fakeX, email: fakeMail } });

  const reply = async (conversation: string, text: string, extra: object = {}) => {
    const res = await t.app.inject({ method: 'POST', url: `/api/conversations/${conversation}/replies`, headers: agent.headers, payload: { text, visibility: 'public', ...extra } });
    assert.equal(res.statusCode, 201, res.body);
    return res.json() as { id: string; outboxState: string };
  };
  const message = async (id: string) => {
    const rows = await t.ctx.db.exec('select outbox_state, outbox_error, outbox_attempts, external_id, next_attempt_at from messages where id = $1', [id]);
    return rows.rows[0] as { outbox_state: string; outbox_error: string | null; outbox_attempts: number; external_id: string | null; next_attempt_at: Date | null };
  };

  before(async () => {
    t = await createTestApp();
    ws = await seedWorkspace(t.ctx, 'acme');
    agent = await signInAs(t, ws.members.agent.email);
    const x = await seedChannel(t.ctx, ws.id, 'x', 'Acme on X');
    const mail = await seedChannel(t.ctx, ws.id, 'email', 'Support mail');
    await deliver(t.ctx, ws.id, x, [{ externalId: '1001', text: 'my bags are lost', author: { externalId: '7', handle: 'kim' } }]);
    await deliver(t.ctx, ws.id, mail, [
      {
        externalId: '<e2@example.com>', kind: 'email', visibility: 'private', title: 'Re: Refund', text: 'Still no refund.',
        references: ['<e0@example.com>', '<e1@example.com>'], author: { externalId: 'jo@example.com', handle: 'jo@example.com', email: 'jo@example.com' },
      },
    ]);
    await deliver(t.ctx, ws.id, x, [{ externalId: '9001', text: 'DRILL outage', author: { externalId: '9', handle: 'drill' } }], { isDrill: true });
    const rows = await t.ctx.db.exec(`select c.id, ch.kind, c.is_drill from conversations c join channels ch on ch.id = c.channel_id`);
    for (const r of rows.rows) conv[r.is_drill ? 'drill' : String(r.kind)] = String(r.id);
  });
  beforeEach(() => {
    fakeX = new FakeConnector('x');
    fakeMail = new FakeConnector('email', { maxLength: null, canThread: false, hasPrivateMessages: true });
  });
  after(() => t.close());

  it('sends a reply once, in the thread, even with two workers; the conversation then waits on the customer', async () => {
    const m = await reply(conv.x!, 'So sorry, Kim: we are tracing your bags now.');
    assert.equal(m.outboxState, 'queued');
    const [a, b] = [worker(), worker()];
    await Promise.all([a.drain(), b.drain()]);
    await a.drain();
    assert.equal(fakeX.sent.length, 1);
    assert.deepEqual({ ...fakeX.sent[0], recipient: undefined }, {
      idempotencyKey: m.id, text: 'So sorry, Kim: we are tracing your bags now.', inReplyTo: '1001', threadRoot: '1001', subject: null, references: [], isPrivate: false, recipient: undefined,
    });
    assert.equal(fakeX.sent[0]!.recipient!.handle, 'kim');
    const row = await message(m.id);
    assert.equal(row.outbox_state, 'sent');
    assert.equal(row.external_id, 'x-sent-1');
    const detail = (await t.app.inject({ url: `/api/conversations/${conv.x}`, headers: agent.headers })).json();
    assert.equal(detail.status, 'pending');
    assert.ok(detail.sla.firstResponseAt && detail.sla.pausedAt);
    const types = detail.timeline.filter((i: { kind: string }) => i.kind === 'event').map((i: { event: { type: string } }) => i.event.type);
    assert.deepEqual(types, ['reply_queued', 'reply_sent', 'status_changed']);
    const sentEvents = await t.ctx.db.exec(`select count(*)::int as n from events where type = 'message.sent' and subject_id = $1`, [m.id]);
    assert.equal(sentEvents.rows[0]!.n, 1);
  });

  it('threads an email reply: In-Reply-To, References, Subject and the customer as recipient', async () => {
    const m = await reply(conv.email!, 'Your refund left today.', { visibility: 'private' });
    await worker().drain();
    const sent = fakeMail.sent[0]!;
    assert.equal(sent.idempotencyKey, m.id);
    assert.equal(sent.inReplyTo, '<e2@example.com>');
    assert.deepEqual(sent.references, ['<e0@example.com>', '<e1@example.com>']);
    assert.equal(sent.subject, 'Re: Refund');
    assert.deepEqual(sent.to, ['jo@example.com']);
    assert.equal(sent.isPrivate, true);
  });

  it('a process that died mid-send never resends: the message fails as unknown, and a person retries it', async () => {
    const m = await reply(conv.x!, 'Update: your bags are in Paris.');
    // A worker claims the message and dies before recording the outcome.
    assert.deepEqual((await claimDueMessages(t.ctx.db, t.clock.now(), 10)).map((c) => c.id), [m.id]);
    await worker().drain();
    assert.equal((await message(m.id)).outbox_state, 'sending', 'still within its lease: maybe still sending elsewhere');
    t.clock.advance(SEND_LEASE_MS + 1000);
    await worker().drain();
    const failed = await message(m.id);
    assert.deepEqual([failed.outbox_state, failed.outbox_error], ['failed', UNKNOWN_OUTCOME]);
    assert.equal(fakeX.sent.length, 0, 'nothing was sent again on its own');
    const retry = await t.app.inject({ method: 'POST', url: `/api/messages/${m.id}/retry`, headers: agent.headers });
    assert.equal(retry.statusCode, 200, retry.body);
    assert.equal(retry.json().outboxState, 'queued');
    await worker().drain();
    assert.equal(fakeX.sent.length, 1);
    assert.equal((await message(m.id)).outbox_state, 'sent');
  });

  it('a refused send stays in the conversation as failed with the reason; retry sends it', async () => {
    fakeX.script.push(new SendError('X says the token was revoked', 'auth', false));
    const m = await reply(conv.x!, 'One more thing…');
    await worker().drain();
    const detail = (await t.app.inject({ url: `/api/conversations/${conv.x}`, headers: agent.headers })).json();
    const shown = detail.timeline.find((i: { message?: { id: string } }) => i.message?.id === m.id).message;
    assert.equal(shown.outboxState, 'failed');
    assert.equal(shown.outboxError, 'auth: X says the token was revoked');
    assert.equal((await t.app.inject({ method: 'POST', url: `/api/messages/${m.id}/retry`, headers: agent.headers })).statusCode, 200);
    const again = await t.app.inject({ method: 'POST', url: `/api/messages/${m.id}/retry`, headers: agent.headers });
    assert.equal(again.statusCode, 409, 'only a failed reply can be retried');
    await worker().drain();
    assert.equal(fakeX.sent.length, 2);
    assert.equal((await message(m.id)).outbox_state, 'sent');
  });

  it('retries a rate-limited send after the delay it asked for, and gives up after the last attempt', async () => {
    fakeX.script.push(new SendError('rate limited', 'rate_limited', true, 60_000));
    const m = await reply(conv.x!, 'Checking…');
    await worker().drain();
    assert.equal((await message(m.id)).outbox_state, 'queued');
    await worker().drain();
    assert.equal(fakeX.sent.length, 1, 'not due yet');
    t.clock.advance(61_000);
    await worker().drain();
    assert.equal((await message(m.id)).outbox_state, 'sent');

    const n = await reply(conv.x!, 'Still checking…');
    for (let i = 0; i < OUTBOX_MAX_ATTEMPTS; i++) fakeX.script.push(new SendError('network down', 'network', true));
    for (let i = 0; i < OUTBOX_MAX_ATTEMPTS; i++) {
      await worker().drain();
      t.clock.advance(60 * 60_000);
    }
    const last = await message(n.id);
    assert.deepEqual([last.outbox_state, last.outbox_error, last.outbox_attempts], ['failed', 'network: network down', OUTBOX_MAX_ATTEMPTS]);
  });

  it('a drill reply never leaves Lookout', async () => {
    const m = await reply(conv.drill!, 'We are on it!');
    await worker().drain();
    const row = await message(m.id);
    assert.deepEqual([row.outbox_state, row.outbox_error], ['failed', DRILL_REFUSAL]);
    assert.equal(fakeX.sent.length, 0);
    const retry = await t.app.inject({ method: 'POST', url: `/api/messages/${m.id}/retry`, headers: agent.headers });
    assert.equal(retry.statusCode, 409);
    const failedEvents = await t.ctx.db.exec(`select data->>'reason' as reason from events where type = 'message.failed' and subject_id = $1`, [m.id]);
    assert.equal(failedEvents.rows[0]!.reason, DRILL_REFUSAL);
  });

  it('wakes on a queued reply when running', async () => {
    const w = worker();
    w.start();
    try {
      const m = await reply(conv.x!, 'Live!');
      for (let i = 0; i < 200 && (await message(m.id)).outbox_state !== 'sent'; i++) await new Promise((r) => setTimeout(r, 10));
      assert.equal((await message(m.id)).outbox_state, 'sent');
    } finally {
      await w.stop();
    }
  });
});
