/** Stakeholder alerts in the console: the rule editor, an incident's alerts (with retry and acknowledge), the email's acknowledgement page. */
export { AlertRuleEditor } from './rule-editor.tsx';
export { IncidentAlerts, AcknowledgeAlertButton } from './incident-alerts.tsx';
export { AlertAckPage } from './ack-page.tsx';
export { summaryOf } from './rule-model.ts';
export { useAlertRules, useCreateAlertRule, useUpdateAlertRule, useDeleteAlertRule, useTestAlertRule, useIncidentAlerts, useAcknowledgeAlert, useRetryAlert } from './api.ts';
