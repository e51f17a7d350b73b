/**
 * Incidents: spikes the detector raised and problems people declared, worked to a close.
 * Status (detected → acknowledged → mitigating → resolved, or dismissed) with its timestamps,
 * owner, severity, type and the type's playbook (steps become a ticked checklist; pre-approved
 * statements and replies), linked mentions and conversations (new matching mentions attach
 * themselves), the affected customers, reach, a timeline of every action, notes, and the crisis
 * diverted when an incident is resolved before it crossed the workspace's virality threshold.
 * Every change commits with its timeline rows and `incident.*` events (through `inWorkspace`).
 */
export { OPEN_STATUSES, isOpen, allowedIncidentTransitions, checkIncidentTransition, statusStamps } from './status.ts';
export { matcherFor, normaliseMatchTerms, termsOverlap } from './matching.ts';
export { DEFAULT_VIRALITY_THRESHOLD, viralityThresholdOf, hasCrossed, type ViralityThreshold } from './virality.ts';
export { declareIncident, recordAlert, type SavedAlert } from './declare.ts';
export { updateIncident } from './update.ts';
export { linkToIncident, unlinkFromIncident, attachMatchingMentions, type FedMention } from './links.ts';
export { addIncidentNote, setChecklistItem, postStatement, noteOutboundMessage, type StatementResult } from './actions.ts';
export { listPlaybooks, getPlaybook, createPlaybook, updatePlaybook, deletePlaybook, playbookForType, readDefinition, incidentRepliesFor } from './playbooks.ts';
export { listIncidents, getIncidentDetail, listDetectionAlerts, incidentRowView } from './views.ts';
export { addIncidentEvent, getIncident, runningDrillId, type IncidentRecord } from './store.ts';
