/**
 * Alerts to stakeholders: rules say who hears about which incidents (severity, type, products or
 * topics, drill or not, hours) and how — the member's console and email, email addresses, Slack
 * incoming webhooks, signed JSON webhooks. Alerts are planned as `alert_deliveries` rows (grouped
 * per incident and recipient, rate-capped, held back in quiet hours, never sent outside the console
 * for drills), sent by the alert dispatcher (src/worker/alert-dispatcher.ts) with retries and
 * backoff, recorded on the incident's timeline, escalated level by level until someone
 * acknowledges (in the console, by the signed link in the email, or by acknowledging the incident).
 */
export * from './alert-deps.ts';
export { RuleDefinitionInput, RecipientInput, QuietHours, TimeWindow, type RuleDefinition, type StoredRecipient, type RecipientView } from './rule-definition.ts';
export { matchRule, isQuiet, inWindow, localTime, type IncidentFacts } from './rule-matching.ts';
export { decideDelivery, DRILL_SUPPRESSION, MAX_ATTEMPTS, retryDelayMs, type Decision, type DeliveryKind } from './delivery-policy.ts';
export {
  createAlertRule, deleteAlertRule, getAlertRule, listAlertRules, parseRuleDefinition, toAlertRuleView, updateAlertRule, urlHint, type AlertRuleInput, type AlertRuleRow, type AlertRuleView,
} from './alert-rules.ts';
export { planIncidentAlerts, type PlanResult } from './plan-deliveries.ts';
export { escalateDue } from './escalation.ts';
export { claimDueDeliveries, sendClaimed, SEND_LEASE_MS, type DeliveryRow } from './deliveries.ts';
export { acknowledgeDelivery, getDelivery, listDeliveries, retryDelivery, toDeliveryView, workspaceOfDelivery, type DeliveryFilter, type DeliveryView } from './delivery-actions.ts';
export { sendTestAlert, type TestAlertResult } from './test-alert.ts';
export { ackToken, ackUrl, verifyAckToken } from './ack-link.ts';
export { slackPayload } from './send/slack.ts';
export { ALERT_DELIVERY_HEADER, ALERT_EVENT_HEADER, ALERT_SIGNATURE_HEADER, signAlertBody, verifyAlertSignature, webhookBody } from './send/signed-webhook.ts';
