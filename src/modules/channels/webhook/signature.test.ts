import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { describe, it } from 'node:test';
import { FakeClock } from '../../../platform/clock/index.ts';
import { ReplayCache, signWebhook, verifyWebhook } from './signature.ts';

const secret = 'whsec_lookout_example';
const now = new Date('2026-01-05T09:12:44Z');
const ts = Math.floor(now.getTime() / 1000);
const body = JSON.stringify({ items: [{ id: 'a', text: 'hi' }] });

describe('webhook signatures', () => {
  it('matches the documented test vector and an independent HMAC', () => {
    const headers = signWebhook(secret, 1767604364, '{"items":[]}', 'd-1');
    assert.equal(headers['x-lookout-signature'], 'v1=8c973f0b4c689b2c169ce965a766375460c2ec38cddc2a64ef6c135c4d68af51');
    assert.equal(headers['x-lookout-timestamp'], '1767604364');
    const independent = createHmac('sha256', secret).update(`${ts}.${body}`).digest('hex');
    assert.equal(signWebhook(secret, ts, body, 'd-2')['x-lookout-signature'], `v1=${independent}`);
  });

  it('accepts a good signature, from a Headers object or a plain header record', () => {
    const headers = signWebhook(secret, ts, body, 'delivery-1');
    const result = verifyWebhook({ secret, headers, rawBody: body, now });
    assert.equal(result.ok, true);
    assert.equal(result.ok && result.deliveryId, 'delivery-1');
    assert.equal(verifyWebhook({ secret, headers: new Headers(headers), rawBody: Buffer.from(body), now }).ok, true);
  });

  it('accepts the old or the new secret during a rotation, and several v1 values', () => {
    const headers = signWebhook('old-secret', ts, body, 'delivery-2');
    assert.equal(verifyWebhook({ secret: ['new-secret', 'old-secret'], headers, rawBody: body, now }).ok, true);
    const both = { ...headers, 'x-lookout-signature': `v1=${'0'.repeat(64)}, ${headers['x-lookout-signature']}` };
    assert.equal(verifyWebhook({ secret: 'old-secret', headers: both, rawBody: body, now }).ok, true);
  });

  const errorOf = (input: Partial<Parameters<typeof verifyWebhook>[0]>): string => {
    const result = verifyWebhook({ secret, headers: signWebhook(secret, ts, body, 'd'), rawBody: body, now, ...input });
    return result.ok ? 'ok' : result.error;
  };

  it('refuses a tampered body or a wrong secret', () => {
    assert.equal(errorOf({ rawBody: body.replace('hi', 'hello') }), 'bad_signature');
    assert.equal(errorOf({ rawBody: `${body} ` }), 'bad_signature');
    assert.equal(errorOf({ secret: 'not-the-secret' }), 'bad_signature');
    assert.equal(errorOf({ headers: { ...signWebhook(secret, ts, body, 'd'), 'x-lookout-timestamp': String(ts + 1) } }), 'bad_signature');
  });

  it('refuses missing or malformed headers', () => {
    const good = signWebhook(secret, ts, body, 'd');
    for (const name of ['x-lookout-timestamp', 'x-lookout-signature', 'x-lookout-delivery']) {
      const headers: Record<string, string> = { ...good };
      delete headers[name];
      assert.equal(errorOf({ headers }), 'missing_signature', name);
    }
    assert.equal(errorOf({ headers: { ...good, 'x-lookout-signature': 'sha256=abc' } }), 'missing_signature');
    assert.equal(errorOf({ headers: { ...good, 'x-lookout-timestamp': 'yesterday' } }), 'missing_signature');
    assert.equal(errorOf({ headers: { ...good, 'x-lookout-delivery': 'has spaces' } }), 'missing_signature');
  });

  it('refuses timestamps more than five minutes away, either way', () => {
    assert.equal(errorOf({ now: new Date(now.getTime() + 300_000) }), 'ok');
    assert.equal(errorOf({ now: new Date(now.getTime() + 301_000) }), 'stale_timestamp');
    assert.equal(errorOf({ now: new Date(now.getTime() - 301_000) }), 'stale_timestamp');
  });

  it('refuses a replayed delivery id, and a replay that changed only its delivery id', () => {
    const clock = new FakeClock(now);
    const cache = new ReplayCache(clock);
    const headers = signWebhook(secret, ts, body, 'delivery-9');
    const first = verifyWebhook({ secret, headers, rawBody: body, now, seenIds: cache });
    assert.ok(first.ok);
    cache.add(first.replayKeys);
    assert.equal(errorOf({ headers, seenIds: cache }), 'replayed');
    assert.equal(errorOf({ headers: { ...headers, 'x-lookout-delivery': 'delivery-10' }, seenIds: cache }), 'replayed');
    // A new delivery with its own signature passes.
    assert.equal(errorOf({ headers: signWebhook(secret, ts + 1, body, 'delivery-10'), seenIds: cache }), 'ok');
    // Keys are forgotten once no timestamp could still be fresh.
    clock.advance(10 * 60 * 1000 + 1);
    assert.equal(cache.has('delivery:delivery-9'), false);
  });
});
