import { systemClock, type Clock } from '../../../platform/clock/index.ts';
import { hmacSha256, safeEqual, sha256Hex } from '../../../platform/crypto/index.ts';

/**
 * Signing scheme for pushes to the generic webhook channel (documented in the OpenAPI document):
 *
 *   x-lookout-timestamp: <unix seconds when the sender signed>
 *   x-lookout-delivery:  <sender's unique id for this delivery, 1–200 chars of [A-Za-z0-9._:-]>
 *   x-lookout-signature: v1=<hex HMAC-SHA256(secret, `${timestamp}.${rawBody}`)>
 *
 * The raw body is the exact bytes sent, before any JSON parsing. Several `v1=` values may be given,
 * comma-separated, so a sender can sign with an old and a new secret while rotating. A request is
 * accepted when one signature matches (constant-time compare), the timestamp is within 5 minutes
 * of the receiver's clock either way, and neither the delivery id nor the signature has been seen
 * in the last window (a replay with a fresh delivery id still carries the old signature).
 *
 * Test vector (computed with `openssl dgst -sha256 -hmac`): secret `whsec_lookout_example`,
 * timestamp `1767604364`, body `{"items":[]}` →
 * `v1=8c973f0b4c689b2c169ce965a766375460c2ec38cddc2a64ef6c135c4d68af51`.
 */
/** The same scheme, for the OpenAPI operation's description. */
export const SIGNATURE_SCHEME_MARKDOWN = [
  'Every delivery must carry three headers:',
  '',
  '- `x-lookout-timestamp`: the time of signing, in unix seconds;',
  '- `x-lookout-delivery`: a unique id for this delivery (1–200 characters of `A-Z a-z 0-9 . _ : -`);',
  '- `x-lookout-signature`: `v1=` followed by the lowercase hex HMAC-SHA256 of `<timestamp>.<raw body>`',
  '  keyed with the channel\'s signing secret. Several comma-separated `v1=` values are allowed while rotating secrets.',
  '',
  'Deliveries more than 5 minutes from the server\'s clock, and repeats of a delivery id or signature',
  'within 10 minutes, are refused. Test vector: secret `whsec_lookout_example`, timestamp `1767604364`,',
  'body `{"items":[]}` → `v1=8c973f0b4c689b2c169ce965a766375460c2ec38cddc2a64ef6c135c4d68af51`.',
].join('\n');

export const TIMESTAMP_HEADER = 'x-lookout-timestamp';
export const SIGNATURE_HEADER = 'x-lookout-signature';
export const DELIVERY_HEADER = 'x-lookout-delivery';
export const TOLERANCE_SECONDS = 5 * 60;

export type WebhookVerifyError = 'missing_signature' | 'bad_signature' | 'stale_timestamp' | 'replayed';

export type WebhookVerifyResult =
  | {
      ok: true;
      deliveryId: string;
      /** Remember these (for TOLERANCE_SECONDS × 2) once the delivery is committed, to refuse replays. */
      replayKeys: string[];
    }
  | { ok: false; error: WebhookVerifyError; detail: string };

/** Anything that can say whether a replay key was seen recently (in memory or in the database). */
export interface SeenDeliveries {
  has(key: string): boolean;
}

export type HeaderBag = Record<string, string | string[] | undefined> | Headers;

const DELIVERY_ID = /^[A-Za-z0-9._:-]{1,200}$/;

export const computeSignature = (secret: string, timestamp: string, rawBody: string | Buffer): string =>
  hmacSha256(secret, Buffer.concat([Buffer.from(`${timestamp}.`), Buffer.isBuffer(rawBody) ? rawBody : Buffer.from(rawBody)])).toString('hex');

/** The three headers a sender adds; `timestamp` in unix seconds. */
export const signWebhook = (
  secret: string,
  timestamp: number,
  rawBody: string | Buffer,
  deliveryId: string,
): Record<string, string> => {
  const ts = String(Math.floor(timestamp));
  return {
    [TIMESTAMP_HEADER]: ts,
    [SIGNATURE_HEADER]: `v1=${computeSignature(secret, ts, rawBody)}`,
    [DELIVERY_HEADER]: deliveryId,
  };
};

