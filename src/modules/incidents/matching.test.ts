import { test } from 'node:test';
import assert from 'node:assert/strict';
import { matcherFor, normaliseMatchTerms, termsOverlap } from './matching.ts';
import { hasCrossed, viralityThresholdOf } from './virality.ts';

test('match terms are normalised like the detector reads text', () => {
  assert.deepEqual(normaliseMatchTerms(['Battery  OVERHEATING', 'the login', '  ', 'Login']), ['battery overheating', 'login']);
});

test('a phrase matches when all its words are in the mention; lone common words next to phrases do not', () => {
  const m = matcherFor(['battery overheating', 'phone', 'hot'])!;
  assert.equal(m.matches('My BATTERY is overheating again!'), true);
  assert.equal(m.matches('Overheating battery on my X2 https://x.co/abc'), true);
  assert.equal(m.matches('my phone is hot'), false);
  assert.equal(m.matches('battery life is great'), false);
});

test('single words only: all of them are needed', () => {
  const m = matcherFor(['login', 'error'])!;
  assert.equal(m.matches('Login error on the app'), true);
  assert.equal(m.matches('cannot login'), false);
  assert.equal(matcherFor([]), null);
  assert.equal(matcherFor(['the', 'a']), null, 'stop words alone match nothing');
});

test('alerts overlap an incident when they share its phrase, not just a common word', () => {
  assert.equal(termsOverlap(['battery overheating', 'phone'], ['phone', 'battery overheating', 'hot']), true);
  assert.equal(termsOverlap(['battery overheating', 'phone'], ['screen cracked', 'phone']), false);
  assert.equal(termsOverlap(['outage'], ['outage', 'server down']), true);
  assert.equal(termsOverlap([], ['outage']), false);
});

test('virality threshold: sensible defaults, workspace settings override, invalid values ignored', () => {
  assert.deepEqual(viralityThresholdOf({}), { mentions: 500, reach: 1_000_000 });
  assert.deepEqual(viralityThresholdOf({ viralityThreshold: { mentions: 20, reach: -3 } }), { mentions: 20, reach: 1_000_000 });
  assert.equal(hasCrossed({ mentionCount: 20, reach: 0 }, { mentions: 20, reach: 100 }), true);
  assert.equal(hasCrossed({ mentionCount: 19, reach: 99 }, { mentions: 20, reach: 100 }), false);
});
