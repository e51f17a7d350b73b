import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { testRule } from './evaluate-rules.ts';
import { billingFacts } from './fixtures.test-helpers.ts';
import type { Condition, MentionFacts, RuleContext } from './rule-types.ts';

/** What one condition says about the facts, and whether it held. */
const check = (condition: Condition, facts: MentionFacts = billingFacts, ctx: RuleContext = {}): [boolean, string] => {
  const out = testRule({ id: 'r', name: 'R', when: { all: [condition] }, then: [{ type: 'add_tag', tag: 't' }] }, facts, ctx);
  const leaf = out.trace.children?.[0];
  assert.ok(leaf);
  return [leaf.matched, leaf.text];
};

describe('string conditions', () => {
  it('states the value and its confidence', () => {
    assert.deepEqual(check({ field: 'intent', op: 'eq', value: 'billing' }), [true, 'intent = billing (0.91)']);
    assert.deepEqual(check({ field: 'intent', op: 'eq', value: 'praise' }), [false, 'intent = billing (0.91), not praise']);
    assert.deepEqual(check({ field: 'intent', op: 'eq', value: 'Billing', minScore: 0.95 }), [false, 'intent = billing (0.91), below 0.95']);
    assert.deepEqual(check({ field: 'intent', op: 'neq', value: 'spam' }), [true, 'intent = billing (0.91), not spam']);
    assert.deepEqual(check({ field: 'language', op: 'in', value: ['fr', 'EN'] }), [true, 'language = en (one of fr, EN)']);
    assert.deepEqual(check({ field: 'language', op: 'not_in', value: ['fr', 'de'] }), [true, 'language = en, not one of fr, de']);
    assert.deepEqual(check({ field: 'language', op: 'not_in', value: ['en'] }), [false, 'language = en (one of en)']);
    assert.deepEqual(check({ field: 'customerTier', op: 'eq', value: 'gold' }), [true, 'customer tier = Gold']);
    assert.deepEqual(check({ field: 'channel', op: 'eq', value: 'CH-BSKY' }), [false, 'channel = ch-bsky, not CH-BSKY']);
  });

  it('does not hold on an unknown fact, whatever the operator', () => {
    const facts = { ...billingFacts, language: null };
    assert.deepEqual(check({ field: 'language', op: 'neq', value: 'en' }, facts), [false, 'language unknown']);
    assert.deepEqual(check({ field: 'language', op: 'not_in', value: ['en'] }, facts), [false, 'language unknown']);
  });
});

describe('number conditions', () => {
  it('compares with readable numbers', () => {
    assert.deepEqual(check({ field: 'followers', op: 'gte', value: 10_000 }), [true, 'followers 120,000 ≥ 10,000']);
    assert.deepEqual(check({ field: 'followers', op: 'lt', value: 10_000 }), [false, 'followers 120,000, not < 10,000']);
    assert.deepEqual(check({ field: 'priority', op: 'between', value: [50, 80] }), [true, 'priority 62 in 50–80']);
    assert.deepEqual(check({ field: 'sentimentScore', op: 'gt', value: 0.95 }), [false, 'sentiment score 0.93, not > 0.95']);
    assert.deepEqual(check({ field: 'influence', op: 'neq', value: 70 }), [true, 'influence 71 ≠ 70']);
    assert.deepEqual(check({ field: 'followers', op: 'gte', value: 1 }, { ...billingFacts, followers: undefined }), [false, 'followers unknown']);
  });
});

describe('boolean conditions', () => {
  it('states the fact, with its confidence', () => {
    assert.deepEqual(check({ field: 'complaint', op: 'is', value: true }), [true, 'complaint (0.88)']);
    assert.deepEqual(check({ field: 'complaint', op: 'is', value: true, minScore: 0.9 }), [false, 'complaint (0.88), below 0.90']);
    assert.deepEqual(check({ field: 'isVip', op: 'is', value: true }), [false, 'not a VIP customer']);
    assert.deepEqual(check({ field: 'isDrill', op: 'is', value: false }), [true, 'not a drill']);
    assert.deepEqual(check({ field: 'verified', op: 'is', value: true }), [true, 'verified author']);
    assert.deepEqual(check({ field: 'needsResponse', op: 'is', value: true }), [true, 'needs a response (0.95)']);
  });

  it('reads business hours from the facts or the channel calendar', () => {
    const weekdays = [{ start: '09:00', end: '17:00' }];
    const calendar = { timeZone: 'Europe/Paris', weekly: { mon: weekdays, tue: weekdays } };
    assert.deepEqual(check({ field: 'businessHours', op: 'is', value: false }, billingFacts, { calendar }), [true, 'outside business hours']);
    assert.deepEqual(check({ field: 'businessHours', op: 'is', value: true }, billingFacts, { calendar: null }), [true, 'within business hours']);
    assert.deepEqual(check({ field: 'businessHours', op: 'is', value: true }, { ...billingFacts, isBusinessHours: true }, { calendar }), [true, 'within business hours']);
    assert.deepEqual(check({ field: 'businessHours', op: 'is', value: true }), [false, 'business hours unknown']);
  });
});

