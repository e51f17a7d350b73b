import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sendRateOf } from '../modules/conversations/index.ts';
import { SendRateLimiter } from './outbox.ts';

describe('per-channel send rate', () => {
  it('takes the channel config, else the kind default, with a quarter-minute burst', () => {
    assert.deepEqual(sendRateOf({ kind: 'x', config: {} }), { perMinute: 30, burst: 8 });
    assert.deepEqual(sendRateOf({ kind: 'email', config: { sendsPerMinute: 6 } }), { perMinute: 6, burst: 2 });
    assert.deepEqual(sendRateOf({ kind: 'unknown', config: { sendsPerMinute: -1, sendBurst: 3 } }), { perMinute: 30, burst: 3 });
  });

  it('lets a burst through, then one send per interval, per channel', () => {
    const limiter = new SendRateLimiter();
    const rate = { perMinute: 6, burst: 2 };
    const t0 = new Date('2026-01-05T09:00:00Z');
    const at = (ms: number) => new Date(t0.getTime() + ms);
    assert.equal(limiter.take('a', rate, t0), 0);
    assert.equal(limiter.take('a', rate, t0), 0);
    assert.equal(limiter.take('a', rate, t0), 10_000, 'the burst is spent: wait one interval');
    assert.equal(limiter.take('b', rate, t0), 0, 'another channel has its own bucket');
    assert.equal(limiter.take('a', rate, at(4_000)), 6_000);
    assert.equal(limiter.take('a', rate, at(10_000)), 0);
    assert.equal(limiter.take('a', rate, at(10_000)), 10_000);
    // A long quiet spell refills to the burst, not beyond it.
    assert.equal(limiter.take('a', rate, at(600_000)), 0);
    assert.equal(limiter.take('a', rate, at(600_000)), 0);
    assert.ok(limiter.take('a', rate, at(600_000)) > 0);
  });
});
