/**
 * Business-hours calendars: when a team is open, in its own time zone, so SLA clocks only count
 * time the team could have worked.
 *
 * A calendar lists opening intervals per weekday (several per day allowed, `HH:MM` local time,
 * `24:00` for midnight at the end of the day). An interval whose end is not after its start runs
 * overnight into the next day (`22:00`–`06:00`); it belongs to the day it starts on, so a holiday
 * closes the shifts that start on it. Holidays are whole local dates (`YYYY-MM-DD`).
 * A null calendar means "always open" (24×7), counted in plain elapsed time.
 * Calendars are treated as immutable values: derived data is memoised per calendar object, so
 * pass a new object after an edit.
 */
import { AppError, type FieldProblem } from '../../../platform/errors/index.ts';
import {
  addDays,
  formatLocalDate,
  isValidTimeZone,
  parseLocalDate,
  parseMinuteOfDay,
  toEpochMs,
  weekdayOf,
  WEEKDAYS,
  zonedParts,
  zonedTimeToInstant,
  type InstantInput,
  type LocalDate,
  type Weekday,
} from './zoned-time.ts';

export interface OpeningInterval {
  /** `HH:MM` local time. */
  start: string;
  /** `HH:MM` local time; `24:00` is midnight at the end of the day; not after `start` = overnight. */
  end: string;
}

export interface BusinessCalendar {
  /** IANA zone name, e.g. `Europe/Paris`. */
  timeZone: string;
  weekly: Partial<Record<Weekday, OpeningInterval[]>>;
  /** Closed local dates, `YYYY-MM-DD`. */
  holidays?: string[];
}

/** `null` = open around the clock. */
export type CalendarInput = BusinessCalendar | null | undefined;

const MINUTE_MS = 60_000;
const WEEK_MS = 7 * 86_400_000;
/** How far to look for an opening before deciding the calendar never opens. */
const MAX_SEARCH_DAYS = 3 * 366;

/** Checks a calendar before it is saved; lists every problem with its path. */
export const validateBusinessCalendar = (input: unknown, basePath = ''): BusinessCalendar => {
  const problems: FieldProblem[] = [];
  const add = (path: string, message: string) => problems.push({ path: `${basePath}${path}`, message });
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new AppError('VALIDATION_FAILED', 'Calendar must be an object', [{ path: basePath || '/', message: 'expected an object' }]);
  }
  const cal = input as Record<string, unknown>;
  if (!isValidTimeZone(cal.timeZone)) add('/timeZone', `unknown time zone ${JSON.stringify(cal.timeZone)}; use an IANA name such as Europe/Paris`);
  let openMinutes = 0;
  if (typeof cal.weekly !== 'object' || cal.weekly === null || Array.isArray(cal.weekly)) {
    add('/weekly', 'expected an object keyed by weekday (mon … sun)');
  } else {
    for (const [day, intervals] of Object.entries(cal.weekly)) {
      if (!(WEEKDAYS as readonly string[]).includes(day)) {
        add(`/weekly/${day}`, `unknown weekday; use one of ${WEEKDAYS.join(', ')}`);
        continue;
      }
      if (!Array.isArray(intervals)) {
        add(`/weekly/${day}`, 'expected a list of {start, end} intervals');
        continue;
      }
      intervals.forEach((iv: unknown, i) => {
        const o = (typeof iv === 'object' && iv !== null ? iv : {}) as Record<string, unknown>;
        const start = parseMinuteOfDay(o.start);
        const end = parseMinuteOfDay(o.end);
        if (start === null || start === 1440) add(`/weekly/${day}/${i}/start`, 'expected a time HH:MM between 00:00 and 23:59');
        if (end === null) add(`/weekly/${day}/${i}/end`, 'expected a time HH:MM between 00:00 and 24:00');
        if (start !== null && end !== null) openMinutes += end > start ? end - start : end + 1440 - start;
      });
    }
  }
  if (cal.holidays !== undefined) {
    if (!Array.isArray(cal.holidays)) add('/holidays', 'expected a list of dates YYYY-MM-DD');
    else
      cal.holidays.forEach((h: unknown, i) => {
        if (!parseLocalDate(h)) add(`/holidays/${i}`, `expected a date YYYY-MM-DD, got ${JSON.stringify(h)}`);
      });
  }
  if (problems.length === 0 && openMinutes === 0) add('/weekly', 'the calendar is never open; add at least one opening interval');
  if (problems.length) throw new AppError('VALIDATION_FAILED', `Business calendar is invalid: ${problems.map((p) => `${p.path} ${p.message}`).join('; ')}`, problems);
  return input as BusinessCalendar;
};

interface ParsedCalendar {
  timeZone: string;
  /** Per weekday (0 = Sunday): [startMinute, endMinute) with end possibly past 1440 (overnight). */
  byWeekday: Array<Array<[number, number]>>;
  holidays: Set<string>;
  /** Memo of each local day's UTC intervals and the following midnight: the same weeks are
   * looked up again and again (every conversation of the week), and Intl is the slow part. */
  days: Map<string, { intervals: Array<[number, number]>; nextMidnight: number }>;
}

const MAX_MEMO_DAYS = 5000;

const parsedCache = new WeakMap<BusinessCalendar, ParsedCalendar>();

