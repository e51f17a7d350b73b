import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { createHarness } from '../rss/__fixtures__/connector-harness.ts';
import { crcResponse, mapAccountActivity, receiveAccountActivity, verifyXSignature, type AccountActivityPayload } from './account-activity.ts';

const raw = (name: string): string => readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8');

describe('X Account Activity webhooks', () => {
  it('answers the CRC challenge as X documents it', () => {
    // The consumer secret and crc_token of the example in X's published CRC samples; the expected
    // token was computed with `openssl dgst -sha256 -hmac <secret> -binary | base64`.
    assert.deepEqual(crcResponse('z3ZX4v7mAAUGykl3EcmkqbartmuW8VFOOzCloLx9Q45P0hLrFu', '9b4507b3-9040-4669-9ca3-6b94edb50553'), {
      response_token: 'sha256=Cytd4Sq+NvEcV3MMrXxWJGJx5A+y/lXzzU2Maartkx8=',
    });
    // And the spec's recipe, computed here: base64(HMAC-SHA256(key = consumer secret, message = crc_token)).
    const token = 'crc-' + 'x'.repeat(40);
    const expected = createHmac('sha256', 'another-secret').update(token).digest('base64');
    assert.equal(crcResponse('another-secret', token).response_token, `sha256=${expected}`);
  });

  it('verifies x-twitter-webhooks-signature over the raw body', () => {
    const body = raw('account-activity-events.json');
    const header = `sha256=${createHmac('sha256', 'consumer-secret').update(body).digest('base64')}`;
    assert.equal(verifyXSignature('consumer-secret', body, header), true);
    assert.equal(verifyXSignature('consumer-secret', Buffer.from(body), [header]), true);
    assert.equal(verifyXSignature('consumer-secret', body.replace('10/10', '11/10'), header), false);
    assert.equal(verifyXSignature('other-secret', body, header), false);
    assert.equal(verifyXSignature('consumer-secret', body, header.replace('sha256=', '')), false);
    assert.equal(verifyXSignature('consumer-secret', body, undefined), false);
    assert.equal(verifyXSignature('', body, header), false);
  });

  it('maps tweet_create_events (full text of extended tweets) and DMs', () => {
    const [tweet] = mapAccountActivity(JSON.parse(raw('account-activity-events.json')) as AccountActivityPayload);
    assert.equal(tweet?.externalId, '1877002500000000300');
    assert.equal(tweet?.kind, 'reply');
    assert.equal(tweet?.inReplyTo, '1877002100000000200');
    assert.ok(tweet?.text.endsWith('until it paired again. 10/10'));
    assert.equal(tweet?.authoredAt.toISOString(), '2026-01-05T09:30:12.000Z');
    assert.equal(tweet?.author.externalId, '98765432');
    assert.equal(tweet?.author.followers, 1204);
    assert.equal(tweet?.isOwn, false);

    const [dm] = mapAccountActivity(JSON.parse(raw('account-activity-dm.json')) as AccountActivityPayload);
    assert.equal(dm?.externalId, 'dm:1877002600000000400');
    assert.equal(dm?.kind, 'dm');
    assert.equal(dm?.visibility, 'private');
    assert.equal(dm?.text, 'Here is my order number: A-1187');
    assert.equal(dm?.author.handle, 'jo_writes');
    assert.equal(dm?.authoredAt.toISOString(), '2026-01-05T09:31:40.123Z');
  });

  it('commits a signed delivery and refuses a badly signed or unparsable one', async () => {
    const h = createHarness({ config: { userId: '1170000000000000001' }, secrets: { appSecret: 'consumer-secret' } });
    const body = raw('account-activity-events.json');
    const sign = (b: string): string => `sha256=${createHmac('sha256', 'consumer-secret').update(b).digest('base64')}`;
    assert.deepEqual(await receiveAccountActivity(h.ctx(), { rawBody: body, signature: sign(body) }), { status: 200, body: { added: 1, duplicates: 0 } });
    assert.deepEqual(await receiveAccountActivity(h.ctx(), { rawBody: body, signature: 'sha256=AAAA' }), { status: 401, body: { error: 'bad_signature' } });
    assert.deepEqual(await receiveAccountActivity(h.ctx(), { rawBody: '{nope', signature: sign('{nope') }), { status: 400, body: { error: 'invalid_payload' } });
    assert.equal(h.stored.size, 1);
    assert.deepEqual(h.failures.map((f) => f.reason.split(':')[0]), ['bad_signature', 'bad_payload']);
  });
});
