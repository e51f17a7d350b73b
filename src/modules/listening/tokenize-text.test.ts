import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { foldText, MAX_MATCHED_CHARS, tokenizeText } from './tokenize-text.ts';

describe('tokenizeText', () => {
  it('splits words on anything that is not a letter or digit, folded', () => {
    const t = tokenizeText("Acme's e-mail app is BROKEN!!! v2.0 acme_support");
    assert.deepEqual(t.words, ['acme', 's', 'e', 'mail', 'app', 'is', 'broken', 'v2', '0', 'acme', 'support']);
  });

  it('folds case and accents, keeping non-Latin scripts intact', () => {
    assert.equal(foldText('Café CRÈME Ĳ'), 'cafe creme ij');
    assert.deepEqual(tokenizeText('Größe Ürün Привет мир').words, ['große', 'urun', 'привет', 'мир']);
    assert.deepEqual(tokenizeText('नमस्ते दुनिया').words, ['नमस्ते', 'दुनिया']);
  });

  it('splits scripts without spaces into characters, keeping Latin runs whole', () => {
    assert.deepEqual(tokenizeText('ACMEのログイン').words, ['acme', 'の', 'ロ', 'ク\u3099', 'イ', 'ン']);
    assert.deepEqual(tokenizeText('退款失败').words, ['退', '款', '失', '败']);
  });

  it('collects hashtags and handles, but not URL fragments or email addresses', () => {
    const t = tokenizeText('Hey @Acme_Support and @acme.bsky.social, #AcmeRefund #acme! see https://x.io/page#top or mail jo@acme.com @jo@mastodon.social.');
    assert.deepEqual([...t.hashtags], ['acmerefund', 'acme']);
    assert.deepEqual([...t.handles], ['acme_support', 'acme.bsky.social', 'acme', 'jo@mastodon.social', 'jo']);
    assert.ok(t.wordSet.has('acme'));
  });

  it('keeps emoji as tokens and survives empty, binary and huge input', () => {
    assert.deepEqual(tokenizeText('love it 🔥🔥').words, ['love', 'it', '🔥', '🔥']);
    assert.deepEqual(tokenizeText('').words, []);
    assert.deepEqual(tokenizeText('\u0000\u0001\uFFFD\uD800').words, []);
    const huge = tokenizeText('word '.repeat(MAX_MATCHED_CHARS));
    assert.equal(huge.words.length, MAX_MATCHED_CHARS / 5);
  });
});
