import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { decideDelivery, DRILL_SUPPRESSION, QUIET_SUPPRESSION, retryDelayMs, type PolicyInput } from './delivery-policy.ts';

const now = new Date('2026-01-05T10:00:00Z');
const minutesAgo = (m: number) => new Date(now.getTime() - m * 60_000);
const input = (over: Partial<PolicyInput> = {}, history: Partial<PolicyInput['history']> = {}): PolicyInput => ({
  trigger: 'opened',
  kind: 'email',
  severity: 6,
  isDrill: false,
  isQuiet: false,
  windowMinutes: 30,
  maxPerHour: 5,
  now,
  ...over,
  history: { latest: null, maxAlertedSeverity: null, sentLastHour: 0, ...history },
});

describe('alert delivery policy', () => {
  it('queues a first alert', () => {
    assert.deepEqual(decideDelivery(input()), { action: 'queue' });
  });

  it('groups: an opened incident already alerted is not alerted twice; updates fold into the alert of the window', () => {
    const latest = { id: 'd1', state: 'sent', createdAt: minutesAgo(10) };
    assert.equal(decideDelivery(input({}, { latest, maxAlertedSeverity: 6 })).action, 'skip');
    assert.deepEqual(decideDelivery(input({ trigger: 'updated', severity: 9 }, { latest, maxAlertedSeverity: 6 })), { action: 'fold', deliveryId: 'd1' });
  });

  it('after the window, an update alerts again only when the severity rose above what was told', () => {
    const latest = { id: 'd1', state: 'sent', createdAt: minutesAgo(45) };
    assert.equal(decideDelivery(input({ trigger: 'updated', severity: 6 }, { latest, maxAlertedSeverity: 6 })).action, 'skip');
    assert.deepEqual(decideDelivery(input({ trigger: 'updated', severity: 8 }, { latest, maxAlertedSeverity: 6 })), { action: 'queue' });
  });

  it('an escalation is a new page, never folded', () => {
    const latest = { id: 'd1', state: 'sent', createdAt: minutesAgo(1) };
    assert.deepEqual(decideDelivery(input({ trigger: 'escalation' }, { latest, maxAlertedSeverity: 6 })), { action: 'queue' });
  });

  it('caps alerts per recipient per hour, except in the console', () => {
    assert.deepEqual(decideDelivery(input({}, { sentLastHour: 4 })), { action: 'queue' });
    const capped = decideDelivery(input({}, { sentLastHour: 5 }));
    assert.equal(capped.action, 'suppress');
    assert.match((capped as { reason: string }).reason, /rate cap: 5/);
    assert.deepEqual(decideDelivery(input({ kind: 'console' }, { sentLastHour: 50 })), { action: 'queue' });
  });

  it('quiet hours hold back email/Slack/webhook but the console still records', () => {
    assert.deepEqual(decideDelivery(input({ isQuiet: true, kind: 'slack' })), { action: 'suppress', reason: QUIET_SUPPRESSION });
    assert.deepEqual(decideDelivery(input({ isQuiet: true, kind: 'console' })), { action: 'queue' });
  });

  it('a held-back alert does not swallow an update that may now go out', () => {
    const latest = { id: 'd1', state: 'suppressed', createdAt: minutesAgo(5) };
    assert.deepEqual(decideDelivery(input({ trigger: 'updated', severity: 9 }, { latest, maxAlertedSeverity: null })), { action: 'queue' });
    assert.deepEqual(decideDelivery(input({ trigger: 'updated', severity: 9, isQuiet: true }, { latest })), { action: 'fold', deliveryId: 'd1' });
  });

  it('drills never leave the console', () => {
    for (const kind of ['email', 'slack', 'webhook'] as const) assert.deepEqual(decideDelivery(input({ isDrill: true, kind })), { action: 'suppress', reason: DRILL_SUPPRESSION });
    assert.deepEqual(decideDelivery(input({ isDrill: true, kind: 'console' })), { action: 'queue' });
  });

  it('backs off exponentially, capped', () => {
    assert.deepEqual([1, 2, 3, 4].map(retryDelayMs), [30_000, 60_000, 120_000, 240_000]);
    assert.equal(retryDelayMs(20), 30 * 60_000);
  });
});
