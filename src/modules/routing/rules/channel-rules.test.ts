import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { tokenizeText } from '../../listening/index.ts';
import type { BusinessCalendar } from '../sla/index.ts';
import { resolveChannelPolicy } from './channel-rules.ts';
import { billingFacts } from './fixtures.test-helpers.ts';
import { routeMention } from './route-mention.ts';
import type { ChannelRule, DataRule } from './rule-types.ts';

const nineToFive = [{ start: '09:00', end: '17:00' }];
const paris: BusinessCalendar = { timeZone: 'Europe/Paris', weekly: { mon: nineToFive, tue: nineToFive, wed: nineToFive, thu: nineToFive, fri: nineToFive } };
const calendars = { 'cal-paris': paris };

const channelRules: ChannelRule[] = [
  { id: 'vip-inbox', name: 'VIP inbox', appliesTo: { channelIds: ['ch-vip'] }, calendarId: null, autoAcknowledge: null },
  { id: 'public-social', name: 'Public social', appliesTo: { channelKinds: ['bluesky', 'x'], visibility: 'public' }, requireApprovalForPublicReply: true },
  { id: 'disabled', name: 'Disabled', enabled: false, requireApprovalForPublicReply: false },
  { id: 'default', name: 'Default', calendarId: 'cal-paris', autoAcknowledge: { cannedReplyId: 'ack-closed', when: 'outside_business_hours' } },
];

describe('resolveChannelPolicy', () => {
  it('takes each setting from the first covering rule that sets it', () => {
    // Monday 22:15 in Paris: closed.
    const p = resolveChannelPolicy(channelRules, billingFacts, calendars);
    assert.equal(p.calendarId, 'cal-paris');
    assert.equal(p.calendar, paris);
    assert.equal(p.isBusinessHours, false);
    assert.deepEqual(p.autoAcknowledge, { cannedReplyId: 'ack-closed', ruleId: 'default' });
    assert.equal(p.requireApprovalForPublicReply, true);
    assert.deepEqual(p.reasons, [
      'calendar cal-paris (channel rule "Default")',
      'outside business hours',
      'auto-acknowledge outside business hours (channel rule "Default")',
      'public replies need approval (channel rule "Public social")',
    ]);
  });

  it('does not acknowledge outside-hours-only during business hours', () => {
    const p = resolveChannelPolicy(channelRules, { ...billingFacts, receivedAt: '2026-01-05T10:00:00Z' }, calendars);
    assert.equal(p.isBusinessHours, true);
    assert.equal(p.autoAcknowledge, null);
  });

  it('lets a specific rule switch settings off explicitly', () => {
    const p = resolveChannelPolicy(channelRules, { channelId: 'ch-vip', channelKind: 'email', visibility: 'private', receivedAt: '2026-01-05T21:15:00Z' }, calendars);
    assert.equal(p.calendarId, null);
    assert.equal(p.isBusinessHours, true); // around the clock
    assert.equal(p.autoAcknowledge, null);
    assert.equal(p.requireApprovalForPublicReply, false);
  });

  it('treats a missing calendar as always open, and unknown time as unknown', () => {
    const p = resolveChannelPolicy(channelRules, { ...billingFacts, receivedAt: null }, new Map());
    assert.equal(p.isBusinessHours, null);
    assert.equal(p.calendar, null);
    assert.match(p.reasons[0] ?? '', /not found/);
    assert.equal(resolveChannelPolicy(channelRules, billingFacts, (id) => (id === 'cal-paris' ? paris : null)).isBusinessHours, false);
    assert.equal(resolveChannelPolicy(channelRules, { ...billingFacts, receivedAt: 'garbage' }, calendars).isBusinessHours, null);
  });
});

describe('routeMention', () => {
  const dataRules: DataRule[] = [
    {
      id: 'night-vip',
      name: 'Out-of-hours influencers',
      when: { all: [{ field: 'businessHours', op: 'is', value: false }, { field: 'followers', op: 'gte', value: 10_000 }] },
      then: [{ type: 'assign_team', teamId: 'team-oncall' }],
    },
  ];

  it('feeds the channel hours to data rules and keeps the channel acknowledgement', () => {
    const r = routeMention({ channelRules, dataRules, facts: billingFacts, calendars });
    assert.equal(r.teamId, 'team-oncall');
    assert.deepEqual(r.fired[0]?.reasons, ['outside business hours', 'followers 120,000 ≥ 10,000']);
    assert.deepEqual(r.autoAcknowledge, { cannedReplyId: 'ack-closed', ruleId: 'default' });
    assert.equal(r.channel.requireApprovalForPublicReply, true);
  });

  it('prefers a data rule acknowledgement over the channel one', () => {
    const ack: DataRule = { id: 'ack', name: 'Ack', when: { all: [] }, then: [{ type: 'auto_acknowledge', cannedReplyId: 'ack-special' }] };
    assert.deepEqual(routeMention({ channelRules, dataRules: [ack], facts: billingFacts, calendars }).autoAcknowledge, { cannedReplyId: 'ack-special', ruleId: 'ack' });
  });

  it('reuses text the listening stage already tokenised', () => {
    const byQuery: DataRule = { id: 'q', name: 'Q', when: { all: [{ field: 'text', op: 'matches_query', value: 'refund' }] }, then: [{ type: 'add_tag', tag: 'r' }] };
    const r = routeMention({ dataRules: [byQuery], facts: { text: 'nothing here' }, textTokens: tokenizeText('refund please') });
    assert.deepEqual(r.tags, ['r']);
  });

  it('works with no channel rules at all', () => {
    const r = routeMention({ dataRules, facts: billingFacts });
    assert.equal(r.channel.isBusinessHours, true);
    assert.equal(r.teamId, null);
  });
});
