import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SeasonalBaseline } from './seasonal-baseline.ts';

const HOUR = 3_600_000;
const START = Date.parse('2026-03-02T00:00:00Z'); // a Monday
/** 40 an hour from 08:00 to 20:00, 4 an hour at night; weekends half. */
const rateAt = (ms: number): number => {
  const date = new Date(ms);
  const weekend = date.getUTCDay() === 0 || date.getUTCDay() === 6 ? 0.5 : 1;
  return (date.getUTCHours() >= 8 && date.getUTCHours() < 20 ? 40 : 4) * weekend;
};

const feed = (baseline: SeasonalBaseline, days: number): void => {
  for (let ms = START; ms < START + days * 24 * HOUR; ms += HOUR) baseline.observe(ms, 1, rateAt(ms));
};

test('before any history there is no estimate; early on it falls back to the overall rate', () => {
  const baseline = new SeasonalBaseline(14);
  assert.equal(baseline.estimate(START), null);
  baseline.observe(START + 10 * HOUR, 1, 40);
  const estimate = baseline.estimate(START + 3 * HOUR)!;
  assert.ok(Math.abs(estimate.rate - 40) < 1e-9, 'one busy hour seen: every hour is expected busy');
  assert.ok(estimate.shape < 100, 'and the estimate is known to be uncertain');
});

test('after two weeks it knows busy days, quiet nights and calmer weekends', () => {
  const baseline = new SeasonalBaseline(14);
  feed(baseline, 14);
  const at = (day: number, hour: number) => baseline.estimate(START + (14 * 24 + day * 24 + hour) * HOUR)!;
  assert.ok(Math.abs(at(0, 14).rate - 40) < 4, `Monday afternoon ${at(0, 14).rate}`);
  assert.ok(Math.abs(at(0, 3).rate - 4) < 1, `Monday night ${at(0, 3).rate}`);
  assert.ok(Math.abs(at(5, 14).rate - 20) < 3, `Saturday afternoon ${at(5, 14).rate}`);
  assert.ok(at(0, 14).shape > 50);
});

test('state round-trips through JSON', () => {
  const baseline = new SeasonalBaseline(14);
  feed(baseline, 3);
  const copy = new SeasonalBaseline(14, JSON.parse(JSON.stringify(baseline.toJSON())));
  assert.deepEqual(copy.estimate(START + 80 * HOUR), baseline.estimate(START + 80 * HOUR));
});
