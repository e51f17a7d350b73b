import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compileQuery } from './compile-query.ts';
import { parseQuery } from './parse-query.ts';
import { tokenizeText } from './tokenize-text.ts';

const matches = (query: string, text: string): boolean => compileQuery(parseQuery(query))(text);

describe('compileQuery', () => {
  it('matches the issue example', () => {
    const q = 'acme AND (refund OR broken) -hiring';
    assert.equal(matches(q, 'My ACME blender arrived broken'), true);
    assert.equal(matches(q, 'acme: where is my refund?'), true);
    assert.equal(matches(q, 'Acme is hiring! Refund specialists wanted'), false);
    assert.equal(matches(q, 'acme is great'), false);
  });

  it('matches whole words only, never substrings', () => {
    assert.equal(matches('acme', 'Moving to Acmeville next week'), false);
    assert.equal(matches('acme', "Acme's support rocks"), true);
    assert.equal(matches('acme', 'visit acme.com today'), true);
    assert.equal(matches('refund', 'refunds please'), false);
    assert.equal(matches('refund*', 'refunds please'), true);
    assert.equal(matches('refund*', 'no money back'), false);
  });

  it('matches phrases as consecutive words', () => {
    assert.equal(matches('"login error" OR outage', 'I get a LOGIN ERROR every time'), true);
    assert.equal(matches('"login error" OR outage', 'login shows an error'), false);
    assert.equal(matches('"login error" OR outage', 'is there an outage?'), true);
    assert.equal(matches('e-mail', 'my e mail bounced'), true);
  });

  it('is case-, accent- and script-aware', () => {
    assert.equal(matches('cafe', 'Le CAFÉ est froid'), true);
    assert.equal(matches('привет', 'ПРИВЕТ всем'), true);
    assert.equal(matches('ログイン', 'ACMEのログインができない'), true);
    assert.equal(matches('"ログ イン"', 'ログイン'), true);
    assert.equal(matches('退款', '我要退款'), true);
    assert.equal(matches('🔥', 'this is 🔥'), true);
  });

  it('keeps hashtags and handles precise, and plain words broad', () => {
    assert.equal(matches('#acme', 'loving #Acme today'), true);
    assert.equal(matches('#acme', 'loving acme today'), false);
    assert.equal(matches('acme', 'loving #acme today'), true);
    assert.equal(matches('#acme', 'loving #AcmeRefund'), false);
    assert.equal(matches('@acme', 'hey @acme help'), true);
    assert.equal(matches('@acme', 'hey @acme.bsky.social help'), true);
    assert.equal(matches('@acme', 'hey @acme@mastodon.social help'), true);
    assert.equal(matches('@acme', 'write to jo@acme.com'), false);
    assert.equal(matches('@acme', 'hey @acmeville'), false);
    assert.equal(matches('acme', 'hey @acme_support'), true);
  });

  it('takes text tokenised once for many queries', () => {
    const text = tokenizeText('acme outage again');
    assert.equal(compileQuery(parseQuery('acme outage'))(text), true);
    assert.equal(compileQuery(parseQuery('acme -outage'))(text), false);
  });

  it('never throws on odd input', () => {
    const m = compileQuery(parseQuery('acme OR "a b"'));
    for (const text of ['', '\u0000\uD800', '🔥'.repeat(10_000), 'a '.repeat(100_000)]) assert.equal(typeof m(text), 'boolean');
  });
});
