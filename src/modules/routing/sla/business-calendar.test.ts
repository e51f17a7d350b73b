import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AppError } from '../../../platform/errors/index.ts';
import {
  addBusinessMinutes,
  businessMinutesBetween,
  isWithinBusinessHours,
  nextBusinessOpening,
  validateBusinessCalendar,
  type BusinessCalendar,
} from './business-calendar.ts';

const weekdays = (intervals: Array<{ start: string; end: string }>) => ({ mon: intervals, tue: intervals, wed: intervals, thu: intervals, fri: intervals });

/** Paris office: Mon–Fri 09:00–12:00 and 13:00–17:00; 2026-01-06 (a Tuesday) is a holiday. */
const paris: BusinessCalendar = {
  timeZone: 'Europe/Paris',
  weekly: weekdays([
    { start: '09:00', end: '12:00' },
    { start: '13:00', end: '17:00' },
  ]),
  holidays: ['2026-01-06'],
};
const noHoliday: BusinessCalendar = { ...paris, holidays: [] };
const iso = (d: Date) => d.toISOString();

describe('addBusinessMinutes', () => {
  it('stays inside an open interval', () => {
    // Monday 2026-01-05 09:00 Paris = 08:00Z.
    assert.equal(iso(addBusinessMinutes(paris, '2026-01-05T08:00:00Z', 60)), '2026-01-05T09:00:00.000Z');
  });

  it('skips the lunch break', () => {
    assert.equal(iso(addBusinessMinutes(paris, '2026-01-05T10:30:00Z', 60)), '2026-01-05T12:30:00.000Z'); // 11:30 → 13:30 local
  });

  it('ends exactly at closing time rather than at the next opening', () => {
    assert.equal(iso(addBusinessMinutes(paris, '2026-01-05T15:00:00Z', 60)), '2026-01-05T16:00:00.000Z'); // 16:00 → 17:00 local
  });

  it('carries over the night to the next morning', () => {
    assert.equal(iso(addBusinessMinutes(noHoliday, '2026-01-05T15:30:00Z', 60)), '2026-01-06T08:30:00.000Z'); // Mon 16:30 → Tue 09:30
  });

  it('skips a holiday', () => {
    assert.equal(iso(addBusinessMinutes(paris, '2026-01-05T15:30:00Z', 60)), '2026-01-07T08:30:00.000Z'); // Tue is closed → Wed 09:30
  });

  it('skips the weekend', () => {
    // Friday 2026-01-09 16:30 → Monday 2026-01-12 09:30.
    assert.equal(iso(addBusinessMinutes(paris, '2026-01-09T15:30:00Z', 60)), '2026-01-12T08:30:00.000Z');
  });

  it('starts counting at the next opening when started while closed', () => {
    assert.equal(iso(addBusinessMinutes(paris, '2026-01-10T09:00:00Z', 30)), '2026-01-12T08:30:00.000Z'); // Saturday → Mon 09:30
    assert.equal(iso(addBusinessMinutes(paris, '2026-01-05T06:00:00Z', 30)), '2026-01-05T08:30:00.000Z'); // before opening
  });

  it('adds zero minutes as no time at all, and rejects negative minutes', () => {
    assert.equal(iso(addBusinessMinutes(paris, '2026-01-10T09:00:00Z', 0)), '2026-01-10T09:00:00.000Z');
    assert.throws(() => addBusinessMinutes(paris, '2026-01-10T09:00:00Z', -5), RangeError);
  });

  it('counts plain elapsed time without a calendar (24×7)', () => {
    assert.equal(iso(addBusinessMinutes(null, '2026-01-10T09:00:00Z', 90)), '2026-01-10T10:30:00.000Z');
  });

  it('follows business hours across the US spring DST change', () => {
    const ny: BusinessCalendar = { timeZone: 'America/New_York', weekly: weekdays([{ start: '09:00', end: '17:00' }]) };
    // Friday 2026-03-06 16:00 EST (21:00Z) + 120 → Monday 2026-03-09 10:00 EDT (14:00Z).
    assert.equal(iso(addBusinessMinutes(ny, '2026-03-06T21:00:00Z', 120)), '2026-03-09T14:00:00.000Z');
  });

  it('handles overnight shifts, including one starting on a holiday', () => {
    const nights: BusinessCalendar = { timeZone: 'UTC', weekly: { tue: [{ start: '22:00', end: '06:00' }], wed: [{ start: '22:00', end: '06:00' }] } };
    assert.equal(iso(addBusinessMinutes(nights, '2026-01-06T23:00:00Z', 120)), '2026-01-07T01:00:00.000Z');
    assert.equal(iso(addBusinessMinutes(nights, '2026-01-07T05:00:00Z', 120)), '2026-01-07T23:00:00.000Z');
    // Mid-shift right after midnight: yesterday's shift is still running.
    assert.equal(isWithinBusinessHours(nights, '2026-01-07T03:00:00Z'), true);
    const holiday = { ...nights, holidays: ['2026-01-06'] };
    assert.equal(isWithinBusinessHours(holiday, '2026-01-07T03:00:00Z'), false);
  });

  it('does not hang on a calendar open around the clock', () => {
    const allDay = [{ start: '00:00', end: '24:00' }];
    const always: BusinessCalendar = {
      timeZone: 'Europe/Paris',
      weekly: { mon: allDay, tue: allDay, wed: allDay, thu: allDay, fri: allDay, sat: allDay, sun: allDay },
    };
    const start = Date.parse('2026-01-05T08:00:00Z');
    assert.equal(addBusinessMinutes(always, start, 20_000).getTime(), start + 20_000 * 60_000);
    const overlapping: BusinessCalendar = { timeZone: 'UTC', weekly: { ...always.weekly, mon: [...allDay, { start: '22:00', end: '06:00' }] } };
    assert.equal(businessMinutesBetween(overlapping, '2026-01-05T00:00:00Z', '2026-01-19T00:00:00Z'), 14 * 1440);
  });
});

