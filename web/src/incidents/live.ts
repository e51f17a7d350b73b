import { useLiveRefresh } from '../live/use-live-refresh.ts';
import { INCIDENTS_KEY } from './api.ts';

/**
 * Keeps the incident screens live: on an incident or detection event (or a new mention linked to
 * one) the incident queries refetch.
 */
const TYPES = [
  'incident.opened', 'incident.updated', 'incident.status_changed', 'incident.mention_linked', 'incident.note_added',
  'incident.checklist_updated', 'incident.statement_posted', 'incident.alert_sent', 'incident.alert_failed', 'detection.alert',
];

export const useLiveIncidents = (): void => useLiveRefresh({ types: TYPES, match: /^(incident|detection)\./, queryKey: INCIDENTS_KEY });
