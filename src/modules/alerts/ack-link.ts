import { hmacSha256, safeEqual } from '../../platform/crypto/index.ts';

/**
 * The acknowledgement link in an alert email: `<publicUrl>/alert-ack/<deliveryId>?token=<t>`, where
 * t = hex HMAC-SHA256(key, "alert-ack:<deliveryId>") cut to 32 characters. It opens a console page
 * (no sign-in) whose button posts the token back, so a mail scanner that fetches links
 * acknowledges nothing. The token acknowledges that one delivery's incident, nothing else.
 */
export const ackToken = (key: string, deliveryId: string): string => hmacSha256(key, `alert-ack:${deliveryId}`).toString('hex').slice(0, 32);

export const verifyAckToken = (key: string, deliveryId: string, token: string): boolean => safeEqual(ackToken(key, deliveryId), token);

export const ackUrl = (publicUrl: string, key: string, deliveryId: string): string => `${publicUrl}/alert-ack/${deliveryId}?token=${ackToken(key, deliveryId)}`;
