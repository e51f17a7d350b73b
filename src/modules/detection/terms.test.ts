import { test } from 'node:test';
import assert from 'node:assert/strict';
import { contentWords, extractTerms } from './terms.ts';

test('drops links, handles, numbers and stopwords; keeps hashtag words', () => {
  assert.deepEqual(contentWords('RT @acme_help: My #Battery is overheating again!! 3 times https://t.co/x'), [
    'battery',
    'overheating',
    'times',
  ]);
});

test('adds neighbouring bigrams once each', () => {
  const terms = extractTerms("Login error, login error: can't log in");
  assert.deepEqual(terms, ['login', 'error', 'log', 'login error', 'error login', 'error log']);
});

test('an email address is not a handle and apostrophes join words', () => {
  assert.deepEqual(contentWords("ops@acme.io can't sign-in"), ['ops', 'acme', 'io', 'sign-in']);
});

test('empty and symbol-only texts give no terms', () => {
  assert.deepEqual(extractTerms(''), []);
  assert.deepEqual(extractTerms('!!! ??? 123'), []);
});

test('full-width letters fold to their plain forms', () => {
  assert.deepEqual(contentWords('ＬＯＧＩＮ ｅｒｒｏｒ'), ['login', 'error']);
});
