import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MAX_CHARS, tokenize } from './tokenize.ts';

test('masks users and links, keeps hashtags, emoji and emoticons', () => {
  const t = tokenize('@Delta see https://t.co/abc #fail 😡 :(');
  assert.deepEqual(t.words, ['@user', 'see', 'http', '#fail', '😡', ':(']);
  assert.equal(t.stats.startsWithMention, true);
  assert.equal(t.stats.urls, 1);
  assert.equal(t.stats.emoji, 1);
});

test('cuts elongations to two letters and counts them', () => {
  const t = tokenize('sooooo goooood');
  assert.deepEqual(t.words, ['soo', 'good']);
  assert.equal(t.stats.elongated, 2);
});

test('flags words inside a negation scope until punctuation', () => {
  const t = tokenize("this is not good at all. great");
  const flagged = t.words.filter((_, i) => t.negated[i] === 1);
  assert.deepEqual(flagged, ['good', 'at', 'all']);
});

test('decodes literal \\u escapes and HTML entities', () => {
  assert.deepEqual(tokenize('don\\u2019t &amp; stop').words, ["don't", 'stop']);
});

test('huge input is truncated, never slow or throwing', () => {
  const t = tokenize('word '.repeat(100_000));
  assert.ok(t.stats.length <= MAX_CHARS);
  assert.ok(t.words.length <= MAX_CHARS / 2);
});

test('binary garbage and empty text give no words', () => {
  assert.deepEqual(tokenize('').words, []);
  assert.deepEqual(tokenize('\u0000\u0001\u0002\uFFFD').words, []);
});
