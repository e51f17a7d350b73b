import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SendError, type ConnectorContext } from '../connector.ts';
import { LocalWebchatHub, type WebchatEvent } from './hub.ts';
import { createWebchatConnector } from './webchat-connector.ts';

const ctx = (over: Partial<ConnectorContext> = {}): ConnectorContext =>
  ({ channelId: 'ch-1', workspaceId: 'ws-1', config: { allowedOrigins: ['https://acme.test'] }, secrets: { identitySecret: 's' }, ...over }) as ConnectorContext;

test("send hands the reply to every open stream of that visitor, and only theirs", async () => {
  const hub = new LocalWebchatHub();
  const connector = createWebchatConnector(hub, () => 1_700_000_000_000);
  const tab1: WebchatEvent[] = [];
  const tab2: WebchatEvent[] = [];
  const other: WebchatEvent[] = [];
  hub.subscribe({ channelId: 'ch-1', visitorKey: 'visitor:abc' }, (e) => tab1.push(e));
  const stop2 = hub.subscribe({ channelId: 'ch-1', visitorKey: 'visitor:abc' }, (e) => tab2.push(e));
  hub.subscribe({ channelId: 'ch-1', visitorKey: 'visitor:xyz' }, (e) => other.push(e));
  hub.subscribe({ channelId: 'ch-2', visitorKey: 'visitor:abc' }, (e) => other.push(e));

  const r = await connector.send!(ctx(), { idempotencyKey: 'out-1', text: 'Hi! Looking now.', recipient: { externalId: 'visitor:abc', handle: 'visitor-abc' } });
  assert.equal(r.externalId, 'webchat-out:out-1');
  const expected = { id: 'webchat-out:out-1', from: 'agent', text: 'Hi! Looking now.', at: 1_700_000_000_000 };
  assert.deepEqual(tab1, [expected]);
  assert.deepEqual(tab2, [expected]);
  assert.deepEqual(other, []);

  stop2();
  assert.equal(hub.listenerCount({ channelId: 'ch-1', visitorKey: 'visitor:abc' }), 1);
  // Nobody listening is not a failure: the outbox row is the record, read on reconnect.
  await connector.send!(ctx(), { idempotencyKey: 'out-2', text: 'Still there?', recipient: { externalId: 'user:42', handle: 'jo' } });
});

test('send refuses what the visitor could never receive, without retry', async () => {
  const connector = createWebchatConnector(new LocalWebchatHub());
  const refused = async (message: Parameters<NonNullable<typeof connector.send>>[1], reason: SendError['reason']) => {
    await assert.rejects(connector.send!(ctx(), message), (e: unknown) => e instanceof SendError && e.reason === reason && !e.retryable);
  };
  await refused({ idempotencyKey: 'a', text: 'hello' }, 'rejected');
  await refused({ idempotencyKey: 'a', text: 'hello', recipient: { externalId: 'jo@example.com', handle: 'jo' } }, 'rejected');
  await refused({ idempotencyKey: 'a', text: 'x'.repeat(5001), recipient: { externalId: 'visitor:abc', handle: 'v' } }, 'too_long');
  assert.equal(connector.limits.maxLength, 5000);
  assert.equal(connector.limits.canThread, false);
  assert.equal(connector.limits.hasPrivateMessages, true);
});

test('health: misconfigured without allowed origins; fine without an identity secret (anonymous only)', async () => {
  const connector = createWebchatConnector(new LocalWebchatHub());
  assert.deepEqual(await connector.checkHealth!(ctx({ config: {} })), { ok: false, problem: 'misconfigured', detail: 'no allowedOrigins: no web site can embed this chat yet' });
  assert.equal((await connector.checkHealth!(ctx({ secrets: {} }))).ok, true);
  assert.deepEqual(await connector.checkHealth!(ctx()), { ok: true });
});
