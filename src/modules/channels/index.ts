/**
 * Channels: the connector interface every network implements (one folder per connector, listed in
 * registry.ts), and the configured channels of a workspace: credentials sealed at rest, health and
 * failures recorded as data.
 */
export * from './connector.ts';
export { CHANNEL_KINDS, connectorFor } from './registry.ts';
export * from './channels.ts';
export {
  receiveWebhookDelivery, ReplayCache, signWebhook, MAX_BODY_BYTES as WEBHOOK_MAX_BODY_BYTES, WebhookPayload, examplePayload as webhookExamplePayload,
  SIGNATURE_SCHEME_MARKDOWN as WEBHOOK_SIGNATURE_SCHEME, TIMESTAMP_HEADER as WEBHOOK_TIMESTAMP_HEADER, SIGNATURE_HEADER as WEBHOOK_SIGNATURE_HEADER,
  DELIVERY_HEADER as WEBHOOK_DELIVERY_HEADER,
} from './webhook/index.ts';
export { parseWebhookPayload } from './webhook/index.ts';
export { crcResponse as xCrcResponse, receiveAccountActivity as receiveXAccountActivity } from './x/index.ts';
export * from './listening-queries.ts';
/** The web chat channel's receiving side (visitor messages, identity, live hub), for its HTTP routes. */
export * as webchat from './webchat/index.ts';
export * from './health.ts';
export { previewThreadParts } from './thread-preview.ts';
