import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { canTransition, statusChange, type StatusClocks } from './status.ts';

const at = (iso: string) => new Date(`2026-01-05T${iso}:00Z`);

const base = (over: Partial<StatusClocks> = {}): StatusClocks => ({
  status: 'new',
  relievedAt: null,
  resolvedAt: null,
  closedAt: null,
  firstResponseDueAt: at('10:00'),
  reliefDueAt: at('12:00'),
  resolutionDueAt: at('18:00'),
  firstResponseAt: null,
  slaPausedAt: null,
  slaPausedSeconds: 0,
  ...over,
});

describe('conversation status', () => {
  it('allows the usual path, skipping ahead, stepping back and reopening, and refuses the rest', () => {
    assert.ok(canTransition('new', 'open'));
    assert.ok(canTransition('open', 'resolved'));
    assert.ok(canTransition('relieved', 'open'));
    assert.ok(canTransition('closed', 'open'));
    assert.ok(canTransition('pending', 'pending'));
    assert.equal(canTransition('resolved', 'pending'), false);
    assert.equal(canTransition('closed', 'resolved'), false);
    assert.equal(canTransition('open', 'new'), false);
  });

  it('pending pauses the SLA; leaving pending adds the pause and moves the running deadlines later', () => {
    const paused = statusChange(base({ status: 'open' }), 'pending', at('09:00'));
    assert.deepEqual(paused, { status: 'pending', slaPausedAt: at('09:00') });
    const resumed = statusChange(base({ status: 'pending', slaPausedAt: at('09:00'), slaPausedSeconds: 60, firstResponseAt: at('08:55') }), 'open', at('09:30'));
    assert.equal(resumed.slaPausedAt, null);
    assert.equal(resumed.slaPausedSeconds, 60 + 30 * 60);
    // First response was already met: its deadline stays; the others move 30 minutes later.
    assert.equal(resumed.firstResponseDueAt, undefined);
    assert.deepEqual(resumed.reliefDueAt, at('12:30'));
    assert.deepEqual(resumed.resolutionDueAt, at('18:30'));
  });

  it('stamps relief, resolution and closing (each implying the ones before), and reopening clears them', () => {
    const resolved = statusChange(base({ status: 'open' }), 'resolved', at('11:00'));
    assert.deepEqual([resolved.relievedAt, resolved.resolvedAt, resolved.closedAt], [at('11:00'), at('11:00'), undefined]);
    const closed = statusChange(base({ status: 'resolved', relievedAt: at('10:00'), resolvedAt: at('11:00') }), 'closed', at('12:00'));
    assert.deepEqual([closed.relievedAt, closed.resolvedAt, closed.closedAt], [at('10:00'), at('11:00'), at('12:00')]);
    const reopened = statusChange(base({ status: 'closed', relievedAt: at('10:00'), resolvedAt: at('11:00'), closedAt: at('12:00') }), 'open', at('13:00'));
    assert.deepEqual(reopened, { status: 'open', resolvedAt: null, closedAt: null });
  });

  it('closing straight from pending ends the pause too', () => {
    const c = statusChange(base({ status: 'pending', slaPausedAt: at('09:00') }), 'closed', at('10:00'));
    assert.equal(c.slaPausedAt, null);
    assert.equal(c.slaPausedSeconds, 3600);
    assert.deepEqual(c.closedAt, at('10:00'));
  });
});
