import { hmacSha256, safeEqual } from '../../../platform/crypto/index.ts';

/**
 * A secure web chat link, the third "move to private" path: `<publicUrl>/chat/<token>` opens a
 * page on Lookout's own origin whose chat is bound to one conversation and one customer.
 *
 * The token is `payload ‖ mac`: version, workspace, conversation, customer and web chat channel
 * ids (16 bytes each), the expiry (uint32 epoch seconds), then HMAC-SHA256(key, payload) cut to
 * 16 bytes. Binary rather than JSON because the link is posted publicly, where a network may allow
 * 280 characters. It is written in letters only (base 52): no digit, `@` or space, so none of the
 * compliance guard's detectors (card, account, phone, address, email) can ever match inside it.
 */
export interface ChatLinkClaims {
  workspaceId: string;
  conversationId: string;
  customerId: string;
  channelId: string;
  /** Expiry, epoch milliseconds (kept to the second). */
  expiresAt: number;
}

export type ChatLinkCheck = { ok: true; claims: ChatLinkClaims } | { ok: false; reason: 'invalid' | 'expired' };

/** How long a link works by default. */
export const CHAT_LINK_TTL_MS = 7 * 24 * 3_600_000;
/** The visitor key (history, live stream, identity external id) of whoever opens a customer's link. */
export const linkVisitorKey = (customerId: string): string => `customer:${customerId}`;
/** Key of the HMAC: the app secret, bound to this one use. */
export const chatLinkKey = (appSecret: string): string => `chat-links:${appSecret}`;

const VERSION = 1;
const PAYLOAD_BYTES = 1 + 4 * 16 + 4;
const MAC_BYTES = 16;
const TOKEN_BYTES = PAYLOAD_BYTES + MAC_BYTES;
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const BASE = BigInt(ALPHABET.length);
/** Characters for TOKEN_BYTES bytes in base 52: ceil(85 · 8 / log2 52). */
const TOKEN_CHARS = Math.ceil((TOKEN_BYTES * 8) / Math.log2(ALPHABET.length));
export const CHAT_LINK_TOKEN_PATTERN = `^[A-Za-z]{${TOKEN_CHARS}}$`;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const uuidBytes = (id: string): Buffer => {
  if (!UUID.test(id)) throw new Error(`not a uuid: ${id}`);
  return Buffer.from(id.replaceAll('-', ''), 'hex');
};
const uuidOf = (b: Buffer): string => {
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
};

const encode = (bytes: Buffer): string => {
  let n = BigInt(`0x${bytes.toString('hex')}`);
  let out = '';
  for (let i = 0; i < TOKEN_CHARS; i++) {
    out = ALPHABET[Number(n % BASE)]! + out;
    n /= BASE;
  }
  return out;
};
const decode = (s: string): Buffer | null => {
  if (s.length !== TOKEN_CHARS) return null;
  let n = 0n;
  for (const ch of s) {
    const d = ALPHABET.indexOf(ch);
    if (d < 0) return null;
    n = n * BASE + BigInt(d);
  }
  const hex = n.toString(16);
  if (hex.length > TOKEN_BYTES * 2) return null;
  return Buffer.from(hex.padStart(TOKEN_BYTES * 2, '0'), 'hex');
};

const macOf = (key: string, payload: Buffer): Buffer => hmacSha256(key, payload).subarray(0, MAC_BYTES);

export const signChatLink = (key: string, claims: ChatLinkClaims): string => {
  const exp = Buffer.alloc(4);
  exp.writeUInt32BE(Math.floor(claims.expiresAt / 1000));
  const payload = Buffer.concat([Buffer.from([VERSION]), uuidBytes(claims.workspaceId), uuidBytes(claims.conversationId), uuidBytes(claims.customerId), uuidBytes(claims.channelId), exp]);
  return encode(Buffer.concat([payload, macOf(key, payload)]));
};

/** Forged, damaged or signed with another key: invalid. Genuine but past its expiry: expired. */
export const verifyChatLink = (key: string, token: string, now: Date): ChatLinkCheck => {
  const bytes = decode(token);
  if (!bytes || bytes[0] !== VERSION) return { ok: false, reason: 'invalid' };
  const payload = bytes.subarray(0, PAYLOAD_BYTES);
  if (!safeEqual(macOf(key, payload).toString('hex'), bytes.subarray(PAYLOAD_BYTES).toString('hex'))) return { ok: false, reason: 'invalid' };
  const at = (i: number) => uuidOf(payload.subarray(1 + i * 16, 17 + i * 16));
  const expiresAt = payload.readUInt32BE(1 + 4 * 16) * 1000;
  if (expiresAt <= now.getTime()) return { ok: false, reason: 'expired' };
  return { ok: true, claims: { workspaceId: at(0), conversationId: at(1), customerId: at(2), channelId: at(3), expiresAt } };
};

export const chatLinkUrl = (publicUrl: string, token: string): string => `${publicUrl.replace(/\/$/, '')}/chat/${token}`;
