import { hmacSha256, safeEqual } from '../../../platform/crypto/index.ts';
import type { InboundAuthor } from '../connector.ts';

/**
 * Who wrote a web chat message. An anonymous visitor is the random id the widget keeps in the
 * browser's localStorage; a signed-in visitor is the company's own user id, proven by the hash the
 * company's server computes and prints into the page:
 *
 *     hash = hex(HMAC-SHA256(identitySecret, userId))
 *
 * exactly like Chatwoot's `identifier_hash` and Intercom's `user_hash`, so a company that already
 * signs for one of them can reuse its code. The secret never leaves the company's server and
 * Lookout; without the right hash, a `userId` claimed by the page is worth nothing.
 */
export const IDENTITY_SECRET = 'identitySecret';

export const computeIdentityHash = (secret: string, userId: string): string => hmacSha256(secret, userId).toString('hex');

/** Constant-time check of a hash the page sent (hex, either case). False when there is no secret. */
export const isIdentityHashValid = (secret: string | undefined, userId: string, hash: string): boolean =>
  Boolean(secret) && safeEqual(computeIdentityHash(secret!, userId), hash.toLowerCase());

export interface ClaimedIdentity {
  userId: string;
  email?: string | null;
  name?: string | null;
  hash?: string | null;
}

export type VisitorResolution =
  | { ok: true; key: string; verified: boolean; author: InboundAuthor }
  /** A hash was given and it is wrong (or the channel cannot check hashes): refuse, store nothing. */
  | { ok: false; reason: 'bad_identity_hash' | 'identity_not_configured' };

/**
 * The author of a message, and the key its live stream and history are filed under:
 * `user:<userId>` for a verified visitor, `visitor:<visitorId>` otherwise. A claimed identity
 * without a hash is ignored (an unverified name or email would let anyone pose as a customer).
 */
export const resolveVisitor = (secrets: Record<string, string>, visitorId: string, identity?: ClaimedIdentity | null): VisitorResolution => {
  if (!identity?.hash) {
    const key = `visitor:${visitorId}`;
    return { ok: true, key, verified: false, author: { externalId: key, handle: `visitor-${visitorId.slice(0, 8)}`, displayName: null, verified: false } };
  }
  const secret = secrets[IDENTITY_SECRET];
  if (!secret) return { ok: false, reason: 'identity_not_configured' };
  if (!isIdentityHashValid(secret, identity.userId, identity.hash)) return { ok: false, reason: 'bad_identity_hash' };
  const key = `user:${identity.userId}`;
  const email = identity.email?.trim().toLowerCase() || null;
  return {
    ok: true,
    key,
    verified: true,
    author: { externalId: key, handle: email ?? identity.name ?? identity.userId, displayName: identity.name ?? null, email, verified: true },
  };
};
