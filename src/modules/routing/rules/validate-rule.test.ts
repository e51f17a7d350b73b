import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AppError } from '../../../platform/errors/index.ts';
import { regexProblem, validateChannelRule, validateDataRule, validateDataRules } from './validate-rule.ts';

const problemsOf = (fn: () => unknown): Array<[string, string]> => {
  try {
    fn();
  } catch (e) {
    assert.ok(e instanceof AppError);
    assert.equal(e.code, 'VALIDATION_FAILED');
    return e.fields.map((f) => [f.path, f.message]);
  }
  assert.fail('expected a validation error');
};

const rule = (when: unknown, then: unknown = [{ type: 'add_tag', tag: 'x' }]) => ({ id: 'r1', name: 'Rule', when, then });

describe('validateDataRule', () => {
  it('accepts a well-formed rule with nested groups', () => {
    const ok = rule({
      all: [
        { field: 'intent', op: 'eq', value: 'billing', minScore: 0.8 },
        { any: [{ field: 'followers', op: 'gte', value: 10_000 }, { field: 'isVip', op: 'is', value: true }] },
        { none: [{ field: 'text', op: 'matches_query', value: 'hiring OR jobs' }] },
        { field: 'timeOfDay', op: 'between', value: { from: '22:00', to: '06:00' }, timeZone: 'Europe/Paris' },
        { field: 'dayOfWeek', op: 'in', value: ['sat', 'sun'] },
        { field: 'text', op: 'matches_regex', value: 'refund(ed)?', caseSensitive: true },
      ],
    });
    assert.equal(validateDataRule(ok), ok);
    assert.ok(validateDataRule(rule({ all: [] }))); // a catch-all rule
  });

  it('lists every problem with its path', () => {
    const problems = problemsOf(() =>
      validateDataRule({
        id: '',
        name: 'Bad',
        colour: 'red',
        when: {
          all: [
            { field: 'folowers', op: 'gte', value: 10 },
            { field: 'followers', op: 'contains', value: 10 },
            { field: 'followers', op: 'gte', value: '10k' },
            { field: 'sentiment', op: 'eq', value: 'angry' },
            { field: 'text', op: 'matches_regex', value: '(unclosed' },
            { field: 'text', op: 'matches_query', value: 'acme AND' },
            { any: [] },
            { field: 'verified', op: 'is', value: true, minScore: 0.5 },
            { field: 'priority', op: 'between', value: [90, 10] },
            { field: 'timeOfDay', op: 'between', value: { from: '9am', to: '17:00' }, timeZone: 'Paris' },
            { field: 'dayOfWeek', op: 'in', value: ['monday'] },
            'nonsense',
          ],
        },
        then: [{ type: 'assign_team' }, { type: 'explode' }, { type: 'set_priority', value: 150 }, { type: 'notify' }],
      }),
    );
    assert.deepEqual(problems.map(([p]) => p), [
      '/colour',
      '/id',
      '/when/all/0/field',
      '/when/all/1/op',
      '/when/all/2/value',
      '/when/all/3/value',
      '/when/all/4/value',
      '/when/all/5/value',
      '/when/all/6/any',
      '/when/all/7/minScore',
      '/when/all/8/value',
      '/when/all/9/value/from',
      '/when/all/9/timeZone',
      '/when/all/10/value/0',
      '/when/all/11',
      '/then/0/teamId',
      '/then/1/type',
      '/then/2/value',
      '/then/3',
    ]);
    const byPath = new Map(problems);
    assert.match(byPath.get('/when/all/0/field') ?? '', /unknown field "folowers"; expected one of .*followers/);
    assert.match(byPath.get('/when/all/1/op') ?? '', /operator "contains" does not apply to followers; expected one of eq, neq, gt, gte, lt, lte, between/);
    assert.match(byPath.get('/when/all/2/value') ?? '', /expected a number, got "10k"/);
    assert.match(byPath.get('/when/all/3/value') ?? '', /unknown value "angry"; expected one of negative, neutral, positive/);
    assert.match(byPath.get('/when/all/4/value') ?? '', /invalid regular expression/);
    assert.match(byPath.get('/when/all/5/value') ?? '', /column 6: AND needs a term after it/);
    assert.match(byPath.get('/when/all/7/minScore') ?? '', /has no confidence score/);
    assert.match(byPath.get('/then/1/type') ?? '', /unknown action "explode"/);
  });

  it('puts every problem in the error message too', () => {
    assert.throws(() => validateDataRule(rule({ all: [{ field: 'nope', op: 'eq', value: 1 }] })), /Rule is invalid: \/when\/all\/0\/field unknown field "nope"/);
  });

  it('rejects a rule that is not a rule', () => {
    assert.deepEqual(problemsOf(() => validateDataRule(null)), [['/', 'expected a rule {id, name, when, then}']]);
    assert.deepEqual(problemsOf(() => validateDataRule(rule({ field: 'priority', op: 'gt', value: 1 }))), [['/when', 'expected a group {all | any | none: [...]}']]);
    assert.deepEqual(problemsOf(() => validateDataRule(rule({ all: [] }, []))), [['/then', 'expected a non-empty list of actions']]);
    assert.deepEqual(problemsOf(() => validateDataRule(rule({ all: [], any: [] }))), [['/when', 'a group has exactly one of all, any or none, and nothing else']]);
  });

  it('limits how deep groups nest', () => {
    let when: unknown = { all: [] };
    for (let i = 0; i < 12; i++) when = { all: [when] };
    assert.match(problemsOf(() => validateDataRule(rule(when)))[0]?.[1] ?? '', /nested more than 10 deep/);
  });

  it('checks ranges and option placement', () => {
    const problems = problemsOf(() =>
      validateDataRule(
        rule({
          all: [
            { field: 'sentimentScore', op: 'gte', value: 5 },
            { field: 'intent', op: 'neq', value: 'x', minScore: 0.5 },
            { field: 'priority', op: 'gt', value: 1, timeZone: 'UTC' },
            { field: 'text', op: 'matches_query', value: 'a', caseSensitive: true },
            { field: 'timeOfDay', op: 'between', value: { from: '10:00', to: '10:00' } },
          ],
        }, [{ type: 'change_priority', by: 0 }, { type: 'add_tag', tag: '' }, { type: 'notify', memberIds: [] }]),
      ),
    );
    assert.deepEqual(problems, [
      ['/when/all/0/value', 'expected a number from 0 to 1'],
      ['/when/all/1/minScore', 'minScore only applies to eq, in, or is true'],
      ['/when/all/2/timeZone', 'only timeOfDay and dayOfWeek take a time zone'],
      ['/when/all/3/caseSensitive', 'only contains, not_contains and matches_regex take caseSensitive (true or false)'],
      ['/when/all/4/value', 'from and to are the same time; use 00:00–24:00 for the whole day'],
      ['/then/0/by', 'expected a whole number from -100 to 100, not 0'],
      ['/then/1/tag', 'expected a tag of 1 to 64 characters'],
      ['/then/2/memberIds', 'expected a non-empty list of ids'],
    ]);
  });
});

