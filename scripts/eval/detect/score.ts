import type { Alert } from '../../../src/modules/detection/index.ts';
import type { CrisisTweet } from './data.ts';

/**
 * How an evaluation run is scored.
 *
 * Onset: the start of the first UTC hour in which the crisis's on-topic tweets number at least
 * max(20, 10 % of its busiest hour). A crisis alert: an alert whose example mentions are at
 * least half on-topic crisis tweets; any other alert is a false alert. Delay: from onset to the
 * first crisis alert dated at most an hour before onset (negative when the rise was caught
 * before the onset hour). Crisis alerts earlier than that are counted as early, not as the
 * detection: they are about on-topic chatter before the event (a marathon before its bombing).
 */

const HOUR_MS = 3_600_000;
const ONSET_MIN_PER_HOUR = 20;
const ONSET_SHARE_OF_PEAK = 0.1;
const CRISIS_ALERT_SHARE = 0.5;
const EARLIEST_DETECTION_BEFORE_ONSET_MS = HOUR_MS;

export const onsetMs = (crisis: readonly CrisisTweet[]): number => {
  const perHour = new Map<number, number>();
  for (const t of crisis) {
    if (!t.isOnTopic) continue;
    const hour = Math.floor(t.atMs / HOUR_MS);
    perHour.set(hour, (perHour.get(hour) ?? 0) + 1);
  }
  const peak = Math.max(...perHour.values());
  const level = Math.max(ONSET_MIN_PER_HOUR, ONSET_SHARE_OF_PEAK * peak);
  const first = [...perHour.entries()].filter(([, n]) => n >= level).sort((a, b) => a[0] - b[0])[0];
  return first![0] * HOUR_MS;
};

export interface RunScore {
  delayMin: number | null;
  firstCrisisAlertAt: string | null;
  crisisAlerts: number;
  earlyCrisisAlerts: number;
  falseAlerts: number;
  falseAlertsPreWindow: number;
  days: number;
  preWindowDays: number;
  falseAlertsPerDay: number;
  /** False alerts per day over the crisis window only (real tweets, no synthetic background). */
  falseAlertsPerDayInWindow: number;
}

export const scoreRun = (
  alerts: readonly Alert[],
  isCrisisId: (id: string) => boolean,
  times: { onsetMs: number; startMs: number; windowStartMs: number; endMs: number },
): RunScore => {
  const isCrisisAlert = (alert: Alert): boolean =>
    alert.mentionIds.length > 0 &&
    alert.mentionIds.filter(isCrisisId).length >= CRISIS_ALERT_SHARE * alert.mentionIds.length;
  const crisisAlerts = alerts.filter(isCrisisAlert);
  const falseAlerts = alerts.filter((a) => !isCrisisAlert(a));
  const earliest = times.onsetMs - EARLIEST_DETECTION_BEFORE_ONSET_MS;
  const first = crisisAlerts.find((a) => a.detectedAt.getTime() >= earliest);
  const days = (times.endMs - times.startMs) / (24 * HOUR_MS);
  return {
    delayMin: first ? Math.round((first.detectedAt.getTime() - times.onsetMs) / 60_000) : null,
    firstCrisisAlertAt: first ? first.detectedAt.toISOString() : null,
    crisisAlerts: crisisAlerts.length,
    earlyCrisisAlerts: crisisAlerts.filter((a) => a.detectedAt.getTime() < earliest).length,
    falseAlerts: falseAlerts.length,
    falseAlertsPreWindow: falseAlerts.filter((a) => a.detectedAt.getTime() <= times.windowStartMs).length,
    days,
    preWindowDays: (times.windowStartMs - times.startMs) / (24 * HOUR_MS),
    falseAlertsPerDay: falseAlerts.length / days,
    falseAlertsPerDayInWindow:
      falseAlerts.filter((a) => a.detectedAt.getTime() > times.windowStartMs).length /
      ((times.endMs - times.windowStartMs) / (24 * HOUR_MS)),
  };
};

export const median = (values: readonly number[]): number | null => {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};
