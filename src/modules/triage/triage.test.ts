import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createTriage } from './triage.ts';

const triage = createTriage();

test('an angry, influential, waiting customer gets a high priority with reasons', () => {
  const now = Date.parse('2026-01-05T10:00:00Z');
  const r = triage.enrich(
    { text: '@acme my internet is down again, third time this week. I am going to cancel!', author: { followers: 120_000, verified: true } },
    { now, waitingSinceMs: now - 42 * 60_000, customer: { isVip: true } },
  );
  assert.equal(r.language, 'en');
  assert.equal(r.sentiment, 'negative');
  assert.equal(r.needsResponse, true);
  assert.ok(r.priority >= 70, `priority ${r.priority}`);
  for (const reason of ['120k followers, verified', "says 'cancel'", 'waiting 42 min', 'VIP customer'])
    assert.ok(r.reasons.includes(reason), `${reason} in ${r.reasons.join(' | ')}`);
  assert.ok(r.reasons.some((x) => /^negative, 0\.\d\d$/.test(x)));
  assert.ok(r.urgencyCues.some((c) => c.cue === 'outage'));
});

test('praise and spam rank low; spam needs no response', () => {
  const praise = triage.enrich({ text: 'Thank you so much @acme, the support team was amazing today!' });
  const spam = triage.enrich({ text: 'FREE followers!!! click here http://x.y follow me #follow #likes #free' });
  assert.equal(praise.sentiment, 'positive');
  assert.equal(spam.intent, 'spam');
  assert.equal(spam.needsResponse, false);
  assert.ok(spam.priority < 15 && praise.priority < 30);
});

test('a question needs a response', () => {
  const r = triage.enrich({ text: 'How do I change the email address on my account?' });
  assert.equal(r.intent, 'question');
  assert.equal(r.needsResponse, true);
});

test('workspace weights change the priority', () => {
  const input = { text: 'my order is late', author: { followers: 50_000 } };
  const base = triage.enrich(input).priority;
  const heavy = triage.enrich(input, { weights: { influence: 60 } }).priority;
  assert.ok(heavy > base);
});

test('bad input gives a low-confidence result, never an exception', () => {
  for (const text of ['', '   ', '😡😡😡', '\u0000\u0001\u0002\uFFFD', 'x'.repeat(200_000), 'ӂҗ҈҉Ҋ', null as unknown as string]) {
    const r = triage.enrich({ text });
    assert.ok(r.confidence < 0.3, `confidence ${r.confidence}`);
    assert.ok(r.priority >= 0 && r.priority <= 100);
    assert.ok(Number.isFinite(r.sentimentScore));
  }
  assert.doesNotThrow(() => triage.enrich(undefined as never));
});

test('the text analysis run ahead gives the same triage as running it inline', () => {
  const texts = ['My order #123 never arrived and nobody answers, this is the third time!!', 'love the new app 😍', 'how do I reset my password?', 'BUY CHEAP FOLLOWERS http://spam.example', ''];
  const ctx = { now: 10_000_000, waitingSinceMs: 10_000_000 - 45 * 60_000, repeatContacts: 2, customer: { tier: 'enterprise', isVip: true } };
  const ahead = texts.map((t) => triage.analyze(t));
  // Interleave other texts: the analysis must not share the scorer's scratch buffers.
  texts.forEach((t, i) => {
    triage.analyze('something else entirely, unrelated to the text above');
    assert.deepEqual(triage.enrich({ text: t, author: { followers: 12_000 } }, ctx, ahead[i]), triage.enrich({ text: t, author: { followers: 12_000 } }, ctx));
  });
  // An analysis of another text is not used for this one.
  assert.deepEqual(triage.enrich({ text: texts[0]! }, ctx, ahead[1]), triage.enrich({ text: texts[0]! }, ctx));
});
