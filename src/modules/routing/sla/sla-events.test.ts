import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FakeClock } from '../../../platform/clock/index.ts';
import type { BusinessCalendar } from './business-calendar.ts';
import { pauseSlaClocks, startSlaClocks, stopSlaClock, type SlaClock } from './sla-clocks.ts';
import { markSlaEventsEmitted, nextSlaEvents } from './sla-events.ts';
import type { SlaPolicy } from './sla-policy.ts';

const nineToFive = [{ start: '09:00', end: '17:00' }];
const ny: BusinessCalendar = { timeZone: 'America/New_York', weekly: { mon: nineToFive, tue: nineToFive, wed: nineToFive, thu: nineToFive, fri: nineToFive } };
const policy: SlaPolicy = { id: 'p', name: 'P', targets: { firstResponse: 60, resolution: 480 }, warningFraction: 0.75 };

describe('nextSlaEvents', () => {
  it('emits warning then breach once each, and says when to look again', () => {
    const fake = new FakeClock('2026-01-09T21:30:00Z'); // Friday 16:30 New York
    let clocks = startSlaClocks(policy, ny, fake.now());
    const run = () => {
      const out = nextSlaEvents([{ conversationId: 'c1', clocks }], fake.now());
      clocks = markSlaEventsEmitted({ conversationId: 'c1', clocks }, out.events, fake.now());
      return out;
    };
    let out = run();
    assert.deepEqual(out.events, []);
    // 45 minutes = 75 %: 30 on Friday, then Monday 09:15 (14:15Z).
    assert.equal(out.nextCheckAt?.toISOString(), '2026-01-12T14:15:00.000Z');

    fake.set(out.nextCheckAt!);
    out = run();
    assert.deepEqual(out.events.map((e) => [e.type, e.metric, e.at.toISOString()]), [['sla.warning', 'first_response', '2026-01-12T14:15:00.000Z']]);
    assert.equal(out.nextCheckAt?.toISOString(), '2026-01-12T14:30:00.000Z');
    assert.deepEqual(run().events, []); // not repeated

    fake.set(out.nextCheckAt!);
    out = run();
    assert.deepEqual(out.events.map((e) => [e.type, e.conversationId, e.policyId]), [['sla.breached', 'c1', 'p']]);
    // Resolution: 480 minutes = 30 Friday + 450 → Monday 16:30 warning at 360 → Monday 14:30.
    assert.equal(out.nextCheckAt?.toISOString(), '2026-01-12T19:30:00.000Z');
  });

  it('emits only the breach for a clock first seen past due', () => {
    const clocks = startSlaClocks(policy, null, '2026-01-05T08:00:00Z');
    const out = nextSlaEvents([{ conversationId: 'c1', clocks }], '2026-01-05T09:30:00Z');
    assert.deepEqual(out.events.map((e) => `${e.type} ${e.metric}`), ['sla.breached first_response']);
    const marked = markSlaEventsEmitted({ conversationId: 'c1', clocks }, out.events, '2026-01-05T09:30:00Z');
    assert.ok(marked[0]?.warningEmittedAt && marked[0].breachEmittedAt);
    assert.equal(marked[1]?.breachEmittedAt, null);
  });

  it('says nothing for paused or stopped clocks', () => {
    const start = '2026-01-05T08:00:00Z';
    const paused = pauseSlaClocks(startSlaClocks(policy, null, start), '2026-01-05T08:10:00Z');
    let stopped: SlaClock[] = startSlaClocks(policy, null, start);
    stopped = stopSlaClock(stopSlaClock(stopped, null, 'first_response', '2026-01-05T08:05:00Z'), null, 'resolution', '2026-01-05T08:06:00Z');
    assert.deepEqual(
      nextSlaEvents(
        [
          { conversationId: 'a', clocks: paused },
          { conversationId: 'b', clocks: stopped },
        ],
        '2026-01-10T00:00:00Z',
      ),
      { events: [], nextCheckAt: null },
    );
  });

  it('orders events across conversations and marks only the named conversation', () => {
    const a = startSlaClocks(policy, null, '2026-01-05T08:00:00Z');
    const b = startSlaClocks(policy, null, '2026-01-05T07:50:00Z');
    const out = nextSlaEvents(
      [
        { conversationId: 'a', clocks: a },
        { conversationId: 'b', clocks: b },
      ],
      '2026-01-05T08:49:00Z',
    );
    assert.deepEqual(out.events.map((e) => `${e.conversationId} ${e.type}`), ['b sla.warning', 'a sla.warning']);
    assert.equal(out.nextCheckAt?.toISOString(), '2026-01-05T08:50:00.000Z'); // b is due at 08:50
    const markedA = markSlaEventsEmitted({ conversationId: 'a', clocks: a }, out.events, '2026-01-05T08:49:00Z');
    assert.equal(markedA[0]?.warningEmittedAt?.toISOString(), '2026-01-05T08:49:00.000Z');
    assert.equal(markedA[0]?.breachEmittedAt, null);
    const other = markSlaEventsEmitted({ conversationId: 'z', clocks: a }, out.events, '2026-01-05T08:49:00Z');
    assert.equal(other[0]?.warningEmittedAt, null);
  });
});
