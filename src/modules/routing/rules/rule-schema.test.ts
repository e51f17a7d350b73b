import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Static } from 'typebox';
import { Value } from 'typebox/value';
import { ChannelRuleSchema, DataRuleSchema } from './rule-schema.ts';
import type { ChannelRule, DataRule } from './rule-types.ts';

describe('rule schemas', () => {
  it('accept the JSON shape of rules and refuse a wrong one', () => {
    const rule: DataRule = {
      id: 'r',
      name: 'R',
      when: { all: [{ field: 'intent', op: 'eq', value: 'billing' }, { any: [{ none: [{ field: 'isVip', op: 'is', value: true }] }] }] },
      then: [{ type: 'assign_team', teamId: 't' }, { type: 'notify', teamIds: ['s'] }, { type: 'stop_processing' }],
    };
    assert.equal(Value.Check(DataRuleSchema, rule), true);
    assert.equal(Value.Check(DataRuleSchema, { ...rule, then: [{ type: 'explode' }] }), false);
    assert.equal(Value.Check(DataRuleSchema, { ...rule, when: { all: [], any: [] } }), false);
    const channel: ChannelRule = { id: 'c', name: 'C', appliesTo: { channelKinds: ['email'] }, calendarId: null, autoAcknowledge: { cannedReplyId: 'a', when: 'always' } };
    assert.equal(Value.Check(ChannelRuleSchema, channel), true);
  });

  it('describe the same types as the TypeScript interfaces', () => {
    const fromSchema = (r: Static<typeof DataRuleSchema>): DataRule => r as DataRule;
    const toSchema = (r: DataRule): Static<typeof DataRuleSchema> => r;
    assert.equal(typeof fromSchema, 'function');
    assert.equal(typeof toSchema, 'function');
  });
});
