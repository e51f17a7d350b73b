/** What every channel says about one alert, built from the delivery's payload. */
export interface AlertMessage {
  deliveryId: string;
  incidentId: string;
  title: string;
  severity: number;
  status: string;
  type: string | null;
  terms: string[];
  isDrill: boolean;
  ruleName: string;
  escalationLevel: number;
  foldedUpdates: number;
  incidentUrl: string;
  /** Signed link that acknowledges (email only; Slack and webhooks are shared places). */
  ackUrl: string | null;
  /** A "send test alert" from the rule editor, not an incident. */
  isTest: boolean;
}

export const messageOf = (
  delivery: { id: string; incidentId: string | null; escalationLevel: number; payload: Record<string, unknown> },
  links: { publicUrl: string; ackUrl: string | null },
): AlertMessage => {
  const p = delivery.payload;
  const incidentId = delivery.incidentId ?? String(p.incidentId ?? '');
  return {
    deliveryId: delivery.id,
    incidentId,
    title: String(p.title ?? 'Incident'),
    severity: Number(p.severity ?? 0),
    status: String(p.status ?? 'detected'),
    type: typeof p.type === 'string' ? p.type : null,
    terms: Array.isArray(p.terms) ? p.terms.map(String) : [],
    isDrill: p.isDrill === true,
    ruleName: String(p.ruleName ?? ''),
    escalationLevel: delivery.escalationLevel,
    foldedUpdates: Number(p.foldedUpdates ?? 0),
    incidentUrl: `${links.publicUrl}/incidents/${incidentId}`,
    ackUrl: links.ackUrl,
    isTest: p.isTest === true,
  };
};

const prefix = (m: AlertMessage) => [m.isTest ? '[TEST]' : '', m.isDrill ? '[DRILL]' : '', m.escalationLevel > 0 ? `[ESCALATED L${m.escalationLevel}]` : ''].filter(Boolean).join(' ');

export const subjectOf = (m: AlertMessage): string => `${prefix(m)} Lookout incident, severity ${m.severity}/10: ${m.title}`.trim().slice(0, 200);

export const plainTextOf = (m: AlertMessage): string =>
  [
    subjectOf(m),
    '',
    `Severity: ${m.severity}/10   Status: ${m.status}${m.type ? `   Type: ${m.type}` : ''}`,
    m.terms.length ? `What people are saying: ${m.terms.join(', ')}` : null,
    m.foldedUpdates ? `Updated ${m.foldedUpdates} time(s) since the first alert.` : null,
    m.escalationLevel > 0 ? `Nobody acknowledged the earlier alert: this is escalation level ${m.escalationLevel}.` : null,
    '',
    `Open the incident: ${m.incidentUrl}`,
    m.ackUrl ? `Acknowledge (stops escalation): ${m.ackUrl}` : null,
    '',
    `Sent by the alert rule "${m.ruleName}".`,
  ]
    .filter((l): l is string => l !== null)
    .join('\n');
