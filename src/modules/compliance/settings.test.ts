import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { AppError } from '../../platform/errors/index.ts';
import { DEFAULT_COMPLIANCE, patternProblem, readComplianceSettings, validateComplianceSettings, type ComplianceInput } from './settings.ts';

let n = 0;
const newId = () => `id-${++n}`;
const base = (over: Partial<ComplianceInput> = {}): ComplianceInput => ({ ...DEFAULT_COMPLIANCE, ...over });

const problemsOf = (fn: () => unknown): { path: string; message: string }[] => {
  try {
    fn();
  } catch (e) {
    assert.ok(e instanceof AppError);
    assert.equal(e.code, 'VALIDATION_FAILED');
    return e.fields;
  }
  assert.fail('expected a validation error');
};

describe('compliance settings', () => {
  it('reads a missing or broken stored value as the defaults, keeping what is valid', () => {
    assert.deepEqual(readComplianceSettings(undefined), DEFAULT_COMPLIANCE);
    const r = readComplianceSettings({ builtins: { email: 'off', phone: 'nonsense' }, patterns: [{ id: 'a', name: 'x', pattern: '(', action: 'block' }, { id: 'b', name: 'ok', pattern: 'ORD-\\d+', action: 'warn' }], businessHours: 'block' });
    assert.equal(r.builtins.email, 'off');
    assert.equal(r.builtins.phone, 'warn');
    assert.deepEqual(r.patterns.map((p) => p.id), ['b'], 'a pattern that no longer compiles is skipped, not thrown');
    assert.equal(r.businessHours, 'block');
  });

  it('gives new patterns ids, keeps existing ids, and normalises phrases', () => {
    const saved = validateComplianceSettings(base({ patterns: [{ name: 'Order', pattern: 'ORD-\\d{6}', action: 'warn' }, { id: 'keep', name: 'Ticket', pattern: 'T\\d+', flags: 'i', action: 'block' }], forbiddenPromises: [{ phrase: '  full   refund ', action: 'block' }] }), newId);
    assert.match(saved.patterns[0]!.id, /^id-\d+$/);
    assert.equal(saved.patterns[1]!.id, 'keep');
    assert.equal(saved.forbiddenPromises[0]!.phrase, 'full refund');
  });

  it('refuses an invalid regex naming the field', () => {
    const problems = problemsOf(() => validateComplianceSettings(base({ patterns: [{ name: 'ok', pattern: 'fine', action: 'warn' }, { name: 'bad', pattern: '([a-z]', action: 'block' }] }), newId));
    assert.equal(problems.length, 1);
    assert.equal(problems[0]!.path, '/body/patterns/1/pattern');
    assert.match(problems[0]!.message, /not a valid regular expression/);
  });

  it('refuses catastrophic, over-long, empty-matching patterns and bad flags', () => {
    for (const p of ['(a+)+$', '(\\w+\\s?)*x', '(x*){2,}', '(a|aa)+b', '(\\w)\\1', 'a'.repeat(201), 'x*']) {
      assert.ok(patternProblem(p), `${p} should be refused`);
    }
    assert.equal(patternProblem('\\bORD-\\d{6}\\b'), null);
    assert.equal(patternProblem('[a-z]+@internal\\.acme'), null);
    assert.match(patternProblem('abc', 'g')!, /flags/);
    const problems = problemsOf(() => validateComplianceSettings(base({ patterns: [{ name: 'x', pattern: 'abc', flags: 'gy', action: 'warn' }] }), newId));
    assert.equal(problems[0]!.path, '/body/patterns/0/flags');
  });

  it('refuses nameless or duplicate patterns and empty or repeated phrases', () => {
    const problems = problemsOf(() =>
      validateComplianceSettings(
        base({ patterns: [{ name: ' ', pattern: 'a', action: 'warn' }, { name: 'Dup', pattern: 'b', action: 'warn' }, { name: 'dup', pattern: 'c', action: 'warn' }], forbiddenPromises: [{ phrase: ' ', action: 'warn' }, { phrase: 'Guarantee', action: 'warn' }, { phrase: 'guarantee', action: 'block' }] }),
        newId,
      ),
    );
    assert.deepEqual(problems.map((p) => p.path), ['/body/patterns/0/name', '/body/patterns/2/name', '/body/forbiddenPromises/0/phrase', '/body/forbiddenPromises/2/phrase']);
  });
});
