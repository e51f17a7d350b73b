import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FakeClock } from '../../../platform/clock/index.ts';
import { createHarness } from '../rss/__fixtures__/connector-harness.ts';
import { MAX_BODY_BYTES, examplePayload } from './payload.ts';
import { receiveWebhookDelivery, webhookConnector } from './receive-delivery.ts';
import { ReplayCache, signWebhook } from './signature.ts';

const secret = 'whsec_channel_1';
const clock = new FakeClock('2026-01-05T09:13:00Z');
const ts = (): number => Math.floor(clock.now().getTime() / 1000);

describe('receiveWebhookDelivery', () => {
  it('commits a signed batch, then answers a replay as a duplicate without storing again', async () => {
    const h = createHarness({ config: {}, secrets: { signingSecret: secret } });
    const replay = new ReplayCache(clock);
    const rawBody = JSON.stringify(examplePayload);
    const headers = signWebhook(secret, ts(), rawBody, 'dlv-1');
    const first = await receiveWebhookDelivery(h.ctx(), { headers, rawBody, now: clock.now(), replay });
    assert.deepEqual(first, { status: 202, body: { status: 'accepted', added: 2, duplicates: 0 } });
    assert.deepEqual([...h.stored.keys()], ['vendor-7f3a9c', 'vendor-7f3aa0']);

    const again = await receiveWebhookDelivery(h.ctx(), { headers, rawBody, now: clock.now(), replay });
    assert.deepEqual(again, { status: 200, body: { status: 'duplicate' } });
    assert.equal(h.batches.length, 1);
  });

  it('stores nothing for unsigned, badly signed, stale or malformed deliveries, and counts each', async () => {
    const h = createHarness({ config: {}, secrets: { signingSecret: secret } });
    const replay = new ReplayCache(clock);
    const rawBody = JSON.stringify(examplePayload);
    const call = (headers: Record<string, string>, body = rawBody) =>
      receiveWebhookDelivery(h.ctx(), { headers, rawBody: body, now: clock.now(), replay });

    assert.equal((await call({})).status, 401);
    assert.equal((await call(signWebhook('wrong', ts(), rawBody, 'd1'))).status, 401);
    assert.equal((await call(signWebhook(secret, ts() - 600, rawBody, 'd2'))).status, 401);
    const bad = JSON.stringify({ items: [{ id: 'x', text: 't', createdAt: 'nope', author: { id: 'a', handle: 'h' } }] });
    const malformed = await call(signWebhook(secret, ts(), bad, 'd3'), bad);
    assert.equal(malformed.status, 400);
    assert.deepEqual(malformed.status === 400 && malformed.body.errors.map((e) => e.path), ['/items/0/createdAt']);
    const huge = `{"items":[${' '.repeat(MAX_BODY_BYTES)}]}`;
    assert.equal((await call(signWebhook(secret, ts(), huge, 'd4'), huge)).status, 413);

    assert.equal(h.stored.size, 0);
    assert.deepEqual(
      h.failures.map((f) => f.reason.split(':')[0]),
      ['missing_signature', 'bad_signature', 'stale_timestamp', 'bad_payload', 'too_large'],
    );
    // A malformed delivery was not remembered: once fixed, the same delivery id goes through.
    const ok = await call(signWebhook(secret, ts(), rawBody, 'd3'));
    assert.equal(ok.status, 202);
  });

  it('refuses everything while no secret is set, and says so in its health', async () => {
    const h = createHarness({ config: {} });
    const rawBody = JSON.stringify(examplePayload);
    const outcome = await receiveWebhookDelivery(h.ctx(), {
      headers: signWebhook('', ts(), rawBody, 'd'),
      rawBody,
      now: clock.now(),
      replay: new ReplayCache(clock),
    });
    assert.equal(outcome.status, 503);
    assert.equal((await webhookConnector.checkHealth!(h.ctx())).problem, 'misconfigured');
    const configured = createHarness({ config: {}, secrets: { signingSecret: secret } });
    assert.deepEqual(await webhookConnector.checkHealth!(configured.ctx()), { ok: true });
  });
});
