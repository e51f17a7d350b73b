/**
 * Wall-clock time in an IANA time zone, with nothing but Intl.
 *
 * Lookout stores instants (UTC); business hours, holidays and "time of day" rules are written in a
 * zone's local time. These helpers convert between the two, including across DST changes:
 * a local time that does not exist (the hour skipped in spring) maps forward, like a wall clock
 * would; a local time that happens twice (the hour repeated in autumn) maps to the first one.
 */

export type InstantInput = Date | string | number;

/** Normalises an instant given as a Date, an ISO string or epoch milliseconds; throws on garbage. */
export const toEpochMs = (at: InstantInput): number => {
  const ms = at instanceof Date ? at.getTime() : typeof at === 'number' ? at : Date.parse(at);
  if (!Number.isFinite(ms)) throw new RangeError(`not a valid instant: ${String(at)}`);
  return ms;
};

/** Like toEpochMs, but null for a missing or unreadable instant (facts from the outside world). */
export const tryEpochMs = (at: InstantInput | null | undefined): number | null => {
  if (at === null || at === undefined) return null;
  const ms = at instanceof Date ? at.getTime() : typeof at === 'number' ? at : Date.parse(at);
  return Number.isFinite(ms) ? ms : null;
};

export interface LocalDate {
  year: number;
  /** 1–12 */
  month: number;
  day: number;
}

export interface ZonedParts extends LocalDate {
  hour: number;
  minute: number;
  second: number;
  /** 0 = Sunday … 6 = Saturday, as Date#getUTCDay. */
  weekday: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

const formatterFor = (timeZone: string): Intl.DateTimeFormat => {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
};

export const isValidTimeZone = (timeZone: unknown): timeZone is string => {
  if (typeof timeZone !== 'string' || timeZone === '') return false;
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
};

const isUtc = (timeZone: string): boolean => timeZone === 'UTC' || timeZone === 'Etc/UTC';

/** Wall-clock parts straight from Intl (the slow path; see zoneOffsetMs for the cache). */
const intlParts = (ms: number, timeZone: string): Omit<ZonedParts, 'weekday'> => {
  const out = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0 };
  for (const p of formatterFor(timeZone).formatToParts(ms)) {
    if (p.type in out) out[p.type as keyof typeof out] = Number(p.value);
  }
  return out;
};

const intlOffset = (ms: number, timeZone: string): number => {
  const p = intlParts(ms, timeZone);
  return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - (ms - (((ms % 1000) + 1000) % 1000));
};

const HOUR_MS = 3_600_000;
const MAX_CACHED_HOURS = 200_000;
/** Per zone: hour bucket → the offset in force for the whole hour (hours holding a transition are not cached). */
const offsetCache = new Map<string, Map<number, number>>();

/** How far the zone's wall clock is ahead of UTC at an instant, in milliseconds. */
export const zoneOffsetMs = (ms: number, timeZone: string): number => {
  if (isUtc(timeZone)) return 0;
  let cache = offsetCache.get(timeZone);
  if (!cache) offsetCache.set(timeZone, (cache = new Map()));
  const bucket = Math.floor(ms / HOUR_MS);
  const hit = cache.get(bucket);
  if (hit !== undefined) return hit;
  const first = intlOffset(bucket * HOUR_MS, timeZone);
  if (first !== intlOffset(bucket * HOUR_MS + HOUR_MS - 1000, timeZone)) return intlOffset(ms, timeZone);
  if (cache.size >= MAX_CACHED_HOURS) cache.clear();
  cache.set(bucket, first);
  return first;
};

/** The local calendar date and wall-clock time of an instant in a zone. */
export const zonedParts = (ms: number, timeZone: string): ZonedParts => {
  const d = new Date(ms + zoneOffsetMs(ms, timeZone));
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
    weekday: d.getUTCDay(),
  };
};

const DAY_MS = 86_400_000;

/**
 * The instant when the zone's wall clock shows `date` at `minuteOfDay` (0–1440; 1440 is the next
 * day's midnight). Skipped local times map forward; repeated ones map to their first occurrence.
 */
export const zonedTimeToInstant = (date: LocalDate, minuteOfDay: number, timeZone: string): number => {
  const wall = Date.UTC(date.year, date.month - 1, date.day) + minuteOfDay * 60_000;
  if (isUtc(timeZone)) return wall;
  // The offsets in force a day before and a day after bracket any single transition.
  const before = zoneOffsetMs(wall - DAY_MS, timeZone);
  const after = zoneOffsetMs(wall + DAY_MS, timeZone);
  const candidates = before === after ? [before] : [before, after];
  let best: number | null = null;
  for (const offset of candidates) {
    const instant = wall - offset;
    if (zoneOffsetMs(instant, timeZone) === offset && (best === null || instant < best)) best = instant;
  }
  // No candidate is consistent: the wall time falls in a gap; read it with the earlier offset,
  // which lands the same distance past the jump (02:30 in a 02:00→03:00 gap becomes 03:30).
  return best ?? wall - before;
};

/** The local date `days` after `date` (negative goes back). */
export const addDays = (date: LocalDate, days: number): LocalDate => {
  const d = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
};

export const weekdayOf = (date: LocalDate): number => new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay();

const pad = (n: number): string => String(n).padStart(2, '0');

/** `YYYY-MM-DD`, the form holidays are written in. */
export const formatLocalDate = (date: LocalDate): string => `${date.year}-${pad(date.month)}-${pad(date.day)}`;

/** `HH:MM` from minutes since midnight. */
export const formatMinuteOfDay = (minute: number): string => `${pad(Math.floor(minute / 60))}:${pad(minute % 60)}`;

const HH_MM = /^(\d{2}):(\d{2})$/;

/** Minutes since midnight of an `HH:MM` string (`24:00` allowed as the end of a day), or null. */
export const parseMinuteOfDay = (text: unknown): number | null => {
  if (typeof text !== 'string') return null;
  const m = HH_MM.exec(text);
  if (!m) return null;
  const h = Number(m[1]);
  const min = Number(m[2]);
  if (min > 59 || h > 24 || (h === 24 && min !== 0)) return null;
  return h * 60 + min;
};

const YMD = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A `YYYY-MM-DD` string as a LocalDate, or null if it is not a real date. */
export const parseLocalDate = (text: unknown): LocalDate | null => {
  if (typeof text !== 'string') return null;
  const m = YMD.exec(text);
  if (!m) return null;
  const date = { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
  return formatLocalDate(addDays(date, 0)) === text ? date : null;
};

export const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
export type Weekday = (typeof WEEKDAYS)[number];
