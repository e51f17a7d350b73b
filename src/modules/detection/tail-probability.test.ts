import { test } from 'node:test';
import assert from 'node:assert/strict';
import { logGamma, logUpperTail, logPoissonUpperTail, surprise, upperBound } from './tail-probability.ts';

/** P(X >= k) by summing the probability mass function, for checking. */
const nbTailBySum = (k: number, mean: number, size: number): number => {
  const p = size / (size + mean);
  let below = 0;
  for (let x = 0; x < k; x++) {
    below += Math.exp(
      logGamma(x + size) - logGamma(size) - logGamma(x + 1) + size * Math.log(p) + x * Math.log1p(-p),
    );
  }
  return 1 - below;
};

const poissonTailBySum = (k: number, mean: number): number => {
  let below = 0;
  for (let x = 0; x < k; x++) below += Math.exp(-mean + x * Math.log(mean) - logGamma(x + 1));
  return 1 - below;
};

test('logGamma matches factorials', () => {
  assert.ok(Math.abs(logGamma(5) - Math.log(24)) < 1e-10);
  assert.ok(Math.abs(logGamma(0.5) - Math.log(Math.sqrt(Math.PI))) < 1e-10);
});

test('negative binomial upper tail matches the summed mass function', () => {
  for (const [k, mean, size] of [
    [3, 2, 5],
    [10, 4, 2],
    [1, 0.3, 0.5],
    [7, 6.5, 100],
  ] as const) {
    const expected = nbTailBySum(k, mean, size);
    assert.ok(Math.abs(Math.exp(logUpperTail(k, mean, size)) - expected) < 1e-9, `k=${k} mean=${mean}`);
  }
});

test('Poisson upper tail matches the summed mass function on both sides of the mean', () => {
  for (const [k, mean] of [
    [2, 5],
    [5, 2],
    [30, 10],
  ] as const) {
    assert.ok(Math.abs(Math.exp(logPoissonUpperTail(k, mean)) - poissonTailBySum(k, mean)) < 1e-9);
  }
  assert.ok(Math.abs(Math.exp(logUpperTail(30, 10, Infinity)) - poissonTailBySum(30, 10)) < 1e-9);
});

test('extreme counts give large finite surprise; nothing at or below zero is surprising', () => {
  const s = surprise(200, 3, 10);
  assert.ok(Number.isFinite(s) && s > 40);
  assert.equal(surprise(0, 3, 10), 0);
  assert.ok(surprise(3, 3, 10) < 1);
});

test('overdispersion makes the same count less surprising', () => {
  assert.ok(surprise(20, 5, Infinity) > surprise(20, 5, 2));
});

test('upperBound is the last count that is not surprising', () => {
  const u = upperBound(10, 20, 3);
  assert.ok(surprise(u, 10, 20) < 3);
  assert.ok(surprise(u + 1, 10, 20) >= 3);
  assert.equal(upperBound(0, 20, 3), 0);
});
