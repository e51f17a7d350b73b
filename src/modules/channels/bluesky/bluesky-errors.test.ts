import { test } from 'node:test';
import assert from 'node:assert/strict';
import { XRPCError } from '@atproto/api';
import { FakeClock } from '../../../platform/clock/index.ts';
import { RateGuard, classifyError, retryAfterFromHeaders } from './bluesky-errors.ts';

const now = new Date('2026-01-05T09:00:00Z');
const epoch = (d: Date) => String(Math.floor(d.getTime() / 1000));

test("ratelimit-reset is read as Bluesky sends it (Unix seconds), or as a delta when small", () => {
  assert.equal(retryAfterFromHeaders({ 'ratelimit-reset': epoch(new Date('2026-01-05T09:05:00Z')) }, now), 300_000);
  assert.equal(retryAfterFromHeaders({ 'ratelimit-reset': '30' }, now), 30_000);
  assert.equal(retryAfterFromHeaders({ 'retry-after': '12' }, now), 12_000);
  assert.equal(retryAfterFromHeaders({ 'retry-after': 'Mon, 05 Jan 2026 09:01:00 GMT' }, now), 60_000);
  assert.equal(retryAfterFromHeaders({}, now), undefined);
});

test('XRPC errors are classified by status and error name', () => {
  const limited = classifyError(
    new XRPCError(429, 'RateLimitExceeded', 'Rate Limit Exceeded', { 'ratelimit-reset': epoch(new Date('2026-01-05T09:02:00Z')) }),
    now,
  );
  assert.equal(limited.problem, 'rate_limited');
  assert.equal(limited.retryAfterMs, 120_000);
  assert.equal(classifyError(new XRPCError(401, 'AuthenticationRequired', 'Invalid identifier or password'), now).problem, 'auth');
  assert.equal(classifyError(new XRPCError(400, 'ExpiredToken', 'Token has expired'), now).problem, 'auth');
  assert.equal(classifyError(new XRPCError(400, 'InvalidRequest', 'Record/text must not be longer'), now).problem, 'rejected');
  assert.equal(classifyError(new XRPCError(502, 'UpstreamFailure', 'bad gateway'), now).problem, 'unreachable');
  assert.equal(classifyError(new TypeError('fetch failed'), now).problem, 'unreachable');
});

test('the rate guard pauses once the remaining budget is nearly spent', () => {
  const clock = new FakeClock('2026-01-05T09:00:00Z');
  const guard = new RateGuard(() => clock.now());
  const reset = epoch(new Date('2026-01-05T09:05:00Z'));
  guard.observe({ 'ratelimit-limit': '3000', 'ratelimit-remaining': '2000', 'ratelimit-reset': reset });
  assert.equal(guard.isPaused, false);
  guard.observe({ 'ratelimit-limit': '3000', 'ratelimit-remaining': '40', 'ratelimit-reset': reset });
  assert.equal(guard.pausedUntil?.toISOString(), '2026-01-05T09:05:00.000Z');
  guard.observe(undefined);
  assert.equal(guard.pausedUntil?.toISOString(), '2026-01-05T09:05:00.000Z', 'a response without headers changes nothing');
});
