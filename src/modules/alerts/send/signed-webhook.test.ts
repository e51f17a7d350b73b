import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { signAlertBody, verifyAlertSignature } from './signed-webhook.ts';
import { urlHint } from '../alert-rules.ts';

const secret = 'whsec_example_0123456789';
const body = '{"type":"incident.alert"}';
const now = new Date('2026-01-05T10:00:00Z');
const t = Math.floor(now.getTime() / 1000);

describe('signed alert webhooks', () => {
  it('signs t.body with HMAC-SHA256 as documented', () => {
    const expected = createHmac('sha256', secret).update(`${t}.${body}`).digest('hex');
    assert.equal(signAlertBody(secret, t, body), `t=${t},v1=${expected}`);
  });

  it('verifies a good signature and refuses a changed body, another secret or a stale timestamp', () => {
    const header = signAlertBody(secret, t, body);
    assert.deepEqual(verifyAlertSignature(secret, header, body, now), { ok: true });
    assert.equal(verifyAlertSignature(secret, header, `${body} `, now).ok, false);
    assert.equal(verifyAlertSignature('whsec_other_secret_000000', header, body, now).ok, false);
    assert.deepEqual(verifyAlertSignature(secret, header, body, new Date(now.getTime() + 301_000)), { ok: false, reason: 'timestamp outside 5 minutes' });
    assert.equal(verifyAlertSignature(secret, 'v1=abc', body, now).ok, false);
  });

  it('shows a hint of a URL without its last path segment or query', () => {
    assert.equal(urlHint('https://hooks.slack.com/services/T000/B000/XXXXSECRET'), 'https://hooks.slack.com/services/T000/B000/…');
    assert.equal(urlHint('https://example.test/hook?token=abc'), 'https://example.test/…');
    assert.equal(urlHint('https://example.test'), 'https://example.test');
  });
});
