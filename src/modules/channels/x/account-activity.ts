import { createHmac } from 'node:crypto';
import { safeEqual } from '../../../platform/crypto/index.ts';
import type { ConnectorContext, InboundAuthor, InboundItem } from '../connector.ts';

/**
 * X Account Activity API webhooks ("Securing webhooks" in X's docs):
 *  - CRC: X sends `GET …?crc_token=T`; answer 200 with JSON
 *    `{"response_token":"sha256=" + base64(HMAC-SHA256(consumerSecret, T))}` within 3 seconds.
 *  - Every POST carries `x-twitter-webhooks-signature: sha256=` + base64(HMAC-SHA256(consumerSecret,
 *    raw body)).
 * Events arrive as v1.1 objects: `tweet_create_events` (mentions, replies, the brand's own
 * tweets) and `direct_message_events` (DMs, with a `users` map).
 */
export const X_SIGNATURE_HEADER = 'x-twitter-webhooks-signature';

const hmacBase64 = (secret: string, data: string | Buffer): string => createHmac('sha256', secret).update(data).digest('base64');

export const crcResponse = (consumerSecret: string, crcToken: string): { response_token: string } => ({
  response_token: `sha256=${hmacBase64(consumerSecret, crcToken)}`,
});

export const verifyXSignature = (consumerSecret: string, rawBody: string | Buffer, header: string | string[] | undefined | null): boolean => {
  const value = Array.isArray(header) ? header[0] : header;
  if (!consumerSecret || !value?.startsWith('sha256=')) return false;
  return safeEqual(`sha256=${hmacBase64(consumerSecret, rawBody)}`, value.trim());
};

/** The v1.1 shapes this reads (only the fields used; the rest stays in `raw`). */
interface V1User {
  id_str?: string;
  id?: string | number;
  screen_name: string;
  name?: string;
  followers_count?: number;
  verified?: boolean;
  profile_image_url_https?: string;
}
interface V1Tweet {
  id_str: string;
  created_at: string;
  text?: string;
  full_text?: string;
  truncated?: boolean;
  extended_tweet?: { full_text?: string };
  in_reply_to_status_id_str?: string | null;
  user: V1User;
  retweeted_status?: V1Tweet;
  reply_count?: number;
  retweet_count?: number;
  favorite_count?: number;
}
interface V1DirectMessage {
  type: string;
  id: string;
  created_timestamp: string;
  message_create?: { sender_id: string; target?: { recipient_id?: string }; message_data?: { text?: string } };
}
export interface AccountActivityPayload {
  for_user_id?: string;
  tweet_create_events?: V1Tweet[];
  direct_message_events?: V1DirectMessage[];
  users?: Record<string, V1User>;
}

export const mapAccountActivity = (payload: AccountActivityPayload, ownUserId?: string): InboundItem[] => {
  const own = ownUserId ?? payload.for_user_id;
  const tweets = (payload.tweet_create_events ?? []).filter((t) => t && typeof t.id_str === 'string' && t.user).map((t) => mapV1Tweet(t, own));
  const dms = (payload.direct_message_events ?? [])
    .filter((e) => e?.type === 'message_create' && e.message_create?.sender_id)
    .map((e) => mapDirectMessage(e, payload.users ?? {}, own));
  return [...tweets, ...dms];
};

const v1Author = (u: V1User): InboundAuthor => ({
  externalId: u.id_str ?? String(u.id),
  handle: u.screen_name,
  displayName: u.name ?? null,
  followers: u.followers_count ?? null,
  verified: u.verified ?? null,
  profileUrl: `https://x.com/${u.screen_name}`,
  avatarUrl: u.profile_image_url_https ?? null,
});

const fullText = (t: V1Tweet): string => t.extended_tweet?.full_text ?? t.full_text ?? t.text ?? '';

const mapV1Tweet = (t: V1Tweet, own: string | undefined): InboundItem => {
  const original = t.retweeted_status;
  const author = v1Author(t.user);
  return {
    externalId: t.id_str,
    kind: original ? 'repost' : t.in_reply_to_status_id_str ? 'reply' : 'post',
    visibility: 'public',
    text: original ? fullText(original) : fullText(t),
    url: `https://x.com/${t.user.screen_name}/status/${t.id_str}`,
    authoredAt: new Date(t.created_at),
    author,
    inReplyTo: t.in_reply_to_status_id_str ?? null,
    repostOf: original?.id_str ?? null,
    isOwn: own !== undefined && author.externalId === own,
    engagement: { likes: t.favorite_count, reposts: t.retweet_count, replies: t.reply_count },
    raw: t,
  };
};

const mapDirectMessage = (e: V1DirectMessage, users: Record<string, V1User>, own: string | undefined): InboundItem => {
  const senderId = e.message_create?.sender_id ?? '';
  const sender = users[senderId];
  return {
    externalId: `dm:${e.id}`,
    kind: 'dm',
    visibility: 'private',
    text: e.message_create?.message_data?.text ?? '',
    authoredAt: new Date(Number(e.created_timestamp)),
    author: sender ? v1Author({ ...sender, id_str: senderId }) : { externalId: senderId, handle: `id:${senderId}` },
    isOwn: senderId === own,
    raw: { event: e, sender: sender ?? null },
  };
};

export type AccountActivityOutcome =
  | { status: 200; body: { added: number; duplicates: number } }
  | { status: 400; body: { error: 'invalid_payload' } }
  | { status: 401; body: { error: 'bad_signature' } }
  | { status: 503; body: { error: 'channel_not_configured' } };

/**
 * The POST side for the HTTP route: signature, JSON, map, commit, then 200. The consumer secret
 * is `consumerSecret`, else `appSecret`, from the channel's secrets.
 */
export const receiveAccountActivity = async (
  ctx: ConnectorContext,
  request: { rawBody: string | Buffer; signature: string | string[] | undefined },
): Promise<AccountActivityOutcome> => {
  const secret = ctx.secrets.consumerSecret || ctx.secrets.appSecret;
  if (!secret) {
    await ctx.reportFailure('misconfigured: no consumerSecret to verify X webhooks');
    return { status: 503, body: { error: 'channel_not_configured' } };
  }
  if (!verifyXSignature(secret, request.rawBody, request.signature)) {
    await ctx.reportFailure(`bad_signature: ${X_SIGNATURE_HEADER} does not match the body`);
    return { status: 401, body: { error: 'bad_signature' } };
  }
  let payload: AccountActivityPayload;
  try {
    payload = JSON.parse(Buffer.isBuffer(request.rawBody) ? request.rawBody.toString('utf8') : request.rawBody) as AccountActivityPayload;
    if (!payload || typeof payload !== 'object') throw new Error('not an object');
  } catch (err) {
    await ctx.reportFailure(`bad_payload: Account Activity body is not JSON (${err instanceof Error ? err.message : String(err)})`);
    return { status: 400, body: { error: 'invalid_payload' } };
  }
  const ownUserId = typeof ctx.config.userId === 'string' ? ctx.config.userId : undefined;
  const { added, duplicates } = await ctx.accept(mapAccountActivity(payload, ownUserId));
  return { status: 200, body: { added, duplicates } };
};
