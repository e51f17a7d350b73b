import { useEffect } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { reportReachable, reportUnreachable } from '../live/connection.ts';
import { INCIDENTS_KEY } from './api.ts';

/**
 * Keeps the incident screens live: the event stream is a doorbell, and on an incident or
 * detection event (or a new mention linked to one) the incident queries refetch.
 */
const TYPES = [
  'incident.opened', 'incident.updated', 'incident.status_changed', 'incident.mention_linked', 'incident.note_added',
  'incident.checklist_updated', 'incident.statement_posted', 'incident.alert_sent', 'incident.alert_failed', 'detection.alert',
];

export const useLiveIncidents = (): void => {
  const qc = useQueryClient();
  useEffect(() => {
    const source = new EventSource('/api/events/stream', { withCredentials: true });
    let pending: ReturnType<typeof setTimeout> | null = null;
    const refresh = () => {
      if (pending) return;
      pending = setTimeout(() => {
        pending = null;
        void qc.invalidateQueries({ queryKey: INCIDENTS_KEY });
      }, 150);
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
      if (/^(incident|detection)\./.test(type)) refresh();
    };
    for (const t of TYPES) source.addEventListener(t, onFrame);
    source.onmessage = onFrame;
    return () => {
      if (pending) clearTimeout(pending);
      source.close();
      delete document.documentElement.dataset.live;
    };
  }, [qc]);
};
