import { conflict } from '../../platform/errors/index.ts';
import type { IncidentStatus } from '../../platform/db/schema/index.ts';

/**
 * The incident's life: detected → acknowledged → mitigating → resolved, or dismissed (a false
 * alarm). Moves only go forward (a step may be skipped: a small incident is resolved straight
 * away); resolved and dismissed are final, so the timestamps the drill report reads never move.
 */
const NEXT: Record<IncidentStatus, readonly IncidentStatus[]> = {
  detected: ['acknowledged', 'mitigating', 'resolved', 'dismissed'],
  acknowledged: ['mitigating', 'resolved', 'dismissed'],
  mitigating: ['resolved', 'dismissed'],
  resolved: [],
  dismissed: [],
};

export const OPEN_STATUSES: readonly IncidentStatus[] = ['detected', 'acknowledged', 'mitigating'];
export const isOpen = (status: IncidentStatus): boolean => OPEN_STATUSES.includes(status);

export const allowedIncidentTransitions = (from: IncidentStatus): readonly IncidentStatus[] => NEXT[from];

export const checkIncidentTransition = (from: IncidentStatus, to: IncidentStatus): void => {
  if (NEXT[from].includes(to)) return;
  const allowed = NEXT[from];
  throw conflict(
    allowed.length
      ? `A ${from} incident cannot become ${to}; it can become ${allowed.join(', ')}`
      : `A ${from} incident is closed and cannot become ${to}`,
  );
};

export interface StatusStamps {
  status: IncidentStatus;
  acknowledgedAt?: Date;
  mitigatingAt?: Date;
  resolvedAt?: Date;
  dismissedAt?: Date;
}

/**
 * The timestamps a move sets. Starting to mitigate or resolving an incident nobody acknowledged
 * acknowledges it too (someone clearly looked), so time-to-acknowledge is never missing.
 */
export const statusStamps = (current: { acknowledgedAt: Date | null; mitigatingAt: Date | null }, to: IncidentStatus, now: Date): StatusStamps => {
  const stamps: StatusStamps = { status: to };
  if (to === 'dismissed') return { ...stamps, dismissedAt: now };
  if (!current.acknowledgedAt) stamps.acknowledgedAt = now;
  if (to === 'mitigating') stamps.mitigatingAt = now;
  if (to === 'resolved') stamps.resolvedAt = now;
  return stamps;
};
