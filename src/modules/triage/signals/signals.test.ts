import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compactCount, scoreInfluence } from './influence.ts';
import { intentRuleHits } from './intent-rules.ts';
import { findTextCues } from './urgency-cues.ts';

test('urgency cues quote the words that triggered them', () => {
  const cues = findTextCues('the app is down again and i will cancel my account, my lawyer agrees');
  assert.deepEqual(cues.map((c) => c.cue), ['outage', 'legal', 'cancellation', 'repeated_contact']);
  assert.equal(cues.find((c) => c.cue === 'cancellation')?.evidence, 'cancel');
});

test('safety and media cues', () => {
  assert.deepEqual(findTextCues('my charger caught fire, contacting the press').map((c) => c.cue), ['safety', 'media']);
  assert.deepEqual(findTextCues('lovely weather today'), []);
});

test('influence grows with followers on a log scale and says why', () => {
  const small = scoreInfluence({ followers: 10 });
  const big = scoreInfluence({ followers: 120_000, verified: true });
  assert.ok(big.score > small.score);
  assert.ok(big.score <= 1);
  assert.deepEqual(big.reasons, ['120k followers', 'verified']);
  assert.equal(scoreInfluence({ followers: Number.NaN }).score, 0);
});

test('compact counts read like people write them', () => {
  assert.equal(compactCount(950), '950');
  assert.equal(compactCount(1234), '1.2k');
  assert.equal(compactCount(120_000), '120k');
  assert.equal(compactCount(3_400_000), '3.4M');
});

test('intent rules fire in priority order', () => {
  assert.deepEqual(intentRuleHits('@user you charged me twice ?').map((h) => h.intent), ['billing', 'question']);
  assert.equal(intentRuleHits('free followers click here http')[0]?.intent, 'spam');
});
