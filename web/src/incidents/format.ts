import type { IncidentStatus } from '@contracts';

export const STATUS_LABELS: Record<IncidentStatus, string> = {
  detected: 'Detected',
  acknowledged: 'Acknowledged',
  mitigating: 'Mitigating',
  resolved: 'Resolved',
  dismissed: 'Dismissed',
};

/** Badge colours with text dark enough on their light variant (axe contrast). */
export const STATUS_COLORS: Record<IncidentStatus, string> = {
  detected: 'red',
  acknowledged: 'orange',
  mitigating: 'yellow',
  resolved: 'teal',
  dismissed: 'gray',
};

export const isOpenStatus = (s: IncidentStatus): boolean => s === 'detected' || s === 'acknowledged' || s === 'mitigating';

export const severityColor = (severity: number): string => (severity >= 8 ? 'red.9' : severity >= 5 ? 'orange' : 'yellow');

export const formatTime = (iso: string | null): string => (iso ? new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' }) : '—');

export const formatCount = (n: number): string => (n >= 1_000_000 ? `${(n / 1_000_000).toFixed(1)}M` : n >= 10_000 ? `${Math.round(n / 1000)}k` : n.toLocaleString());

/** The timeline's row types, as a person reads them. */
export const EVENT_LABELS: Record<string, string> = {
  created: 'Incident opened',
  status_changed: 'Status changed',
  owner_changed: 'Owner changed',
  severity_changed: 'Severity changed',
  title_changed: 'Title changed',
  type_changed: 'Type changed',
  match_terms_changed: 'Match terms changed',
  note: 'Note',
  mentions_linked: 'Mentions linked',
  mentions_unlinked: 'Mentions unlinked',
  playbook_applied: 'Playbook applied',
  checklist_done: 'Step done',
  checklist_undone: 'Step reopened',
  statement_posted: 'Statement posted',
  first_public_response: 'First public response',
  alert_attached: 'Another alert',
  alert_sent: 'Alert sent',
  alert_failed: 'Alert failed',
  went_viral: 'Crossed the virality threshold',
  crisis_diverted: 'Crisis diverted',
};
