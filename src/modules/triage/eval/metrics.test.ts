import assert from 'node:assert/strict';
import { test } from 'node:test';
import { accuracy, confusion, macroF1, macroRecall } from './metrics.ts';

test('macro recall, macro F1 and accuracy on a small confusion', () => {
  const truth = ['a', 'a', 'b', 'b'];
  const pred = ['a', 'b', 'b', 'b'];
  const c = confusion(truth, pred, ['a', 'b']);
  assert.deepEqual(c.counts, [[1, 1], [0, 2]]);
  assert.equal(macroRecall(c), 0.75);
  assert.ok(Math.abs(macroF1(c) - (2 / 3 + 0.8) / 2) < 1e-9);
  assert.equal(accuracy(truth, pred), 0.75);
});
