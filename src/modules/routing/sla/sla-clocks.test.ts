import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FakeClock } from '../../../platform/clock/index.ts';
import type { BusinessCalendar } from './business-calendar.ts';
import {
  applySlaEvent,
  describeSlaClock,
  pauseSlaClocks,
  resumeSlaClocks,
  retargetSlaClocks,
  reviveSlaClocks,
  slaClockState,
  startSlaClocks,
  stopSlaClock,
  type SlaClock,
} from './sla-clocks.ts';
import type { SlaMetric, SlaPolicy } from './sla-policy.ts';

const hours = [
  { start: '09:00', end: '12:00' },
  { start: '13:00', end: '17:00' },
];
/** Paris, Mon–Fri 09:00–12:00 + 13:00–17:00, Tuesday 2026-01-06 a holiday. */
const paris: BusinessCalendar = { timeZone: 'Europe/Paris', weekly: { mon: hours, tue: hours, wed: hours, thu: hours, fri: hours }, holidays: ['2026-01-06'] };
const policy: SlaPolicy = { id: 'std', name: 'Standard', targets: { firstResponse: 60, relief: 240, resolution: 600 } };

const clock = (clocks: SlaClock[], metric: SlaMetric): SlaClock => {
  const c = clocks.find((x) => x.metric === metric);
  assert.ok(c, `no ${metric} clock`);
  return c;
};
const iso = (d: Date | null) => d?.toISOString() ?? null;

describe('startSlaClocks', () => {
  it('starts one clock per target with due and warning times in business hours', () => {
    // Monday 2026-01-05 16:00 Paris (15:00Z).
    const clocks = startSlaClocks(policy, paris, '2026-01-05T15:00:00Z');
    assert.deepEqual(clocks.map((c) => c.metric), ['first_response', 'relief', 'resolution']);
    const first = clock(clocks, 'first_response');
    assert.equal(iso(first.dueAt), '2026-01-05T16:00:00.000Z'); // 17:00 local, closing time
    assert.equal(iso(first.warnAt), '2026-01-05T15:45:00.000Z'); // 75 % of 60
    // 240 business minutes from Mon 16:00: 60 on Monday, Tuesday is a holiday, 180 on Wednesday → 12:00.
    assert.equal(iso(clock(clocks, 'relief').dueAt), '2026-01-07T11:00:00.000Z');
  });

  it('skips metrics without a target and uses the policy warning fraction', () => {
    const clocks = startSlaClocks({ id: 'p', name: 'P', targets: { firstResponse: 100, relief: null }, warningFraction: 0.5 }, null, '2026-01-05T09:00:00Z');
    assert.equal(clocks.length, 1);
    assert.equal(iso(clock(clocks, 'first_response').warnAt), '2026-01-05T09:50:00.000Z');
  });
});

describe('clock states with a fake clock', () => {
  it('goes ok → warning → breached as business time passes, not wall time', () => {
    const fake = new FakeClock('2026-01-09T15:30:00Z'); // Friday 16:30 Paris
    const [c] = startSlaClocks({ id: 'p', name: 'P', targets: { firstResponse: 60 } }, paris, fake.now());
    assert.ok(c);
    assert.equal(slaClockState(c, fake.now()), 'ok');
    fake.set('2026-01-10T12:00:00Z'); // Saturday: only 30 business minutes have passed
    assert.equal(slaClockState(c, fake.now()), 'ok');
    fake.set('2026-01-12T08:15:00Z'); // Monday 09:15: 45 minutes = 75 %
    assert.equal(slaClockState(c, fake.now()), 'warning');
    fake.advance(15 * 60_000);
    assert.equal(slaClockState(c, fake.now()), 'breached');
    assert.equal(iso(c.dueAt), '2026-01-12T08:30:00.000Z');
  });

  it('counts across the spring DST weekend', () => {
    // Friday 2026-03-27 16:30 CET (15:30Z); clocks go forward on Sunday the 29th.
    const fake = new FakeClock('2026-03-27T15:30:00Z');
    const [c] = startSlaClocks({ id: 'p', name: 'P', targets: { firstResponse: 60 } }, paris, fake.now());
    assert.ok(c);
    assert.equal(iso(c.dueAt), '2026-03-30T07:30:00.000Z'); // Monday 09:30 CEST
    fake.set('2026-03-30T07:00:00Z'); // Monday 09:00 CEST: 30 of 60 minutes
    assert.equal(describeSlaClock(c, paris, fake.now()).elapsedMinutes, 30);
    assert.equal(slaClockState(c, fake.now()), 'ok');
  });

  it('is met when stopped in time, breached when stopped late', () => {
    const clocks = startSlaClocks(policy, paris, '2026-01-05T08:00:00Z');
    const met = stopSlaClock(clocks, paris, 'first_response', '2026-01-05T08:59:00Z');
    assert.equal(slaClockState(clock(met, 'first_response'), '2026-02-01T00:00:00Z'), 'met');
    assert.equal(clock(met, 'relief').stoppedAt, null);
    const late = stopSlaClock(clocks, paris, 'first_response', '2026-01-05T09:30:00Z');
    assert.equal(clock(late, 'first_response').outcome, 'breached');
    // Stopping again changes nothing.
    assert.deepEqual(stopSlaClock(late, paris, 'first_response', '2026-01-05T09:45:00Z'), late);
  });
});

