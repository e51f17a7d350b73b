import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AppError } from '../../../platform/errors/index.ts';
import { compileRules, evaluateRules, testRule } from './evaluate-rules.ts';
import { billingFacts } from './fixtures.test-helpers.ts';
import type { DataRule } from './rule-types.ts';

const rules: DataRule[] = [
  {
    id: 'drills',
    name: 'Hold drills',
    when: { all: [{ field: 'isDrill', op: 'is', value: true }] },
    then: [{ type: 'add_tag', tag: 'drill' }, { type: 'stop_processing' }],
  },
  {
    id: 'influencers',
    name: 'Influencers first',
    when: { any: [{ field: 'followers', op: 'gte', value: 10_000 }, { field: 'isVip', op: 'is', value: true }] },
    then: [{ type: 'change_priority', by: 20 }, { type: 'add_tag', tag: 'influencer' }],
  },
  {
    id: 'billing',
    name: 'Billing questions',
    when: { all: [{ field: 'intent', op: 'eq', value: 'billing', minScore: 0.8 }, { field: 'language', op: 'in', value: ['en', 'fr'] }] },
    then: [{ type: 'assign_team', teamId: 'team-billing' }, { type: 'auto_acknowledge', cannedReplyId: 'ack-billing' }],
  },
  {
    id: 'hot',
    name: 'Hot ones to supervisors',
    when: { all: [{ field: 'priority', op: 'gte', value: 80 }, { field: 'tags', op: 'has_any', value: ['influencer'] }] },
    then: [{ type: 'notify', teamIds: ['team-supervisors'], memberIds: ['m-ana'] }, { type: 'assign_team', teamId: 'team-escalations' }],
  },
  {
    id: 'off',
    name: 'Disabled',
    enabled: false,
    when: { all: [] },
    then: [{ type: 'send_to_feedback' }],
  },
  {
    id: 'feature-requests',
    name: 'Ideas to feedback',
    when: { all: [{ field: 'intent', op: 'eq', value: 'feature_request' }] },
    then: [{ type: 'send_to_feedback' }, { type: 'assign_team', teamId: 'team-product' }],
  },
  {
    id: 'everything-else',
    name: 'Everything else',
    when: { all: [] },
    then: [{ type: 'assign_team', teamId: 'team-general' }, { type: 'notify', teamIds: ['team-supervisors'] }],
  },
];
const compiled = compileRules(rules);

