import type { QuietHours, RuleDefinition, TimeWindow } from './rule-definition.ts';

/** What a rule looks at in an incident. */
export interface IncidentFacts {
  severity: number;
  type: string | null;
  title: string;
  /** match_terms plus the terms and labels of its topics. */
  terms: string[];
  isDrill: boolean;
}

/** Day of week (0 = Sunday) and minutes since midnight at `at` in `timeZone`. */
export const localTime = (at: Date, timeZone: string): { day: number; minutes: number } => {
  let parts: Intl.DateTimeFormatPart[];
  try {
    parts = new Intl.DateTimeFormat('en-US', { timeZone, weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(at);
  } catch {
    // An unknown zone in old data: UTC rather than no alerts at all.
    return localTime(at, 'UTC');
  }
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '0';
  const day = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'].indexOf(get('weekday'));
  return { day: Math.max(0, day), minutes: Number(get('hour')) * 60 + Number(get('minute')) };
};

const toMinutes = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/**
 * Is local time inside [from, to)? A window over midnight (22:00–07:00) belongs to the day it
 * started on: Friday 22:00–07:00 covers Saturday 03:00 but not Friday 03:00. Equal bounds = all day.
 */
export const inWindow = (w: Pick<TimeWindow, 'from' | 'to'> & { days?: number[] }, local: { day: number; minutes: number }): boolean => {
  const from = toMinutes(w.from);
  const to = toMinutes(w.to);
  const dayOk = (d: number) => !w.days || w.days.includes(d);
  if (from === to) return dayOk(local.day);
  if (from < to) return local.minutes >= from && local.minutes < to && dayOk(local.day);
  if (local.minutes >= from) return dayOk(local.day);
  if (local.minutes < to) return dayOk((local.day + 6) % 7);
  return false;
};

const norm = (s: string) => s.toLowerCase().trim();

/** Does the rule hear this incident now? With the reason when it does not (for "test" and logs). */
export const matchRule = (d: RuleDefinition, incident: IncidentFacts, local: { day: number; minutes: number }): { matched: boolean; reason: string } => {
  const c = d.conditions;
  if (incident.severity < c.minSeverity) return { matched: false, reason: `severity ${incident.severity} is below ${c.minSeverity}` };
  if (c.drills === 'exclude' && incident.isDrill) return { matched: false, reason: 'the rule ignores drills' };
  if (c.drills === 'only' && !incident.isDrill) return { matched: false, reason: 'the rule hears only drills' };
  if (c.types.length && !c.types.some((t) => incident.type !== null && norm(t) === norm(incident.type))) {
    return { matched: false, reason: `type ${incident.type ?? '(none)'} is not one of ${c.types.join(', ')}` };
  }
  if (c.terms.length) {
    const haystack = [incident.title, ...incident.terms].map(norm).join('\n');
    if (!c.terms.some((t) => haystack.includes(norm(t)))) return { matched: false, reason: `none of ${c.terms.join(', ')} is in the incident` };
  }
  if (c.hours && !inWindow(c.hours, local)) return { matched: false, reason: `outside the rule's hours ${c.hours.from}–${c.hours.to}` };
  return { matched: true, reason: 'matched' };
};

/** Held back by quiet hours? The recipient's own quiet hours win over the rule's, which win over the workspace's. */
export const isQuiet = (quiet: QuietHours | undefined, severity: number, local: { day: number; minutes: number }): boolean =>
  quiet !== undefined && severity < quiet.minSeverity && inWindow(quiet, local);
