import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { isAppError } from '../../platform/errors/index.ts';
import { renderSurveyPage, surveySettingsOf, validateAnswer } from './index.ts';

const rejects = (fn: () => void, path: string) => {
  try {
    fn();
  } catch (err) {
    assert.ok(isAppError(err) && err.code === 'VALIDATION_FAILED', String(err));
    assert.equal(err.fields[0]!.path, path);
    return;
  }
  assert.fail('accepted');
};

describe('survey answers and settings', () => {
  it('CSAT is 1–5, NPS 0–10, whole numbers; a comment at most 2,000 characters', () => {
    validateAnswer('csat', 1, undefined);
    validateAnswer('csat', 5, 'x'.repeat(2000));
    validateAnswer('nps', 0, '');
    validateAnswer('nps', 10, undefined);
    rejects(() => validateAnswer('csat', 0, undefined), '/body/score');
    rejects(() => validateAnswer('csat', 6, undefined), '/body/score');
    rejects(() => validateAnswer('nps', 11, undefined), '/body/score');
    rejects(() => validateAnswer('nps', 2.5, undefined), '/body/score');
    rejects(() => validateAnswer('nps', 7, 'x'.repeat(2001)), '/body/comment');
  });

  it('settings fall back to "off" and sane numbers', () => {
    assert.deepEqual(surveySettingsOf(undefined), { afterResolution: 'off', delayMinutes: 60, expiresDays: 14, schedule: { kind: 'off', everyDays: 30 } });
    assert.deepEqual(surveySettingsOf({ afterResolution: 'nps', delayMinutes: -5, schedule: { kind: 'csat', everyDays: 7, segment: { vip: true } } }), {
      afterResolution: 'nps', delayMinutes: 60, expiresDays: 14, schedule: { kind: 'csat', everyDays: 7, segment: { vip: true } },
    });
  });

  it('the page escapes what it echoes and has no script', () => {
    const html = renderSurveyPage({ kind: 'form', survey: 'csat', token: 'tok', error: '<b>bad</b>', comment: '</textarea><script>x()</script>' });
    assert.doesNotMatch(html, /<script/);
    assert.match(html, /&lt;\/textarea&gt;&lt;script&gt;/);
    assert.match(html, /&lt;b&gt;bad&lt;\/b&gt;/);
    assert.equal((html.match(/type="radio"/g) ?? []).length, 5);
  });
});
