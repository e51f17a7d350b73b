import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  addDays,
  isValidTimeZone,
  parseLocalDate,
  parseMinuteOfDay,
  toEpochMs,
  zoneOffsetMs,
  zonedParts,
  zonedTimeToInstant,
} from './zoned-time.ts';

const iso = (ms: number) => new Date(ms).toISOString();

describe('zoned time', () => {
  it('converts local wall time to the instant, winter and summer', () => {
    assert.equal(iso(zonedTimeToInstant({ year: 2026, month: 1, day: 5 }, 9 * 60, 'Europe/Paris')), '2026-01-05T08:00:00.000Z');
    assert.equal(iso(zonedTimeToInstant({ year: 2026, month: 7, day: 6 }, 9 * 60, 'Europe/Paris')), '2026-07-06T07:00:00.000Z');
    assert.equal(iso(zonedTimeToInstant({ year: 2026, month: 1, day: 5 }, 9 * 60, 'America/New_York')), '2026-01-05T14:00:00.000Z');
    assert.equal(iso(zonedTimeToInstant({ year: 2026, month: 1, day: 5 }, 9 * 60, 'Asia/Kolkata')), '2026-01-05T03:30:00.000Z');
    assert.equal(iso(zonedTimeToInstant({ year: 2026, month: 1, day: 5 }, 9 * 60, 'UTC')), '2026-01-05T09:00:00.000Z');
  });

  it('maps a local time skipped by DST forward, like a wall clock', () => {
    // Paris, 2026-03-29: 02:00 jumps to 03:00, so 02:30 reads as 03:30 CEST = 01:30Z.
    assert.equal(iso(zonedTimeToInstant({ year: 2026, month: 3, day: 29 }, 150, 'Europe/Paris')), '2026-03-29T01:30:00.000Z');
    assert.equal(iso(zonedTimeToInstant({ year: 2026, month: 3, day: 29 }, 180, 'Europe/Paris')), '2026-03-29T01:00:00.000Z');
  });

  it('maps a local time repeated by DST to its first occurrence', () => {
    // Paris, 2026-10-25: 03:00 falls back to 02:00, so 02:30 happens at 00:30Z and again at 01:30Z.
    assert.equal(iso(zonedTimeToInstant({ year: 2026, month: 10, day: 25 }, 150, 'Europe/Paris')), '2026-10-25T00:30:00.000Z');
  });

  it('reads local parts and offsets of an instant', () => {
    const p = zonedParts(Date.parse('2026-03-08T07:30:00Z'), 'America/New_York');
    assert.deepEqual(p, { year: 2026, month: 3, day: 8, hour: 3, minute: 30, second: 0, weekday: 0 });
    assert.equal(zoneOffsetMs(Date.parse('2026-01-05T12:00:00Z'), 'Europe/Paris'), 3_600_000);
    assert.equal(zoneOffsetMs(Date.parse('2026-07-05T12:00:00Z'), 'Europe/Paris'), 7_200_000);
    assert.equal(zonedParts(Date.parse('2026-01-04T23:30:00Z'), 'Europe/Paris').weekday, 1);
  });

  it('validates time zones, times and dates', () => {
    assert.equal(isValidTimeZone('Europe/Paris'), true);
    assert.equal(isValidTimeZone('Mars/Olympus'), false);
    assert.equal(isValidTimeZone(''), false);
    assert.equal(isValidTimeZone(42), false);
    assert.equal(parseMinuteOfDay('09:30'), 570);
    assert.equal(parseMinuteOfDay('24:00'), 1440);
    for (const bad of ['24:30', '9:30', '09:60', 'noon', null]) assert.equal(parseMinuteOfDay(bad), null);
    assert.deepEqual(parseLocalDate('2026-12-25'), { year: 2026, month: 12, day: 25 });
    assert.equal(parseLocalDate('2026-02-30'), null);
    assert.equal(parseLocalDate('25/12/2026'), null);
    assert.deepEqual(addDays({ year: 2026, month: 12, day: 31 }, 1), { year: 2027, month: 1, day: 1 });
  });

  it('accepts instants as Date, ISO string or epoch ms and rejects garbage', () => {
    const ms = Date.parse('2026-01-05T09:00:00Z');
    assert.equal(toEpochMs(new Date(ms)), ms);
    assert.equal(toEpochMs('2026-01-05T09:00:00Z'), ms);
    assert.equal(toEpochMs(ms), ms);
    assert.throws(() => toEpochMs('not a date'), RangeError);
  });
});
