import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { assessChannelHealth, type ChannelStats } from './health.ts';

const base: ChannelStats = { kind: 'bluesky', status: 'active', problem: null, consecutiveErrors: 0, itemsLastHour: 12, usualPerHour: 10, secondsSinceLastItem: 60 };

describe('channel health', () => {
  it('a healthy channel raises nothing', () => assert.equal(assessChannelHealth(base), null));
  it('refused credentials need a person', () => assert.equal(assessChannelHealth({ ...base, problem: 'auth', status: 'error' })?.problem, 'auth'));
  it('repeated errors are failing', () => assert.equal(assessChannelHealth({ ...base, consecutiveErrors: 5, problem: 'unreachable' })?.problem, 'failing'));
  it('silence far below the usual rate is news', () => {
    assert.equal(assessChannelHealth({ ...base, itemsLastHour: 0, secondsSinceLastItem: 3 * 3600 })?.problem, 'silent');
    assert.equal(assessChannelHealth({ ...base, itemsLastHour: 0, secondsSinceLastItem: 3600 }), null, 'an hour is not enough');
  });
  it('quiet channels and push-only channels are not silent', () => {
    assert.equal(assessChannelHealth({ ...base, usualPerHour: 0.5, itemsLastHour: 0, secondsSinceLastItem: 10 * 3600 }), null);
    assert.equal(assessChannelHealth({ ...base, kind: 'webhook', itemsLastHour: 0, secondsSinceLastItem: 10 * 3600 }), null);
  });
  it('a paused channel is never alerted', () => assert.equal(assessChannelHealth({ ...base, status: 'paused', problem: 'auth' }), null));
});
