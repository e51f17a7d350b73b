import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DecayedCounts } from './decayed-counts.ts';

const HOUR = 3_600_000;

test('counts halve relative to new ones after one half-life', () => {
  const table = new DecayedCounts(10, 1000);
  table.add(0, 10, [['old', 10]]);
  table.add(10 * HOUR, 10, [['new', 10]]);
  const old = table.estimate('old');
  const fresh = table.estimate('new');
  assert.ok(Math.abs(old.count - 5) < 1e-9);
  assert.ok(Math.abs(fresh.count - 10) < 1e-9);
  assert.ok(Math.abs(old.total - 15) < 1e-9);
});

test('memory stays bounded and pruned keys report the floor', () => {
  const table = new DecayedCounts(24, 100);
  table.add(0, 1, [['frequent', 50]]);
  for (let i = 0; i < 1000; i++) table.add(i * 1000, 1, [[`rare-${i}`, 1]]);
  assert.ok(table.size <= 100);
  assert.equal(table.top(1)[0], 'frequent');
  const pruned = table.estimate('rare-0');
  assert.ok(pruned.count > 0 && pruned.count <= 1);
});

test('weights renormalise without changing estimates', () => {
  const table = new DecayedCounts(1, 1000);
  table.add(0, 4, [['a', 2]]);
  table.add(200 * HOUR, 4, [['a', 2]]);
  const estimate = table.estimate('a');
  assert.ok(Number.isFinite(estimate.count));
  assert.ok(Math.abs(estimate.count - 2) < 1e-6);
  assert.ok(Math.abs(estimate.total - 4) < 1e-6);
});

test('state round-trips through JSON', () => {
  const table = new DecayedCounts(5, 1000);
  table.add(HOUR, 3, [['x', 2], ['y', 1]]);
  const copy = new DecayedCounts(5, 1000, JSON.parse(JSON.stringify(table.toJSON())));
  assert.deepEqual(copy.estimate('x'), table.estimate('x'));
  assert.deepEqual(copy.toJSON(), table.toJSON());
});
