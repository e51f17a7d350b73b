/**
 * X (API v2) connector, built on twitter-api-v2: mentions and recent search by polling with
 * since_id cursors, replies in thread (long replies become a numbered chain), health from
 * `GET /2/users/me`. For the Account Activity webhook routes:
 *  - GET  with `crc_token`: answer 200 `crcResponse(consumerSecret, crc_token)`;
 *  - POST: `receiveAccountActivity(ctx, { rawBody, signature: headers['x-twitter-webhooks-signature'] })`
 *    → `{ status, body }` (401 bad signature, 400 not JSON, 200 after commit).
 */
export { createXConnector, xConnector, X_MAX_LENGTH } from './x-connector.ts';
export { XConfig, parseXConfig, type XSecrets } from './x-config.ts';
export type { XCursor, TimelineCursor } from './x-timeline.ts';
export {
  X_SIGNATURE_HEADER,
  crcResponse,
  mapAccountActivity,
  receiveAccountActivity,
  verifyXSignature,
  type AccountActivityOutcome,
  type AccountActivityPayload,
} from './account-activity.ts';
export { splitForThread, xWeightedLength, codePointLength } from './split-text.ts';