describe('list conditions', () => {
  it('names the ids found or missing', () => {
    assert.deepEqual(check({ field: 'listeningQuery', op: 'has_any', value: ['q-brand', 'q-outage'] }), [true, 'listening query q-brand']);
    assert.deepEqual(check({ field: 'listeningQuery', op: 'has_all', value: ['q-brand', 'q-outage'] }), [false, 'listening query lacks q-outage']);
    assert.deepEqual(check({ field: 'listeningQuery', op: 'has_none', value: ['q-jobs'] }), [true, 'listening query none of q-jobs']);
    assert.deepEqual(check({ field: 'tags', op: 'has_any', value: ['existing'] }), [true, 'tags existing']);
    assert.deepEqual(check({ field: 'listeningQuery', op: 'has_any', value: ['q'] }, { ...billingFacts, listeningQueryIds: null }), [false, 'listening query none of q']);
  });
});

describe('text conditions', () => {
  it('contains: case- and accent-insensitive substring, or exact when asked', () => {
    assert.deepEqual(check({ field: 'text', op: 'contains', value: ['refund', 'chargeback'] }), [true, 'text contains "refund"']);
    assert.deepEqual(check({ field: 'text', op: 'contains', value: 'twice', caseSensitive: true }), [false, 'text does not contain "twice"']);
    assert.deepEqual(check({ field: 'text', op: 'not_contains', value: 'hiring' }), [true, 'text does not contain "hiring"']);
    assert.deepEqual(check({ field: 'text', op: 'contains', value: 'café' }, { ...billingFacts, text: 'CAFE closed' }), [true, 'text contains "café"']);
  });

  it('matches_regex shows what it found', () => {
    assert.deepEqual(check({ field: 'text', op: 'matches_regex', value: '#[A-Z]-\\d+' }), [true, 'text matches /#[A-Z]-\\d+/i ("#A-1234")']);
    assert.deepEqual(check({ field: 'text', op: 'matches_regex', value: 'twice', caseSensitive: true }), [false, 'text does not match /twice/']);
  });

  it('matches_query uses the listening-query language', () => {
    assert.deepEqual(check({ field: 'text', op: 'matches_query', value: 'acme (refund OR chargeback) -hiring' }), [true, 'text matches query acme (refund OR chargeback) -hiring']);
    assert.deepEqual(check({ field: 'text', op: 'matches_query', value: '"double charge"' }), [false, 'text does not match query "double charge"']);
    assert.deepEqual(check({ field: 'text', op: 'contains', value: 'x' }, { ...billingFacts, text: null }), [false, 'text does not contain "x"']);
  });
});

describe('time conditions', () => {
  it('reads the time of day in the condition zone, the workspace zone or UTC', () => {
    assert.deepEqual(check({ field: 'timeOfDay', op: 'between', value: { from: '22:00', to: '06:00' }, timeZone: 'Europe/Paris' }), [true, 'time 22:15 (Europe/Paris) in 22:00–06:00']);
    assert.deepEqual(check({ field: 'timeOfDay', op: 'between', value: { from: '22:00', to: '06:00' } }), [false, 'time 21:15 (UTC), not in 22:00–06:00']);
    assert.deepEqual(check({ field: 'timeOfDay', op: 'not_between', value: { from: '09:00', to: '17:00' } }, billingFacts, { timeZone: 'America/New_York' }), [
      false,
      'time 16:15 (America/New_York) in 09:00–17:00',
    ]);
    assert.deepEqual(check({ field: 'timeOfDay', op: 'between', value: { from: '00:00', to: '24:00' } }), [true, 'time 21:15 (UTC) in 00:00–24:00']);
  });

  it('reads the day of the week in a zone, across midnight', () => {
    assert.deepEqual(check({ field: 'dayOfWeek', op: 'in', value: ['mon', 'tue'], timeZone: 'Europe/Paris' }), [true, 'day mon (Europe/Paris) in mon, tue']);
    assert.deepEqual(check({ field: 'dayOfWeek', op: 'in', value: ['mon'], timeZone: 'Asia/Tokyo' }), [false, 'day tue (Asia/Tokyo), not in mon']);
    assert.deepEqual(check({ field: 'dayOfWeek', op: 'not_in', value: ['sat', 'sun'] }), [true, 'day mon (UTC), not in sat, sun']);
    assert.deepEqual(check({ field: 'dayOfWeek', op: 'in', value: ['mon'] }, { ...billingFacts, receivedAt: null }), [false, 'day unknown']);
  });
});