describe('validateDataRules', () => {
  it('prefixes paths with the rule index and catches duplicate ids', () => {
    const good = rule({ all: [] });
    assert.deepEqual(
      problemsOf(() => validateDataRules([good, { ...good, when: { all: [{ field: 'x', op: 'eq', value: 1 }] } }])).map(([p]) => p),
      ['/1/when/all/0/field', '/1/id'],
    );
    assert.deepEqual(problemsOf(() => validateDataRules({})), [['/', 'expected a list of rules']]);
  });
});

describe('regexProblem', () => {
  it('refuses catastrophic backtracking shapes and over-long patterns', () => {
    assert.equal(regexProblem('refund(ed|s)?'), null);
    assert.equal(regexProblem('(foo|bar)+ baz'), null);
    assert.equal(regexProblem('[(a+)]+'), null); // inside a class, parentheses are characters
    assert.equal(regexProblem('\\(a+\\)+'), null);
    for (const bad of ['(a+)+', '(\\w*\\s?)*$', '((ab)*c)+', '(x+){2,}', '(?:a|b+)*']) assert.match(regexProblem(bad) ?? '', /nested quantifiers/, bad);
    assert.match(regexProblem('a'.repeat(501)) ?? '', /longer than 500/);
    assert.match(regexProblem('[z-a]') ?? '', /invalid regular expression/);
  });
});

describe('validateChannelRule', () => {
  it('accepts a good channel rule and lists problems of a bad one', () => {
    const ok = {
      id: 'c1',
      name: 'EU email',
      appliesTo: { channelKinds: ['email'] },
      calendarId: 'cal-paris',
      autoAcknowledge: { cannedReplyId: 'ack-closed', when: 'outside_business_hours' },
      requireApprovalForPublicReply: false,
    };
    assert.equal(validateChannelRule(ok), ok);
    assert.deepEqual(
      problemsOf(() => validateChannelRule({ id: 'c2', name: '', appliesTo: { visibility: 'secret' }, autoAcknowledge: { when: 'sometimes' }, requireApprovalForPublicReply: 'yes' })).map(([p]) => p),
      ['/name', '/appliesTo/visibility', '/autoAcknowledge/cannedReplyId', '/autoAcknowledge/when', '/requireApprovalForPublicReply'],
    );
  });
});