describe('businessMinutesBetween', () => {
  it('counts only open time, across lunch, nights, weekends and holidays', () => {
    assert.equal(businessMinutesBetween(paris, '2026-01-05T10:30:00Z', '2026-01-05T12:30:00Z'), 60);
    assert.equal(businessMinutesBetween(paris, '2026-01-09T15:00:00Z', '2026-01-12T09:00:00Z'), 120); // Fri 16:00 → Mon 10:00
    assert.equal(businessMinutesBetween(paris, '2026-01-05T15:00:00Z', '2026-01-07T09:00:00Z'), 120); // over the holiday
    assert.equal(businessMinutesBetween(paris, '2026-01-10T00:00:00Z', '2026-01-11T23:00:00Z'), 0);
  });

  it('is negative when the end is before the start', () => {
    assert.equal(businessMinutesBetween(paris, '2026-01-05T12:30:00Z', '2026-01-05T10:30:00Z'), -60);
  });

  it('inverts addBusinessMinutes for many starts and durations', () => {
    let seed = 7;
    const rand = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
    for (let i = 0; i < 200; i++) {
      const start = Date.parse('2026-01-01T00:00:00Z') + Math.floor(rand() * 400) * 3_600_000 + Math.floor(rand() * 60) * 60_000;
      const minutes = Math.floor(rand() * 5000);
      const end = addBusinessMinutes(paris, start, minutes);
      assert.equal(businessMinutesBetween(paris, start, end), minutes, `start ${new Date(start).toISOString()} + ${minutes}`);
    }
  });

  it('counts a 23-hour and a 25-hour day across DST changes', () => {
    const allDay = [{ start: '00:00', end: '24:00' }];
    const always: BusinessCalendar = { timeZone: 'Europe/Paris', weekly: { sat: allDay, sun: allDay, mon: allDay } };
    // Sunday 2026-03-29 local midnight (23:00Z Sat) to Monday local midnight (22:00Z Sun).
    assert.equal(businessMinutesBetween(always, '2026-03-28T23:00:00Z', '2026-03-29T22:00:00Z'), 23 * 60);
    // Sunday 2026-10-25 local midnight (22:00Z Sat) to Monday local midnight (23:00Z Sun).
    assert.equal(businessMinutesBetween(always, '2026-10-24T22:00:00Z', '2026-10-25T23:00:00Z'), 25 * 60);
  });

  it('gives no time to opening hours that fall in the skipped DST hour', () => {
    const night: BusinessCalendar = { timeZone: 'Europe/Paris', weekly: { sun: [{ start: '02:00', end: '03:00' }] } };
    assert.equal(businessMinutesBetween(night, '2026-03-28T00:00:00Z', '2026-03-30T00:00:00Z'), 0);
    assert.equal(businessMinutesBetween(night, '2026-03-21T00:00:00Z', '2026-03-23T00:00:00Z'), 60);
  });
});

describe('opening hours lookups', () => {
  it('knows when the calendar is open (end exclusive)', () => {
    assert.equal(isWithinBusinessHours(paris, '2026-01-05T08:00:00Z'), true); // 09:00
    assert.equal(isWithinBusinessHours(paris, '2026-01-05T07:59:00Z'), false);
    assert.equal(isWithinBusinessHours(paris, '2026-01-05T11:30:00Z'), false); // lunch
    assert.equal(isWithinBusinessHours(paris, '2026-01-05T16:00:00Z'), false); // 17:00
    assert.equal(isWithinBusinessHours(paris, '2026-01-06T10:00:00Z'), false); // holiday
    assert.equal(isWithinBusinessHours(null, '2026-01-06T10:00:00Z'), true);
  });

  it('finds the next opening', () => {
    assert.equal(iso(nextBusinessOpening(paris, '2026-01-10T12:00:00Z')), '2026-01-12T08:00:00.000Z');
    assert.equal(iso(nextBusinessOpening(paris, '2026-01-05T09:00:00Z')), '2026-01-05T09:00:00.000Z');
  });
});

describe('validateBusinessCalendar', () => {
  it('accepts a good calendar', () => {
    assert.equal(validateBusinessCalendar(paris), paris);
  });

  it('lists every problem with its path', () => {
    const bad = {
      timeZone: 'Europe/Atlantis',
      weekly: { mon: [{ start: '9:00', end: '17:00' }], funday: [], tue: [{ start: '09:00', end: '25:00' }] },
      holidays: ['2026-02-30'],
    };
    const err = (() => {
      try {
        validateBusinessCalendar(bad, '/calendar');
      } catch (e) {
        return e;
      }
      return null;
    })();
    assert.ok(err instanceof AppError);
    assert.equal(err.code, 'VALIDATION_FAILED');
    assert.deepEqual(
      err.fields.map((f) => f.path),
      ['/calendar/timeZone', '/calendar/weekly/mon/0/start', '/calendar/weekly/funday', '/calendar/weekly/tue/0/end', '/calendar/holidays/0'],
    );
  });

  it('rejects a calendar that never opens', () => {
    assert.throws(
      () => validateBusinessCalendar({ timeZone: 'UTC', weekly: {} }),
      (e: unknown) => e instanceof AppError && e.fields[0]?.path === '/weekly' && /never open/.test(e.fields[0].message),
    );
  });
});
