/**
 * Generic signed webhook: any source (a monitoring vendor, a scraper, another system) pushes
 * mentions as JSON. What the HTTP route needs:
 *  - `receiveWebhookDelivery(ctx, { headers, rawBody, now, replay })` → `{ status, body }`
 *    (202 accepted after commit, 200 duplicate, 400 with field paths, 401, 413, 503);
 *  - `MAX_BODY_BYTES` for the route's body limit (the raw body must reach us unparsed);
 *  - `WebhookPayload` (TypeBox/JSON Schema) and `examplePayload` for the OpenAPI document, with
 *    `TIMESTAMP_HEADER` / `SIGNATURE_HEADER` / `DELIVERY_HEADER` and the scheme in signature.ts;
 *  - `ReplayCache`, the in-process replay memory (one per process, shared by all channels is fine:
 *    keys are delivery ids and signatures).
 * `signWebhook` is the sender's side, for tests, the CLI and documentation examples.
 */
export { receiveWebhookDelivery, webhookConnector, type DeliveryOutcome, type ReplayStore } from './receive-delivery.ts';
export {
  DELIVERY_HEADER,
  ReplayCache,
  SIGNATURE_HEADER,
  SIGNATURE_SCHEME_MARKDOWN,
  TIMESTAMP_HEADER,
  TOLERANCE_SECONDS,
  computeSignature,
  signWebhook,
  verifyWebhook,
  type HeaderBag,
  type SeenDeliveries,
  type WebhookVerifyError,
  type WebhookVerifyResult,
} from './signature.ts';
export {
  MAX_BODY_BYTES,
  MAX_ITEMS_PER_DELIVERY,
  WebhookAuthor,
  WebhookItem,
  WebhookPayload,
  examplePayload,
  parseWebhookBody,
  parseWebhookPayload,
  type FieldError,
  type ParseResult,
} from './payload.ts';
