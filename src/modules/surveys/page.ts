import { COMMENT_MAX, SCORE_RANGE } from './answer.ts';
import type { SurveyKind } from './settings.ts';

export type SurveyPageState =
  | { kind: 'form'; survey: SurveyKind; token: string; error?: string; score?: number; comment?: string }
  | { kind: 'thanks' }
  | { kind: 'answered' }
  | { kind: 'expired' }
  | { kind: 'not_found' }
  | { kind: 'rate_limited' };

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

// Inline styles are allowed by the console's CSP (style-src 'unsafe-inline'); scripts are not, and none are needed.
const STYLE = `
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;background:#f6f7f9;color:#1a1b1e;line-height:1.5}
main{max-width:36rem;margin:3rem auto;padding:2rem;background:#fff;border-radius:12px;box-shadow:0 1px 3px rgba(0,0,0,.12)}
h1{font-size:1.5rem;margin:0 0 1rem}
fieldset{border:0;padding:0;margin:0 0 1.5rem}
legend{font-weight:600;margin-bottom:.75rem}
.scale{display:flex;flex-wrap:wrap;gap:.5rem}
.scale label{display:flex;align-items:center;justify-content:center;min-width:2.75rem;min-height:2.75rem;border:2px solid #868e96;border-radius:8px;cursor:pointer;font-weight:600}
.scale input{position:absolute;opacity:0;width:1px;height:1px}
.scale input:checked+span{color:#fff}
.scale label:has(input:checked){background:#1864ab;border-color:#1864ab;color:#fff}
.scale input:focus-visible+span{outline:3px solid #1864ab;outline-offset:4px}
.ends{display:flex;justify-content:space-between;font-size:.875rem;color:#495057;margin-top:.25rem}
label.block{display:block;font-weight:600;margin-bottom:.5rem}
textarea{width:100%;box-sizing:border-box;min-height:6rem;font:inherit;padding:.5rem;border:1px solid #868e96;border-radius:8px}
button{margin-top:1.25rem;font:inherit;font-weight:600;padding:.625rem 1.25rem;border:0;border-radius:8px;background:#1864ab;color:#fff;cursor:pointer}
button:focus-visible{outline:3px solid #1864ab;outline-offset:2px}
.error{background:#fff5f5;border:1px solid #c92a2a;color:#a61e1e;padding:.75rem;border-radius:8px;margin-bottom:1rem}
.hint{font-size:.875rem;color:#495057}
`;

const layout = (title: string, body: string) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="robots" content="noindex"><title>${escape(title)}</title><style>${STYLE}</style></head>
<body><main>${body}</main></body></html>`;

const QUESTION: Record<SurveyKind, { legend: string; low: string; high: string }> = {
  csat: { legend: 'How satisfied are you with the help you got?', low: '1 = very unsatisfied', high: '5 = very satisfied' },
  nps: { legend: 'How likely are you to recommend us to a friend or colleague?', low: '0 = not at all likely', high: '10 = extremely likely' },
};

const form = (s: Extract<SurveyPageState, { kind: 'form' }>) => {
  const [min, max] = SCORE_RANGE[s.survey];
  const q = QUESTION[s.survey];
  const options = Array.from({ length: max - min + 1 }, (_, i) => min + i)
    .map((n) => `<label><input type="radio" name="score" value="${n}" required${s.score === n ? ' checked' : ''}><span>${n}</span></label>`)
    .join('');
  return layout(
    'How is it going?',
    `<h1>How is it going?</h1>
${s.error ? `<p class="error" role="alert">${escape(s.error)}</p>` : ''}
<form method="post" action="/s/${escape(s.token)}">
<fieldset><legend>${escape(q.legend)}</legend><div class="scale">${options}</div>
<div class="ends" aria-hidden="true"><span>${escape(q.low)}</span><span>${escape(q.high)}</span></div></fieldset>
<label class="block" for="comment">Anything you would like to tell us? <span class="hint">(optional)</span></label>
<textarea id="comment" name="comment" maxlength="${COMMENT_MAX}">${escape(s.comment ?? '')}</textarea>
<button type="submit">Send my answer</button>
</form>`,
  );
};

/** The tiny public page a survey link opens: the question as a plain HTML form, no script. */
export const renderSurveyPage = (s: SurveyPageState): string => {
  switch (s.kind) {
    case 'form':
      return form(s);
    case 'thanks':
      return layout('Thank you', '<h1>Thank you!</h1><p>Your answer helps us do better.</p>');
    case 'answered':
      return layout('Already answered', '<h1>Already answered</h1><p>We already have your answer to this survey. Thank you!</p>');
    case 'expired':
      return layout('Link expired', '<h1>This link has expired</h1><p>This survey is closed. If you need help, just reply to our message.</p>');
    case 'rate_limited':
      return layout('Too many attempts', '<h1>Too many attempts</h1><p>Please wait a minute and try again.</p>');
    default:
      return layout('Survey not found', '<h1>Survey not found</h1><p>This link is not valid. Please check that you copied all of it.</p>');
  }
};
