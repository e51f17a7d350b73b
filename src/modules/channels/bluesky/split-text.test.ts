import { test } from 'node:test';
import assert from 'node:assert/strict';
import { graphemeLength, splitForThread } from './split-text.ts';

const withoutMarker = (part: string) => part.replace(/ \(\d+\/\d+\)$/, '');

test('a reply that fits is one post, unchanged but trimmed', () => {
  assert.deepEqual(splitForThread('  Thanks, we are on it.  '), ['Thanks, we are on it.']);
  assert.deepEqual(splitForThread('   '), []);
});

test('exactly 300 graphemes still fit in one post', () => {
  const text = 'a'.repeat(300);
  assert.deepEqual(splitForThread(text), [text]);
});

test('a long reply splits at sentence ends into numbered parts that each fit', () => {
  const sentence = 'Your order left our warehouse on Monday and should arrive this week. ';
  const text = sentence.repeat(12).trim();
  const parts = splitForThread(text);
  assert.equal(parts.length, 3);
  parts.forEach((p, i) => {
    assert.ok(graphemeLength(p) <= 300, `part ${i + 1} has ${graphemeLength(p)} graphemes`);
    assert.ok(p.endsWith(` (${i + 1}/3)`));
    assert.ok(withoutMarker(p).endsWith('week.'), 'breaks after a full sentence');
  });
  assert.equal(parts.map(withoutMarker).join(' '), text);
});

test('a paragraph break is preferred over a later sentence end', () => {
  const first = 'First paragraph sentence. '.repeat(7).trim();
  const second = 'Second paragraph goes on and on. '.repeat(8).trim();
  const parts = splitForThread(`${first}\n\n${second}`);
  assert.equal(withoutMarker(parts[0] ?? ''), first);
});

test('graphemes, not UTF-16 units, are counted: skin-toned emoji are one each', () => {
  const text = '👍🏽'.repeat(290);
  assert.equal(text.length, 1160);
  assert.deepEqual(splitForThread(text), [text]);
});

test('a word longer than a post is cut, and nothing is lost', () => {
  const word = 'x'.repeat(700);
  const parts = splitForThread(word);
  assert.equal(parts.length, 3);
  for (const p of parts) assert.ok(graphemeLength(p) <= 300);
  assert.equal(parts.map(withoutMarker).join(''), word);
});

test('parts stay under 3000 bytes when graphemes are many bytes each', () => {
  const family = '👨‍👩‍👧‍👦'; // 25 bytes, one grapheme
  const parts = splitForThread(family.repeat(250));
  assert.ok(parts.length > 1);
  for (const p of parts) {
    assert.ok(Buffer.byteLength(p) <= 3000, `${Buffer.byteLength(p)} bytes`);
    assert.ok(graphemeLength(p) <= 300);
  }
  assert.equal(parts.map(withoutMarker).join(''), family.repeat(250));
});
