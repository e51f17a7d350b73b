import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { inWindow, isQuiet, localTime, matchRule, type IncidentFacts } from './rule-matching.ts';
import type { RuleDefinition } from './rule-definition.ts';

const rule = (conditions: Partial<RuleDefinition['conditions']> = {}): RuleDefinition => ({
  conditions: { minSeverity: 1, types: [], terms: [], drills: 'include', ...conditions },
  recipients: [],
  escalation: { levels: [] },
  grouping: {},
});
const incident = (over: Partial<IncidentFacts> = {}): IncidentFacts => ({ severity: 6, type: 'outage', title: 'Login errors after update', terms: ['login error', 'app'], isDrill: false, ...over });
// Monday 2026-01-05 10:00 UTC is 11:00 in Paris.
const monday10 = localTime(new Date('2026-01-05T10:00:00Z'), 'UTC');

describe('alert rule matching', () => {
  it('reads the local day and time in the workspace time zone', () => {
    assert.deepEqual(localTime(new Date('2026-01-05T10:00:00Z'), 'Europe/Paris'), { day: 1, minutes: 11 * 60 });
    assert.deepEqual(localTime(new Date('2026-01-05T02:30:00Z'), 'America/New_York'), { day: 0, minutes: 21 * 60 + 30 }, 'still Sunday evening in New York');
    assert.deepEqual(localTime(new Date('2026-01-05T10:00:00Z'), 'Not/AZone'), { day: 1, minutes: 600 }, 'an unknown zone falls back to UTC');
  });

  it('hears incidents at or above the minimum severity only', () => {
    assert.equal(matchRule(rule({ minSeverity: 7 }), incident({ severity: 6 }), monday10).matched, false);
    assert.match(matchRule(rule({ minSeverity: 7 }), incident({ severity: 6 }), monday10).reason, /below 7/);
    assert.equal(matchRule(rule({ minSeverity: 6 }), incident({ severity: 6 }), monday10).matched, true);
  });

  it('filters by incident type and by product/topic terms, case-insensitively', () => {
    assert.equal(matchRule(rule({ types: ['Safety'] }), incident(), monday10).matched, false);
    assert.equal(matchRule(rule({ types: ['OUTAGE', 'safety'] }), incident(), monday10).matched, true);
    assert.equal(matchRule(rule({ types: ['outage'] }), incident({ type: null }), monday10).matched, false);
    assert.equal(matchRule(rule({ terms: ['billing'] }), incident(), monday10).matched, false);
    assert.equal(matchRule(rule({ terms: ['Login'] }), incident(), monday10).matched, true, 'matches the terms');
    assert.equal(matchRule(rule({ terms: ['update'] }), incident(), monday10).matched, true, 'matches the title');
  });

  it('includes, excludes or only hears drills', () => {
    assert.equal(matchRule(rule(), incident({ isDrill: true }), monday10).matched, true);
    assert.equal(matchRule(rule({ drills: 'exclude' }), incident({ isDrill: true }), monday10).matched, false);
    assert.equal(matchRule(rule({ drills: 'only' }), incident(), monday10).matched, false);
    assert.equal(matchRule(rule({ drills: 'only' }), incident({ isDrill: true }), monday10).matched, true);
  });

  it('business hours versus nights, with days and windows over midnight', () => {
    const business = rule({ hours: { from: '09:00', to: '17:00', days: [1, 2, 3, 4, 5] } });
    assert.equal(matchRule(business, incident(), { day: 1, minutes: 9 * 60 }).matched, true, 'from is inclusive');
    assert.equal(matchRule(business, incident(), { day: 1, minutes: 17 * 60 }).matched, false, 'to is exclusive');
    assert.equal(matchRule(business, incident(), { day: 6, minutes: 10 * 60 }).matched, false, 'not on Saturday');
    const nights = { from: '22:00', to: '07:00', days: [5] };
    assert.equal(inWindow(nights, { day: 5, minutes: 23 * 60 }), true, 'Friday 23:00');
    assert.equal(inWindow(nights, { day: 6, minutes: 3 * 60 }), true, 'Saturday 03:00 belongs to Friday night');
    assert.equal(inWindow(nights, { day: 5, minutes: 3 * 60 }), false, 'Friday 03:00 is Thursday night');
    assert.equal(inWindow(nights, { day: 6, minutes: 12 * 60 }), false);
    assert.equal(inWindow({ from: '00:00', to: '00:00' }, { day: 3, minutes: 5 }), true, 'equal bounds: all day');
  });

  it('quiet hours hold back only alerts below their severity, inside their window', () => {
    const quiet = { from: '22:00', to: '07:00', minSeverity: 8 };
    const night = { day: 2, minutes: 2 * 60 };
    const day = { day: 2, minutes: 14 * 60 };
    assert.equal(isQuiet(quiet, 5, night), true);
    assert.equal(isQuiet(quiet, 8, night), false, 'severe enough to wake someone');
    assert.equal(isQuiet(quiet, 5, day), false);
    assert.equal(isQuiet(undefined, 1, night), false);
  });
});
