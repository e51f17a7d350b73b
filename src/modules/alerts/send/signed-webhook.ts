import { hmacSha256, safeEqual } from '../../../platform/crypto/index.ts';
import type { AlertMessage } from './alert-message.ts';

/**
 * Generic signed JSON webhook. Each POST carries:
 *
 *   Content-Type:        application/json
 *   X-Lookout-Event:     incident.alert
 *   X-Lookout-Delivery:  <delivery id>   (the same on every retry: receivers drop duplicates by it)
 *   X-Lookout-Signature: t=<unix seconds>,v1=<lowercase hex HMAC-SHA256(secret, "<t>.<raw body>")>
 *
 * To verify: split the header on ",", take t and v1, compute the HMAC of the exact bytes received
 * prefixed with "<t>.", compare in constant time, and refuse a t more than 5 minutes from your clock.
 * The secret is the one set on the rule's webhook recipient (sealed at rest, never shown again).
 */
export const ALERT_SIGNATURE_HEADER = 'x-lookout-signature';
export const ALERT_DELIVERY_HEADER = 'x-lookout-delivery';
export const ALERT_EVENT_HEADER = 'x-lookout-event';
export const ALERT_SIGNATURE_TOLERANCE_SECONDS = 300;

export const signAlertBody = (secret: string, unixSeconds: number, body: string): string =>
  `t=${unixSeconds},v1=${hmacSha256(secret, `${unixSeconds}.${body}`).toString('hex')}`;

/** What a receiver does with the header; Lookout's tests use it to prove the scheme as documented. */
export const verifyAlertSignature = (secret: string, header: string, body: string, now: Date): { ok: true } | { ok: false; reason: string } => {
  const parts = Object.fromEntries(header.split(',').map((kv) => kv.trim().split('=', 2) as [string, string]));
  const t = Number(parts.t);
  if (!parts.t || !Number.isInteger(t) || !parts.v1) return { ok: false, reason: 'malformed signature header' };
  if (Math.abs(Math.floor(now.getTime() / 1000) - t) > ALERT_SIGNATURE_TOLERANCE_SECONDS) return { ok: false, reason: 'timestamp outside 5 minutes' };
  const expected = hmacSha256(secret, `${t}.${body}`).toString('hex');
  return safeEqual(expected, parts.v1.toLowerCase()) ? { ok: true } : { ok: false, reason: 'signature does not match' };
};

export const webhookBody = (m: AlertMessage, sentAt: Date): Record<string, unknown> => ({
  type: 'incident.alert',
  deliveryId: m.deliveryId,
  sentAt: sentAt.toISOString(),
  test: m.isTest,
  drill: m.isDrill,
  rule: m.ruleName,
  escalationLevel: m.escalationLevel,
  incident: { id: m.incidentId, title: m.title, severity: m.severity, status: m.status, type: m.type, terms: m.terms, url: m.incidentUrl, updates: m.foldedUpdates },
});
