/**
 * Whether one recipient gets a new alert, and in what state: the rules against alert storms,
 * quiet hours and drills, pure so they are tested without a database.
 *
 * - Grouping: one alert per incident per recipient (kind + target) within the window; an update
 *   inside it folds into that alert (its payload takes the new severity/title, and a queued alert
 *   sends the newest). After the window, an update alerts again only if the severity went above
 *   what the recipient was last told. An escalation is a new page and never folds.
 * - Drills: nothing leaves Lookout, so email/Slack/webhook alerts of a drill are recorded as
 *   `suppressed` (the drill report counts who would have been alerted); the console gets them.
 * - Quiet hours: email/Slack/webhook below the quiet-hours severity are suppressed; console records.
 * - Rate cap: at most `maxPerHour` email/Slack/webhook alerts per recipient per hour; more are suppressed.
 */
export type DeliveryKind = 'console' | 'email' | 'slack' | 'webhook';
export type Trigger = 'opened' | 'updated' | 'escalation';

export const DRILL_SUPPRESSION = 'drill: nothing leaves Lookout';
export const QUIET_SUPPRESSION = 'quiet hours';
export const rateCapSuppression = (max: number) => `rate cap: ${max} alerts per hour to this recipient`;

export interface GroupHistory {
  /** The newest alert of this incident to this recipient, if any. */
  latest: { id: string; state: string; createdAt: Date } | null;
  /** The highest severity this recipient was told about for this incident. */
  maxAlertedSeverity: number | null;
  /** Alerts to this recipient (any incident) in the last hour that were not suppressed. */
  sentLastHour: number;
}

export interface PolicyInput {
  trigger: Trigger;
  kind: DeliveryKind;
  severity: number;
  isDrill: boolean;
  isQuiet: boolean;
  windowMinutes: number;
  maxPerHour: number;
  now: Date;
  history: GroupHistory;
}

export type Decision =
  | { action: 'skip'; reason: string }
  | { action: 'fold'; deliveryId: string }
  | { action: 'queue' }
  | { action: 'suppress'; reason: string };

const gate = (p: PolicyInput): Decision => {
  if (p.kind === 'console') return { action: 'queue' };
  if (p.isDrill) return { action: 'suppress', reason: DRILL_SUPPRESSION };
  if (p.isQuiet) return { action: 'suppress', reason: QUIET_SUPPRESSION };
  if (p.history.sentLastHour >= p.maxPerHour) return { action: 'suppress', reason: rateCapSuppression(p.maxPerHour) };
  return { action: 'queue' };
};

export const decideDelivery = (p: PolicyInput): Decision => {
  const { latest, maxAlertedSeverity } = p.history;
  const open = gate(p);
  if (p.trigger === 'escalation') return open;
  if (p.trigger === 'opened' && latest) return { action: 'skip', reason: 'already alerted about this incident' };
  const inWindow = latest !== null && p.now.getTime() - latest.createdAt.getTime() < p.windowMinutes * 60_000;
  // A held-back alert does not swallow an update that may now go out (severity rose above quiet hours).
  if (inWindow && (latest.state !== 'suppressed' || open.action === 'suppress')) return { action: 'fold', deliveryId: latest.id };
  if (p.trigger === 'updated' && maxAlertedSeverity !== null && p.severity <= maxAlertedSeverity) {
    return { action: 'skip', reason: `already told about severity ${maxAlertedSeverity}` };
  }
  return open;
};

/** Backoff between attempts: 30 s, 1 min, 2 min, 4 min … at most 30 min. */
export const retryDelayMs = (attempts: number): number => Math.min(30 * 60_000, 30_000 * 2 ** Math.max(0, attempts - 1));
export const MAX_ATTEMPTS = 5;
