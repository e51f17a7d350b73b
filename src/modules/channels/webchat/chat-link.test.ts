import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { CHAT_LINK_TOKEN_PATTERN, signChatLink, verifyChatLink } from './chat-link.ts';

const claims = {
  workspaceId: '0b6c5c1e-1111-4a2b-8c3d-000000000001',
  conversationId: '0b6c5c1e-2222-4a2b-8c3d-000000000002',
  customerId: '0b6c5c1e-3333-4a2b-8c3d-000000000003',
  channelId: '0b6c5c1e-4444-4a2b-8c3d-000000000004',
  expiresAt: Date.parse('2026-12-01T00:00:00Z'),
};
const now = new Date('2026-11-25T00:00:00Z');

describe('chat link tokens', () => {
  it('round-trips the claims, in letters only', () => {
    const t = signChatLink('k', claims);
    assert.match(t, new RegExp(CHAT_LINK_TOKEN_PATTERN));
    assert.deepEqual(verifyChatLink('k', t, now), { ok: true, claims });
  });

  it('refuses another key, a changed character and garbage; says expired only for a genuine token', () => {
    const t = signChatLink('k', claims);
    assert.deepEqual(verifyChatLink('other', t, now), { ok: false, reason: 'invalid' });
    const flipped = t.slice(0, 40) + (t[40] === 'a' ? 'b' : 'a') + t.slice(41);
    assert.deepEqual(verifyChatLink('k', flipped, now), { ok: false, reason: 'invalid' });
    assert.deepEqual(verifyChatLink('k', 'abc', now), { ok: false, reason: 'invalid' });
    assert.deepEqual(verifyChatLink('k', t, new Date(claims.expiresAt)), { ok: false, reason: 'expired' });
  });
});
