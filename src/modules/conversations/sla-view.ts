import type { SlaView } from './types.ts';

/** A deadline within this much time counts as "at risk" (the inbox's SLA-at-risk filter uses the same). */
export const SLA_AT_RISK_MS = 30 * 60_000;

export interface SlaFields {
  status: string;
  firstResponseDueAt: Date | null;
  reliefDueAt: Date | null;
  resolutionDueAt: Date | null;
  firstResponseAt: Date | null;
  relievedAt: Date | null;
  resolvedAt: Date | null;
  slaPausedAt: Date | null;
  slaPausedSeconds: number;
}

/** Deadlines still running: the ones whose goal has not been reached. */
export const runningDeadlines = (c: SlaFields): Date[] => {
  if (c.status === 'resolved' || c.status === 'closed') return [];
  const out: Date[] = [];
  if (!c.firstResponseAt && c.firstResponseDueAt) out.push(c.firstResponseDueAt);
  if (!c.relievedAt && c.reliefDueAt) out.push(c.reliefDueAt);
  if (!c.resolvedAt && c.resolutionDueAt) out.push(c.resolutionDueAt);
  return out;
};

export const slaView = (c: SlaFields, now: Date): SlaView => {
  const running = c.slaPausedAt ? [] : runningDeadlines(c);
  const t = now.getTime();
  return {
    firstResponseDueAt: c.firstResponseDueAt,
    reliefDueAt: c.reliefDueAt,
    resolutionDueAt: c.resolutionDueAt,
    firstResponseAt: c.firstResponseAt,
    relievedAt: c.relievedAt,
    resolvedAt: c.resolvedAt,
    pausedAt: c.slaPausedAt,
    pausedSeconds: c.slaPausedSeconds,
    atRisk: running.some((d) => d.getTime() - t <= SLA_AT_RISK_MS),
    breached: running.some((d) => d.getTime() <= t),
  };
};
