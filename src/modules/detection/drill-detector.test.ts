import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createDetector } from './detector.ts';
import { drillDetectorFrom } from './drill-detector.ts';
import { backgroundStream, burst } from './synthetic-stream.ts';
import type { Detector } from './detector.ts';
import type { DetectorMention } from './types.ts';

const HOUR = 3_600_000;
const start = new Date('2026-11-16T00:00:00Z');
const drillAt = new Date('2026-11-19T14:00:00Z');

const drillBurst = (): DetectorMention[] =>
  burst({ start: drillAt, minutes: 20, count: 60, texts: ['cannot login to my account, login error again', 'login error on the app again', 'still a login error, cannot get in'], seed: 3 }).map((m, i) => ({ ...m, id: `drill-${i}`, author: { id: `a${i}` } }));

const alertsOf = (d: Detector, mentions: DetectorMention[], until: Date) => [...mentions.flatMap((m) => d.push(m)), ...d.flush(until)];

describe('drill detector', () => {
  it('on a workspace without history, is warmed on a synthetic week so the drill burst is detected', () => {
    const live = createDetector();
    assert.equal(live.historyHours, 0);
    const clone = drillDetectorFrom(live, drillAt);
    assert.ok(clone.historyHours >= live.options.warmupHours);
    const alerts = alertsOf(clone, drillBurst(), new Date(drillAt.getTime() + HOUR));
    assert.ok(alerts.length > 0, 'the drill is detected');
    assert.ok(alerts.some((a) => a.terms.some((t) => t.includes('login'))), `terms: ${alerts.map((a) => a.terms.join(',')).join(' | ')}`);
    assert.ok(alerts.every((a) => a.mentionIds.every((id) => id.startsWith('drill-') || /^[0-9a-f-]{36}$/.test(id))), 'background ids are UUIDs that exist nowhere');
    assert.equal(live.historyHours, 0, 'the live detector is untouched');
    assert.equal(alertsOf(live.clone(), drillBurst(), new Date(drillAt.getTime() + HOUR)).length, 0, 'a bare copy of a detector with no history would have missed it');
  });

  it('on a workspace with a baseline, is an exact copy of the live detector', () => {
    const live = createDetector();
    for (const m of backgroundStream({ start, days: 3, peakPerHour: 20, seed: 9 })) live.push(m);
    live.flush(drillAt);
    const clone = drillDetectorFrom(live, drillAt);
    assert.deepEqual(clone.toJSON(), live.toJSON());
  });
});
