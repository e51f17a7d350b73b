import { test } from 'node:test';
import assert from 'node:assert/strict';
import { computeIdentityHash, isIdentityHashValid, resolveVisitor } from './identity.ts';

// Vectors computed independently: printf %s 'user_123' | openssl dgst -sha256 -hmac '0123456789abcdef'
// (what Chatwoot's OpenSSL::HMAC.hexdigest('sha256', secret, identifier) and Intercom's user_hash give).
const SECRET = '0123456789abcdef';
const USER = 'user_123';
const GOOD = '15e37aae7cf3f58ad02fa7b8d6c71d32a0b2f4bdd16b11fe03aeee685ab1f53c';

test('the identity hash is hex HMAC-SHA256 of the user id under the identity secret', () => {
  assert.equal(computeIdentityHash(SECRET, USER), GOOD);
  assert.equal(computeIdentityHash('chatwoot-secret', '42'), '5df36b2501cfc67eeda49bcd43650647425725fea640f5e2fb885e6f8edfbbda');
});

test('a good hash verifies, in either case', () => {
  assert.equal(isIdentityHashValid(SECRET, USER, GOOD), true);
  assert.equal(isIdentityHashValid(SECRET, USER, GOOD.toUpperCase()), true);
});

test('a wrong hash, another user id, another secret or no secret do not verify', () => {
  assert.equal(isIdentityHashValid(SECRET, USER, GOOD.replace(/^1/, '2')), false);
  assert.equal(isIdentityHashValid(SECRET, 'user_124', GOOD), false);
  assert.equal(isIdentityHashValid('another-secret', USER, GOOD), false);
  assert.equal(isIdentityHashValid(undefined, USER, GOOD), false);
  assert.equal(isIdentityHashValid(SECRET, USER, ''), false);
});

test('a verified visitor is filed as user:<id> with their email; the visitor id no longer matters', () => {
  const r = resolveVisitor({ identitySecret: SECRET }, 'v-aaaaaaaaaaaaaaaa', { userId: USER, email: 'Jo@Example.com', name: 'Jo Bloggs', hash: GOOD });
  assert.ok(r.ok);
  assert.equal(r.key, 'user:user_123');
  assert.equal(r.verified, true);
  assert.deepEqual(r.author, { externalId: 'user:user_123', handle: 'jo@example.com', displayName: 'Jo Bloggs', email: 'jo@example.com', verified: true });
});

test('a wrong hash is refused, and so is any hash when the channel has no identity secret', () => {
  assert.deepEqual(resolveVisitor({ identitySecret: SECRET }, 'v-aaaaaaaaaaaaaaaa', { userId: USER, hash: '0'.repeat(64) }), { ok: false, reason: 'bad_identity_hash' });
  assert.deepEqual(resolveVisitor({}, 'v-aaaaaaaaaaaaaaaa', { userId: USER, hash: GOOD }), { ok: false, reason: 'identity_not_configured' });
});

test('no hash: an anonymous visitor, whatever user id, email or name the page claims', () => {
  const r = resolveVisitor({ identitySecret: SECRET }, 'v-aaaaaaaaaaaaaaaa', { userId: 'ceo', email: 'ceo@acme.test', name: 'The CEO' });
  assert.ok(r.ok);
  assert.equal(r.key, 'visitor:v-aaaaaaaaaaaaaaaa');
  assert.equal(r.verified, false);
  assert.equal(r.author.email, undefined);
  assert.equal(r.author.displayName, null);
  const none = resolveVisitor({}, 'v-bbbbbbbbbbbbbbbb');
  assert.ok(none.ok);
  assert.equal(none.key, 'visitor:v-bbbbbbbbbbbbbbbb');
});