const parseCalendar = (cal: BusinessCalendar): ParsedCalendar => {
  let parsed = parsedCache.get(cal);
  if (parsed) return parsed;
  const byWeekday: Array<Array<[number, number]>> = WEEKDAYS.map((day) =>
    (cal.weekly[day] ?? [])
      .map(({ start, end }): [number, number] => {
        const s = parseMinuteOfDay(start) ?? 0;
        const e = parseMinuteOfDay(end) ?? 0;
        return [s, e > s ? e : e + 1440];
      })
      .sort((a, b) => a[0] - b[0]),
  );
  parsed = { timeZone: cal.timeZone, byWeekday, holidays: new Set(cal.holidays ?? []), days: new Map() };
  parsedCache.set(cal, parsed);
  return parsed;
};

/** The UTC intervals a local day's opening hours cover (empty on holidays), and when it ends. */
const dayInfo = (cal: ParsedCalendar, date: LocalDate): { intervals: Array<[number, number]>; nextMidnight: number } => {
  const key = formatLocalDate(date);
  const memo = cal.days.get(key);
  if (memo) return memo;
  const spec = cal.byWeekday[weekdayOf(date)] ?? [];
  const intervals: Array<[number, number]> = [];
  if (!cal.holidays.has(key)) {
    for (const [s, e] of spec) {
      const start = zonedTimeToInstant(date, s, cal.timeZone);
      const end = e <= 1440 ? zonedTimeToInstant(date, e, cal.timeZone) : zonedTimeToInstant(addDays(date, 1), e - 1440, cal.timeZone);
      if (end > start) intervals.push([start, end]); // an interval inside a skipped DST hour is empty
    }
  }
  const info = { intervals, nextMidnight: zonedTimeToInstant(addDays(date, 1), 0, cal.timeZone) };
  if (cal.days.size >= MAX_MEMO_DAYS) cal.days.clear();
  cal.days.set(key, info);
  return info;
};

/**
 * Open intervals `[start, end)` in epoch ms, in order and never overlapping, the first one clipped
 * to begin no earlier than `fromMs`. Endless for a calendar that opens at all.
 */
export function* openIntervals(calendar: BusinessCalendar, fromMs: number): Generator<[number, number]> {
  const cal = parseCalendar(calendar);
  // Start a day early: yesterday's overnight shift may still be running.
  let date = addDays(zonedParts(fromMs, cal.timeZone), -1);
  let pending: [number, number] | null = null;
  let emittedUntil = fromMs;
  let emptyDays = 0;
  for (;;) {
    const { intervals, nextMidnight } = dayInfo(cal, date);
    emptyDays = intervals.length ? 0 : emptyDays + 1;
    if (emptyDays > MAX_SEARCH_DAYS) throw new AppError('UNPROCESSABLE', 'Business calendar has no opening hours in the next three years');
    for (const [s, e] of intervals) {
      const start = Math.max(s, emittedUntil);
      if (e <= start) continue;
      if (pending && start <= pending[1]) pending[1] = Math.max(pending[1], e);
      else {
        if (pending) {
          yield pending;
          emittedUntil = pending[1];
        }
        pending = [start, e];
      }
    }
    date = addDays(date, 1);
    // Later days' intervals start at or after the next local midnight, so `pending` is final once
    // it ends by then. A calendar open around the clock never lets that happen: release a week
    // at a time (`emittedUntil` keeps the next piece from overlapping it).
    if (pending && (nextMidnight >= pending[1] || pending[1] - pending[0] > WEEK_MS)) {
      yield pending;
      emittedUntil = pending[1];
      pending = null;
    }
  }
}

/** The instant `minutes` business minutes after `start` (the earliest instant they are reached). */
export const addBusinessMinutes = (calendar: CalendarInput, start: InstantInput, minutes: number): Date => {
  if (!(minutes >= 0)) throw new RangeError(`minutes must be zero or more, got ${minutes}`);
  const from = toEpochMs(start);
  if (!calendar) return new Date(from + minutes * MINUTE_MS);
  let remaining = minutes * MINUTE_MS;
  if (remaining === 0) return new Date(from);
  for (const [s, e] of openIntervals(calendar, from)) {
    if (remaining <= e - s) return new Date(s + remaining);
    remaining -= e - s;
  }
  throw new Error('unreachable: openIntervals is endless');
};

/** Business minutes from `a` to `b` (negative when `b` is before `a`). */
export const businessMinutesBetween = (calendar: CalendarInput, a: InstantInput, b: InstantInput): number => {
  const from = toEpochMs(a);
  const to = toEpochMs(b);
  if (to < from) return -businessMinutesBetween(calendar, to, from);
  if (!calendar) return (to - from) / MINUTE_MS;
  let total = 0;
  for (const [s, e] of openIntervals(calendar, from)) {
    if (s >= to) break;
    total += Math.min(e, to) - s;
  }
  return total / MINUTE_MS;
};

/** Whether the calendar is open at an instant. */
export const isWithinBusinessHours = (calendar: CalendarInput, at: InstantInput): boolean => {
  if (!calendar) return true;
  const ms = toEpochMs(at);
  const first = openIntervals(calendar, ms).next().value;
  return first !== undefined && first[0] === ms;
};

/** When the calendar next opens at or after `at` (`at` itself when it is open). */
export const nextBusinessOpening = (calendar: CalendarInput, at: InstantInput): Date => {
  const ms = toEpochMs(at);
  if (!calendar) return new Date(ms);
  const first = openIntervals(calendar, ms).next().value;
  if (!first) throw new Error('unreachable: openIntervals is endless');
  return new Date(first[0]);
};
