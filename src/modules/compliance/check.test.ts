import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { blocking, checkReply, phraseRegExp, warnings } from './check.ts';
import { DEFAULT_COMPLIANCE, type ComplianceSettings } from './settings.ts';

const settings = (over: Partial<ComplianceSettings> = {}): ComplianceSettings => ({ ...DEFAULT_COMPLIANCE, ...over });

describe('the compliance guard', () => {
  it('blocks a card number in a public reply, with the span and a masked message', () => {
    const text = 'Thanks! I see the charge on 4111 1111 1111 1111.';
    const [f, ...rest] = checkReply({ text, visibility: 'public', settings: settings() });
    assert.equal(rest.length, 0);
    assert.equal(f!.kind, 'cardNumber');
    assert.equal(f!.action, 'block');
    assert.equal(text.slice(f!.span!.start, f!.span!.end), '4111 1111 1111 1111');
    assert.match(f!.message, /…1111/);
    assert.doesNotMatch(f!.message, /4111 1111/, 'the message does not repeat the number');
  });

  it('reports one number once, as the most serious thing it is', () => {
    const findings = checkReply({ text: 'card 4111-1111-1111-1111', visibility: 'public', settings: settings() });
    assert.deepEqual(findings.map((f) => f.kind), ['cardNumber']);
  });

  it('warns on emails, phones and addresses in public, but lets them through in private', () => {
    const text = 'Email me at dana@example.com or call +44 20 7946 0958; we ship to 221B Baker Street.';
    assert.deepEqual(checkReply({ text, visibility: 'public', settings: settings() }).map((f) => `${f.kind}:${f.action}`), ['email:warn', 'phone:warn', 'address:warn']);
    assert.deepEqual(checkReply({ text, visibility: 'private', settings: settings() }), []);
  });

  it('still blocks card and account numbers in a private reply', () => {
    const findings = checkReply({ text: 'Your card 4111111111111111 and IBAN GB82 WEST 1234 5698 7654 32', visibility: 'private', settings: settings() });
    assert.deepEqual(findings.map((f) => f.kind), ['cardNumber', 'accountNumber']);
    assert.equal(blocking(findings).length, 2);
  });

  it('follows the settings: off finds nothing, warn only warns', () => {
    const text = 'card 4111111111111111, mail dana@example.com';
    assert.deepEqual(checkReply({ text, visibility: 'public', settings: settings({ builtins: { ...DEFAULT_COMPLIANCE.builtins, cardNumber: 'warn', email: 'off' } }) }).map((f) => `${f.kind}:${f.action}`), ['cardNumber:warn']);
  });

  it('applies custom patterns and forbidden promises, whole words only, in public and private', () => {
    const s = settings({
      patterns: [{ id: 'p1', name: 'Internal ticket', pattern: '\\bINC-\\d{4,}\\b', action: 'block' }],
      forbiddenPromises: [{ phrase: 'full refund', action: 'block' }, { phrase: 'we will compensate', action: 'warn' }],
    });
    const text = 'See INC-20931. You will get a Full\nrefund and we will compensate you. (Not: full refunds.)';
    for (const visibility of ['public', 'private'] as const) {
      const findings = checkReply({ text, visibility, settings: s });
      assert.deepEqual(findings.map((f) => `${f.kind}:${f.span!.text}`), ['pattern:INC-20931', 'forbiddenPromise:Full\nrefund', 'forbiddenPromise:we will compensate']);
      assert.equal(findings[0]!.patternId, 'p1');
      assert.equal(warnings(findings).length, 1);
    }
    assert.equal(phraseRegExp('guarantee').test('guaranteed'), false);
  });

  it('flags a public reply outside business hours, saying when the channel opens', () => {
    const closed = { open: false, nextOpening: new Date('2026-03-02T08:00:00Z'), timeZone: 'Europe/Paris' };
    const [f] = checkReply({ text: 'On it!', visibility: 'public', settings: settings({ businessHours: 'warn' }), businessHours: closed });
    assert.equal(f!.kind, 'businessHours');
    assert.equal(f!.span, null);
    assert.match(f!.message, /outside its business hours; it opens Mon.*09:00/);
    assert.deepEqual(checkReply({ text: 'On it!', visibility: 'public', settings: settings({ businessHours: 'warn' }), businessHours: { open: true } }), []);
    assert.deepEqual(checkReply({ text: 'On it!', visibility: 'private', settings: settings({ businessHours: 'block' }), businessHours: closed }), []);
    assert.deepEqual(checkReply({ text: 'On it!', visibility: 'public', settings: settings({ businessHours: 'off' }), businessHours: closed }), []);
  });

  it('finds nothing in an ordinary reply', () => {
    assert.deepEqual(checkReply({ text: 'So sorry about the pole! Order #1042 ships today, tracking 1Z999AA10123456784. ^SO', visibility: 'public', settings: settings() }), []);
  });
});
