import { useQuery } from '@tanstack/react-query';
import type { WallView } from '@contracts';
import { api } from '../api/client.ts';
import { useLiveRefresh } from '../live/use-live-refresh.ts';

export const WALL_KEY = ['wall'] as const;

/** The wall's data, refreshed every 15 s even when nothing rang (SLA clocks move on their own). */
export const useWall = () => useQuery({ queryKey: WALL_KEY, queryFn: () => api.get<WallView>('/api/wall'), refetchInterval: 15_000, refetchIntervalInBackground: true });

/** What changes the wall: mentions arriving, incidents, SLA clocks, drills, assignments. */
const TYPES = [
  'conversation.created', 'conversation.message', 'conversation.updated', 'conversation.assigned', 'conversation.status_changed',
  'incident.opened', 'incident.updated', 'incident.status_changed', 'incident.mention_linked', 'detection.alert',
  'sla.warning', 'sla.breached', 'drill.started', 'drill.finished', 'drill.cancelled',
];

/**
 * The event stream is the wall's doorbell: on a relevant event it refetches (a burst of events is
 * one refetch, at most every half second, so a spike does not hammer the server from every screen).
 */
export const useLiveWall = (): void =>
  useLiveRefresh({ types: TYPES, match: /^(conversation|incident|detection|sla|drill)\./, queryKey: WALL_KEY, debounceMs: 500 });
