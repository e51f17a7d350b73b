import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEFAULT_FEATURES, FeatureVector, featurize } from './features.ts';
import { tokenize } from './tokenize.ts';

const features = (text: string) => {
  const fv = featurize(tokenize(text), DEFAULT_FEATURES, new FeatureVector(8));
  return { hashes: [...fv.hashes.slice(0, fv.size)], values: [...fv.values.slice(0, fv.size)] };
};

test('the same text always hashes to the same features', () => {
  assert.deepEqual(features('my order is late'), features('my order is late'));
});

test('negated words hash differently from plain ones', () => {
  const plain = new Set(features('good').hashes);
  const negated = features('not good').hashes;
  assert.ok(negated.some((h) => !plain.has(h)));
});

test('word and character groups are scaled to unit norm', () => {
  const fv = featurize(tokenize('hello there friend'), { ...DEFAULT_FEATURES, charMax: 0, shapeWeight: 0 }, new FeatureVector());
  let norm = 0;
  for (let i = 0; i < fv.size; i++) norm += fv.values[i]! ** 2;
  assert.ok(Math.abs(norm - 1) < 1e-6);
});

test('the buffer grows past its capacity', () => {
  const fv = featurize(tokenize('a fairly long sentence '.repeat(20)), DEFAULT_FEATURES, new FeatureVector(4));
  assert.ok(fv.size > 4);
});