describe('pausing while waiting on the customer', () => {
  it('extends due times by the business time spent paused', () => {
    const clocks = startSlaClocks(policy, paris, '2026-01-05T08:00:00Z'); // Mon 09:00
    const paused = pauseSlaClocks(clocks, '2026-01-05T08:30:00Z'); // 09:30
    assert.equal(slaClockState(clock(paused, 'first_response'), '2026-01-05T15:00:00Z'), 'ok'); // frozen at 30 of 60
    const resumed = resumeSlaClocks(paused, paris, '2026-01-05T10:30:00Z'); // 11:30: 120 business minutes paused
    const first = clock(resumed, 'first_response');
    assert.equal(first.pausedMinutes, 120);
    assert.equal(first.pausedSince, null);
    assert.equal(iso(first.dueAt), '2026-01-05T11:00:00.000Z'); // 09:00 + 60 + 120 = 12:00 local
  });

  it('does not count nights, weekends and holidays spent paused', () => {
    const clocks = startSlaClocks(policy, paris, '2026-01-09T14:00:00Z'); // Friday 15:00
    const paused = pauseSlaClocks(clocks, '2026-01-09T15:00:00Z'); // 16:00
    const resumed = resumeSlaClocks(paused, paris, '2026-01-12T09:00:00Z'); // Monday 10:00
    assert.equal(clock(resumed, 'first_response').pausedMinutes, 120);
  });

  it('stopping a paused clock resumes it first', () => {
    const clocks = pauseSlaClocks(startSlaClocks(policy, null, '2026-01-05T08:00:00Z'), '2026-01-05T08:10:00Z');
    const stopped = stopSlaClock(clocks, null, 'first_response', '2026-01-05T12:00:00Z');
    const c = clock(stopped, 'first_response');
    assert.equal(c.outcome, 'met');
    assert.equal(c.pausedMinutes, 230);
    assert.equal(c.pausedSince, null);
  });
});