export const verifyWebhook = (input: {
  /** One secret, or several while rotating. */
  secret: string | string[];
  headers: HeaderBag;
  rawBody: string | Buffer;
  now: Date;
  seenIds?: SeenDeliveries;
}): WebhookVerifyResult => {
  const timestamp = header(input.headers, TIMESTAMP_HEADER);
  const signatureHeader = header(input.headers, SIGNATURE_HEADER);
  const deliveryId = header(input.headers, DELIVERY_HEADER);
  if (!timestamp || !signatureHeader || !deliveryId) {
    const missing = [[TIMESTAMP_HEADER, timestamp], [SIGNATURE_HEADER, signatureHeader], [DELIVERY_HEADER, deliveryId]]
      .filter(([, v]) => !v)
      .map(([k]) => k);
    return { ok: false, error: 'missing_signature', detail: `missing header ${missing.join(', ')}` };
  }
  if (!/^\d{1,12}$/.test(timestamp)) return { ok: false, error: 'missing_signature', detail: `${TIMESTAMP_HEADER} is not unix seconds` };
  if (!DELIVERY_ID.test(deliveryId)) return { ok: false, error: 'missing_signature', detail: `${DELIVERY_HEADER} is not a valid id` };

  const given = signatureHeader
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.startsWith('v1='))
    .map((s) => s.slice(3).toLowerCase());
  if (given.length === 0) return { ok: false, error: 'missing_signature', detail: `${SIGNATURE_HEADER} has no v1= value` };

  const secrets = (Array.isArray(input.secret) ? input.secret : [input.secret]).filter((s) => s.length > 0);
  const expected = secrets.map((s) => computeSignature(s, timestamp, input.rawBody));
  // Compare every pair (no early exit) so timing says nothing about which one matched.
  let match: string | null = null;
  for (const e of expected) for (const g of given) if (safeEqual(e, g)) match = e;
  if (!match) return { ok: false, error: 'bad_signature', detail: 'no signature matches the body' };

  const skew = Math.abs(Math.floor(input.now.getTime() / 1000) - Number(timestamp));
  if (skew > TOLERANCE_SECONDS) {
    return { ok: false, error: 'stale_timestamp', detail: `timestamp is ${skew}s from now (limit ${TOLERANCE_SECONDS}s)` };
  }

  const replayKeys = [`delivery:${deliveryId}`, `signature:${sha256Hex(match)}`];
  if (input.seenIds && replayKeys.some((k) => input.seenIds?.has(k))) {
    return { ok: false, error: 'replayed', detail: `delivery ${deliveryId} was already received` };
  }
  return { ok: true, deliveryId, replayKeys };
};

const header = (headers: HeaderBag, name: string): string | undefined => {
  if (headers instanceof Headers) return headers.get(name) ?? undefined;
  const value = headers[name] ?? headers[name.toLowerCase()];
  return (Array.isArray(value) ? value[0] : value)?.trim() || undefined;
};

/**
 * In-process memory of replay keys, each kept for twice the tolerance (a timestamp can be up to
 * 5 minutes in the future or the past). Bounded: the oldest keys go first. One process only; with
 * several receivers, back `SeenDeliveries` with the database instead.
 */
export class ReplayCache implements SeenDeliveries {
  private readonly expiries = new Map<string, number>();
  constructor(
    private readonly clock: Clock = systemClock,
    private readonly ttlMs = TOLERANCE_SECONDS * 2 * 1000,
    private readonly maxEntries = 200_000,
  ) {}

  has(key: string): boolean {
    const expiry = this.expiries.get(key);
    return expiry !== undefined && expiry > this.clock.now().getTime();
  }

  add(keys: string[]): void {
    const now = this.clock.now().getTime();
    for (const key of keys) {
      this.expiries.delete(key);
      this.expiries.set(key, now + this.ttlMs);
    }
    // Every key lives as long and a Map keeps insertion order, so the first entries expire first.
    for (const [key, expiry] of this.expiries) {
      if (this.expiries.size <= this.maxEntries && expiry > now) break;
      this.expiries.delete(key);
    }
  }
}
