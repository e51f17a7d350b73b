/** Incidents: the list (open first, worst first), one incident's screen, and their live updates. */
export { IncidentsPage } from './incidents-page.tsx';
export { IncidentPage } from './incident-page.tsx';
export { useLiveIncidents } from './live.ts';
export { INCIDENTS_KEY, PLAYBOOKS_KEY, usePlaybooks } from './api.ts';
