import type { AlertMessage } from './alert-message.ts';
import { subjectOf } from './alert-message.ts';

/**
 * A Slack incoming-webhook message: `text` is the notification and fallback, `blocks` the layout
 * (header ≤ 150 characters of plain text, section mrkdwn ≤ 3,000, up to 10 fields, a context line
 * and a link button), as Slack's incoming webhooks and Block Kit document them. Slack answers 200
 * "ok"; 400 invalid_payload, 403/404/410 for a removed or archived channel, 429 when rate-limited.
 */
export const slackPayload = (m: AlertMessage): { text: string; blocks: Record<string, unknown>[] } => {
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const subject = subjectOf(m);
  return {
    text: subject,
    blocks: [
      { type: 'header', text: { type: 'plain_text', text: subject.slice(0, 150), emoji: true } },
      {
        type: 'section',
        fields: [
          { type: 'mrkdwn', text: `*Severity*\n${m.severity}/10` },
          { type: 'mrkdwn', text: `*Status*\n${esc(m.status)}` },
          ...(m.type ? [{ type: 'mrkdwn', text: `*Type*\n${esc(m.type)}` }] : []),
          ...(m.escalationLevel > 0 ? [{ type: 'mrkdwn', text: `*Escalation*\nlevel ${m.escalationLevel}` }] : []),
        ],
      },
      ...(m.terms.length ? [{ type: 'section', text: { type: 'mrkdwn', text: `*What people are saying:* ${esc(m.terms.join(', ')).slice(0, 2900)}` } }] : []),
      { type: 'actions', elements: [{ type: 'button', text: { type: 'plain_text', text: 'Open incident' }, url: m.incidentUrl, style: 'primary' }] },
      { type: 'context', elements: [{ type: 'mrkdwn', text: esc(`Lookout · rule "${m.ruleName}"${m.isDrill ? ' · DRILL' : ''}`) }] },
    ],
  };
};