describe('evaluateRules', () => {
  it('routes a billing complaint and says why', () => {
    const d = evaluateRules(compiled, billingFacts);
    assert.equal(d.teamId, 'team-billing');
    assert.equal(d.teamRuleId, 'billing');
    assert.equal(d.priority, 82);
    assert.deepEqual(d.tags, ['influencer']);
    assert.deepEqual(d.autoAcknowledge, { cannedReplyId: 'ack-billing', ruleId: 'billing' });
    assert.deepEqual(d.notify, { memberIds: ['m-ana'], teamIds: ['team-supervisors'] });
    assert.equal(d.sendToFeedback, false);
    assert.equal(d.stoppedBy, null);
    assert.deepEqual(
      d.fired.map((f) => [f.ruleId, f.reasons]),
      [
        ['influencers', ['followers 120,000 ≥ 10,000']],
        ['billing', ['intent = billing (0.91)', 'language = en (one of en, fr)']],
        ['hot', ['priority 82 ≥ 80', 'tags influencer']],
        ['everything-else', []],
      ],
    );
    assert.deepEqual(d.fired.find((f) => f.ruleId === 'hot')?.ignored, ['assign team team-escalations: already decided by rule billing']);
    assert.deepEqual(d.fired.find((f) => f.ruleId === 'everything-else')?.ignored, ['assign team team-general: already decided by rule billing']);
    assert.deepEqual(
      d.actions.map((a) => `${a.ruleId}:${a.action.type}`),
      ['influencers:change_priority', 'influencers:add_tag', 'billing:assign_team', 'billing:auto_acknowledge', 'hot:notify', 'everything-else:notify'],
    );
  });

  it('stops processing after a rule that says so', () => {
    const d = evaluateRules(compiled, { ...billingFacts, isDrill: true });
    assert.equal(d.stoppedBy, 'drills');
    assert.deepEqual(d.fired.map((f) => f.ruleId), ['drills']);
    assert.deepEqual(d.tags, ['drill']);
    assert.equal(d.teamId, null);
    assert.equal(d.priority, 62);
    assert.deepEqual(d.actions.map((a) => a.action.type), ['add_tag', 'stop_processing']);
  });

  it('skips disabled rules and falls through to the catch-all', () => {
    const d = evaluateRules(compiled, { text: 'hello', intent: 'feature_request', followers: 3 });
    assert.deepEqual(d.fired.map((f) => f.ruleId), ['feature-requests', 'everything-else']);
    assert.equal(d.teamId, 'team-product');
    assert.equal(d.sendToFeedback, true);
    assert.equal(d.priority, null);
  });

  it('clamps priority changes to 0–100 and starts from 0 when triage gave none', () => {
    const up: DataRule = { id: 'up', name: 'Up', when: { all: [] }, then: [{ type: 'change_priority', by: 70 }, { type: 'change_priority', by: 70 }] };
    assert.equal(evaluateRules([up], {}).priority, 100);
    const down: DataRule = { id: 'down', name: 'Down', when: { all: [] }, then: [{ type: 'set_priority', value: 10 }, { type: 'change_priority', by: -30 }] };
    assert.equal(evaluateRules([down], { priority: 50 }).priority, 0);
  });

  it('explains a none group by what it saw', () => {
    const rule: DataRule = {
      id: 'not-spam',
      name: 'Not spam',
      when: { none: [{ field: 'intent', op: 'eq', value: 'spam' }, { all: [{ field: 'followers', op: 'lt', value: 10 }] }] },
      then: [{ type: 'add_tag', tag: 'real' }],
    };
    assert.deepEqual(evaluateRules([rule], billingFacts).fired[0]?.reasons, ['intent = billing (0.91), not spam', 'followers 120,000, not < 10']);
  });

  it('accepts a plain list of rules, validating it', () => {
    assert.equal(evaluateRules(rules, billingFacts).teamId, 'team-billing');
    assert.throws(() => evaluateRules([{ ...rules[0]!, when: { all: [{ field: 'bogus', op: 'eq', value: 1 }] } }], billingFacts), AppError);
  });

  it('never crashes on empty or odd facts', () => {
    const d = evaluateRules(compiled, {});
    assert.deepEqual(d.fired.map((f) => f.ruleId), ['everything-else']);
    const odd = evaluateRules(compiled, { text: '\u0000'.repeat(50_000), receivedAt: 'not a date', followers: Number.NaN });
    assert.equal(odd.teamId, 'team-general');
    const weekend: DataRule = {
      id: 'w',
      name: 'W',
      when: { any: [{ field: 'dayOfWeek', op: 'in', value: ['sat'] }, { field: 'businessHours', op: 'is', value: false }, { field: 'followers', op: 'gte', value: 0 }] },
      then: [{ type: 'add_tag', tag: 'w' }],
    };
    const trace = testRule(weekend, { receivedAt: 'not a date', followers: Number.NaN }, { calendar: null }).trace;
    assert.deepEqual(trace.children?.map((c) => c.text), ['day unknown', 'business hours unknown', 'followers unknown']);
  });
});

describe('compileRules', () => {
  it('rejects invalid rules with every problem, paths prefixed by index', () => {
    try {
      compileRules([rules[0]!, { id: 'x', name: 'X', when: { all: [{ field: 'text', op: 'matches_regex', value: '(a+)+' }] }, then: [{ type: 'stop_processing' }] }]);
      assert.fail('should throw');
    } catch (e) {
      assert.ok(e instanceof AppError);
      assert.deepEqual(e.fields.map((f) => f.path), ['/1/when/all/0/value']);
    }
  });
});

describe('testRule', () => {
  it('shows every condition of a rule that did not fire, with what it saw', () => {
    const out = testRule(
      {
        id: 't',
        name: 'Big billing',
        when: { all: [{ field: 'intent', op: 'eq', value: 'billing' }, { any: [{ field: 'followers', op: 'gte', value: 1_000_000 }, { field: 'isVip', op: 'is', value: true }] }] },
        then: [{ type: 'assign_team', teamId: 'team-vip' }],
      },
      billingFacts,
    );
    assert.equal(out.matched, false);
    assert.deepEqual(out.reasons, []);
    assert.deepEqual(out.actions, []);
    assert.deepEqual(out.trace, {
      path: '/when',
      matched: false,
      text: 'all',
      children: [
        { path: '/when/all/0', matched: true, text: 'intent = billing (0.91)' },
        {
          path: '/when/all/1',
          matched: false,
          text: 'any',
          children: [
            { path: '/when/all/1/any/0', matched: false, text: 'followers 120,000, not ≥ 1,000,000' },
            { path: '/when/all/1/any/1', matched: false, text: 'not a VIP customer' },
          ],
        },
      ],
    });
  });

  it('reports a matching rule with its reasons and actions, even when disabled', () => {
    const out = testRule({ ...rules[2]!, enabled: false }, billingFacts);
    assert.equal(out.matched, true);
    assert.equal(out.enabled, false);
    assert.deepEqual(out.reasons, ['intent = billing (0.91)', 'language = en (one of en, fr)']);
    assert.equal(out.actions.length, 2);
  });

  it('validates the rule first', () => {
    assert.throws(() => testRule({ id: 'x', name: 'X', when: { all: [{ field: 'nope', op: 'eq' }] }, then: [] }, billingFacts), AppError);
  });
});
