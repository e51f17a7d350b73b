import { useEffect } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { WallView } from '@contracts';
import { api } from '../api/client.ts';
import { reportReachable, reportUnreachable } from '../live/connection.ts';

export const WALL_KEY = ['wall'] as const;

/** The wall's data, refreshed every 15 s even when nothing rang (SLA clocks move on their own). */
export const useWall = () => useQuery({ queryKey: WALL_KEY, queryFn: () => api.get<WallView>('/api/wall'), refetchInterval: 15_000, refetchIntervalInBackground: true });

/** What changes the wall: mentions arriving, incidents, SLA clocks, drills, assignments. */
const REFRESHING = /^(conversation|incident|detection|sla|drill)\./;

/**
 * The event stream is the wall's doorbell: on a relevant event it refetches (a burst of events is
 * one refetch, at most every 2 s, so a spike does not hammer the server from every screen).
 */
export const useLiveWall = (): void => {
  const qc = useQueryClient();
  useEffect(() => {
    const source = new EventSource('/api/events/stream', { withCredentials: true });
    let pending: ReturnType<typeof setTimeout> | null = null;
    const refresh = () => {
      if (pending) return;
      pending = setTimeout(() => {
        pending = null;
        void qc.invalidateQueries({ queryKey: WALL_KEY });
      }, 500);
    };
    source.onopen = () => {
      document.documentElement.dataset.live = 'open';
      reportReachable();
      refresh();
    };
    source.onerror = () => {
      document.documentElement.dataset.live = 'down';
      reportUnreachable();
    };
    const onFrame = (e: MessageEvent<string>) => {
      let type = e.type;
      try {
        type = (JSON.parse(e.data) as { type?: string }).type ?? type;
      } catch {
        // not JSON: keep the frame's name
      }
      if (REFRESHING.test(type)) refresh();
    };
    const types = [
      'conversation.created', 'conversation.message', 'conversation.updated', 'conversation.assigned', 'conversation.status_changed',
      'incident.opened', 'incident.updated', 'incident.status_changed', 'incident.mention_linked', 'detection.alert',
      'sla.warning', 'sla.breached', 'drill.started', 'drill.finished', 'drill.cancelled',
    ];
    for (const t of types) source.addEventListener(t, onFrame);
    source.onmessage = onFrame;
    return () => {
      if (pending) clearTimeout(pending);
      source.close();
      delete document.documentElement.dataset.live;
    };
  }, [qc]);
};