describe('applySlaEvent', () => {
  it('runs a conversation through reply, waiting, relief and resolution', () => {
    const fake = new FakeClock('2026-01-05T08:00:00Z'); // Mon 09:00 Paris
    let clocks = startSlaClocks(policy, paris, fake.now());
    fake.advance(20 * 60_000);
    clocks = applySlaEvent(clocks, paris, { type: 'agent_replied', at: fake.now() });
    clocks = applySlaEvent(clocks, paris, { type: 'status_changed', from: 'open', to: 'pending', at: fake.now() });
    assert.ok(clock(clocks, 'relief').pausedSince);
    assert.equal(clock(clocks, 'first_response').pausedSince, null); // stopped clocks do not pause
    fake.advance(60 * 60_000);
    clocks = applySlaEvent(clocks, paris, { type: 'status_changed', from: 'pending', to: 'open', at: fake.now() });
    assert.equal(clock(clocks, 'relief').pausedMinutes, 60);
    fake.advance(30 * 60_000);
    clocks = applySlaEvent(clocks, paris, { type: 'status_changed', from: 'open', to: 'relieved', at: fake.now() });
    fake.advance(30 * 60_000);
    clocks = applySlaEvent(clocks, paris, { type: 'status_changed', from: 'relieved', to: 'resolved', at: fake.now() });
    assert.deepEqual(
      clocks.map((c) => [c.metric, c.outcome]),
      [
        ['first_response', 'met'],
        ['relief', 'met'],
        ['resolution', 'met'],
      ],
    );
    const view = describeSlaClock(clock(clocks, 'resolution'), paris, fake.now());
    assert.equal(view.elapsedMinutes, 80); // 140 minutes open minus 60 paused
    assert.equal(view.remainingMinutes, 520);
  });

  it('cancels the first-response clock of a conversation closed without a reply', () => {
    let clocks = startSlaClocks(policy, null, '2026-01-05T08:00:00Z');
    clocks = applySlaEvent(clocks, null, { type: 'status_changed', from: 'new', to: 'closed', at: '2026-01-05T08:05:00Z' });
    assert.equal(slaClockState(clock(clocks, 'first_response'), '2026-01-06T00:00:00Z'), 'cancelled');
    assert.equal(clock(clocks, 'resolution').outcome, 'met');
  });

  it('reopening restarts resolution, counting the closed time as paused, and keeps relief', () => {
    let clocks = startSlaClocks(policy, null, '2026-01-05T08:00:00Z');
    clocks = applySlaEvent(clocks, null, { type: 'status_changed', from: 'open', to: 'resolved', at: '2026-01-05T09:00:00Z' });
    clocks = applySlaEvent(clocks, null, { type: 'status_changed', from: 'resolved', to: 'open', at: '2026-01-05T11:00:00Z' });
    const res = clock(clocks, 'resolution');
    assert.equal(res.outcome, null);
    assert.equal(res.pausedMinutes, 120);
    assert.equal(iso(res.dueAt), '2026-01-05T20:00:00.000Z'); // 08:00 + 600 + 120 minutes
    assert.equal(clock(clocks, 'relief').outcome, 'met');
  });

  it('reopening straight into pending restarts and pauses', () => {
    let clocks = startSlaClocks(policy, null, '2026-01-05T08:00:00Z');
    clocks = applySlaEvent(clocks, null, { type: 'status_changed', from: 'open', to: 'closed', at: '2026-01-05T09:00:00Z' });
    clocks = applySlaEvent(clocks, null, { type: 'status_changed', from: 'closed', to: 'pending', at: '2026-01-05T10:00:00Z' });
    assert.equal(iso(clock(clocks, 'resolution').pausedSince), '2026-01-05T10:00:00.000Z');
  });
});

describe('retargetSlaClocks', () => {
  it('gives running clocks the new targets, adds and cancels metrics, keeps history', () => {
    let clocks = startSlaClocks({ id: 'std', name: 'S', targets: { firstResponse: 240, relief: 480 } }, null, '2026-01-05T08:00:00Z');
    clocks = stopSlaClock(clocks, null, 'relief', '2026-01-05T08:30:00Z');
    const urgent: SlaPolicy = { id: 'urgent', name: 'U', targets: { firstResponse: 15, resolution: 120 } };
    const next = retargetSlaClocks(clocks, urgent, null, '2026-01-05T08:10:00Z');
    const first = clock(next, 'first_response');
    assert.equal(first.policyId, 'urgent');
    assert.equal(iso(first.dueAt), '2026-01-05T08:15:00.000Z');
    assert.equal(clock(next, 'relief').outcome, 'met'); // history stays
    assert.equal(iso(clock(next, 'resolution').startedAt), '2026-01-05T08:00:00.000Z');
    const dropped = retargetSlaClocks(next, { id: 'low', name: 'L', targets: { resolution: 999 } }, null, '2026-01-05T08:12:00Z');
    assert.equal(clock(dropped, 'first_response').outcome, 'cancelled');
  });
});

describe('reviveSlaClocks', () => {
  it('reads clocks back from their JSON form', () => {
    const clocks = pauseSlaClocks(startSlaClocks(policy, paris, '2026-01-05T08:00:00Z'), '2026-01-05T08:30:00Z');
    assert.deepEqual(reviveSlaClocks(JSON.parse(JSON.stringify(clocks))), clocks);
    assert.throws(() => reviveSlaClocks({}), TypeError);
  });
});
