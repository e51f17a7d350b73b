import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { codePointLength, splitForThread, xWeightedLength } from './split-text.ts';

describe('splitForThread', () => {
  it('keeps a short text whole', () => {
    assert.deepEqual(splitForThread('  Thanks, fixed!  ', 280), ['Thanks, fixed!']);
  });

  it('breaks at spaces into numbered parts that each fit', () => {
    const text = Array.from({ length: 120 }, (_, i) => `word${i}`).join(' ');
    const parts = splitForThread(text, 280, xWeightedLength);
    assert.ok(parts.length > 1);
    parts.forEach((p, i) => {
      assert.ok(xWeightedLength(p) <= 280, `part ${i} is ${xWeightedLength(p)}`);
      assert.ok(p.endsWith(` (${i + 1}/${parts.length})`));
    });
    assert.equal(parts.map((p) => p.replace(/ \(\d+\/\d+\)$/, '')).join(' '), text, 'no word lost or cut');
  });

  it('cuts a word longer than a part, and repeats a prefix on every part', () => {
    const parts = splitForThread(`see ${'x'.repeat(700)} end`, 500, codePointLength, '@jo@mastodon.example ');
    assert.ok(parts.every((p) => p.startsWith('@jo@mastodon.example ') && [...p].length <= 500));
    const rejoined = parts.map((p) => p.replace(/^@\S+ /, '').replace(/ \(\d+\/\d+\)$/, '')).join('');
    assert.equal(rejoined.replace(/\s/g, ''), `see${'x'.repeat(700)}end`, 'nothing lost');
  });
});

describe('xWeightedLength', () => {
  it('counts Latin as 1, CJK and emoji as 2, any URL as 23', () => {
    assert.equal(xWeightedLength('hello'), 5);
    assert.equal(xWeightedLength('こんにちは'), 10);
    assert.equal(xWeightedLength('ok 👍'), 5);
    assert.equal(xWeightedLength('see https://example.com/a/very/long/path/that/goes/on?and=on'), 4 + 23);
  });
});
