import { useEffect, useState } from 'react';
import { Badge, Tooltip } from '@mantine/core';
import type { InboxRow } from '@contracts';
import { formatDateTime } from '../components/format.ts';

type Sla = InboxRow['sla'];

/** The clock that matters now: first response until someone answered, then resolution. */
const runningDeadline = (sla: Sla): { label: string; due: string } | null => {
  if (sla.resolvedAt) return null;
  if (!sla.firstResponseAt && sla.firstResponseDueAt) return { label: 'First response', due: sla.firstResponseDueAt };
  if (!sla.relievedAt && sla.reliefDueAt) return { label: 'Relief', due: sla.reliefDueAt };
  if (sla.resolutionDueAt) return { label: 'Resolution', due: sla.resolutionDueAt };
  return null;
};

const span = (ms: number): string => {
  const m = Math.round(Math.abs(ms) / 60_000);
  if (m < 60) return `${m}m`;
  const h = Math.floor(m / 60);
  if (h < 48) return `${h}h ${String(m % 60).padStart(2, '0')}m`;
  return `${Math.floor(h / 24)}d`;
};

/** Re-renders every 30 s so the countdowns move without a refetch. */
const useNow = (everyMs = 30_000): number => {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(t);
  }, [everyMs]);
  return now;
};

/** "1h 02m left" / "12m overdue" / "Paused", coloured by risk; nothing when no clock runs. */
export const SlaCountdown = ({ sla }: { sla: Sla }) => {
  const now = useNow();
  const d = runningDeadline(sla);
  if (!d) return null;
  if (sla.pausedAt) {
    return (
      <Badge variant="light" color="gray" size="sm" radius="sm" tt="none">
        SLA paused
      </Badge>
    );
  }
  const left = new Date(d.due).getTime() - now;
  const overdue = left < 0 || sla.breached;
  const color = overdue ? 'red' : sla.atRisk || left < 30 * 60_000 ? 'orange' : 'gray';
  return (
    <Tooltip label={`${d.label} due ${formatDateTime(d.due)}`} withArrow>
      <Badge variant={overdue ? 'filled' : 'light'} color={overdue ? 'red.9' : color} c={overdue ? 'white' : 'dark.8'} size="sm" radius="sm" tt="none" data-testid="sla" style={{ fontVariantNumeric: 'tabular-nums' }}>
        {overdue ? `${span(left)} overdue` : `${span(left)} left`}
      </Badge>
    </Tooltip>
  );
};
