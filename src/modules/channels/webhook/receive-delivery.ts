import type { Connector, ConnectorContext, HealthReport } from '../connector.ts';
import { MAX_BODY_BYTES, parseWebhookBody, type FieldError } from './payload.ts';
import { verifyWebhook, type HeaderBag, type SeenDeliveries, type WebhookVerifyError } from './signature.ts';

/**
 * The whole receive path of one delivery, for the HTTP route to call with the raw body it
 * buffered: size → signature → payload → commit → remember the delivery. Nothing is stored
 * unless the signature is good and every item is valid; the 202 is returned only after
 * `ctx.accept` has committed, so an acknowledged delivery is never lost.
 *
 * Secrets: `signingSecret`, and `previousSigningSecret` while a rotation is under way.
 */
export interface ReplayStore extends SeenDeliveries {
  add(keys: string[]): void;
}

export type DeliveryOutcome =
  | { status: 202; body: { status: 'accepted'; added: number; duplicates: number } }
  /** A replay of a delivery already committed: nothing stored, and the sender can stop retrying. */
  | { status: 200; body: { status: 'duplicate' } }
  | { status: 400; body: { error: 'invalid_payload'; errors: FieldError[] } }
  | { status: 401; body: { error: Exclude<WebhookVerifyError, 'replayed'>; detail: string } }
  | { status: 413; body: { error: 'payload_too_large'; limitBytes: number } }
  | { status: 503; body: { error: 'channel_not_configured' } };

export const receiveWebhookDelivery = async (
  ctx: ConnectorContext,
  request: { headers: HeaderBag; rawBody: string | Buffer; now: Date; replay: ReplayStore },
): Promise<DeliveryOutcome> => {
  const size = Buffer.isBuffer(request.rawBody) ? request.rawBody.byteLength : Buffer.byteLength(request.rawBody);
  if (size > MAX_BODY_BYTES) {
    await ctx.reportFailure(`too_large: delivery of ${size} bytes refused`);
    return { status: 413, body: { error: 'payload_too_large', limitBytes: MAX_BODY_BYTES } };
  }
  const secrets = signingSecrets(ctx);
  if (secrets.length === 0) {
    await ctx.reportFailure('misconfigured: the webhook channel has no signingSecret');
    return { status: 503, body: { error: 'channel_not_configured' } };
  }

  const verified = verifyWebhook({ secret: secrets, headers: request.headers, rawBody: request.rawBody, now: request.now, seenIds: request.replay });
  if (!verified.ok) {
    if (verified.error === 'replayed') return { status: 200, body: { status: 'duplicate' } };
    await ctx.reportFailure(`${verified.error}: ${verified.detail}`);
    return { status: 401, body: { error: verified.error, detail: verified.detail } };
  }

  const parsed = parseWebhookBody(request.rawBody);
  if (!parsed.ok) {
    await ctx.reportFailure(`bad_payload: ${parsed.errors.length} invalid field(s) in delivery ${verified.deliveryId}`, {
      raw: { deliveryId: verified.deliveryId, errors: parsed.errors.slice(0, 10) },
    });
    return { status: 400, body: { error: 'invalid_payload', errors: parsed.errors } };
  }

  const { added, duplicates } = await ctx.accept(parsed.items);
  request.replay.add(verified.replayKeys);
  return { status: 202, body: { status: 'accepted', added, duplicates } };
};

const signingSecrets = (ctx: ConnectorContext): string[] =>
  [ctx.secrets.signingSecret, ctx.secrets.previousSigningSecret].filter((s): s is string => typeof s === 'string' && s.length > 0);

/** Push-only: nothing to poll, nothing to send; healthy when it can verify signatures. */
export const webhookConnector: Connector = {
  kind: 'webhook',
  limits: { maxLength: null, canThread: false, hasPrivateMessages: false },
  async checkHealth(ctx): Promise<HealthReport> {
    return signingSecrets(ctx).length > 0
      ? { ok: true }
      : { ok: false, problem: 'misconfigured', detail: 'no signingSecret: every delivery would be refused' };
  },
};
