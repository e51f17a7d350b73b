/**
 * The one interface every connector implements. A connector knows one protocol (IMAP/SMTP,
 * AT Protocol, RSS, X API v2, …): how items arrive (webhook, poll, stream), how a reply is sent,
 * and how healthy the link is. It knows nothing of the database, triage or conversations: it
 * turns the network's items into `InboundItem`s and hands them to `ctx.accept()`, which commits
 * them to the raw store before the connector advances its cursor or acknowledges the sender.
 *
 * A connector imports only this file (through the channels index) and `src/platform`.
 */

export type ChannelKind = 'email' | 'bluesky' | 'rss' | 'webhook' | 'webchat' | 'x' | 'mastodon' | 'import';

/** What an author looks like on one network. */
export interface InboundAuthor {
  /** Stable id on the network: a DID, a numeric user id, an email address (lower-cased). */
  externalId: string;
  handle: string;
  displayName?: string | null;
  email?: string | null;
  followers?: number | null;
  verified?: boolean | null;
  profileUrl?: string | null;
  avatarUrl?: string | null;
}

export interface InboundAttachment {
  filename: string;
  contentType: string;
  size: number;
  /** Base64 content for small attachments (email); large ones may carry only a url. */
  contentBase64?: string;
  url?: string;
}

/** One item as the network delivered it, normalized just enough to be stored and threaded. */
export interface InboundItem {
  /** Unique per channel: post URI, tweet id, Message-ID, feed entry guid, chat message id. */
  externalId: string;
  kind: 'post' | 'reply' | 'dm' | 'email' | 'chat' | 'article' | 'review' | 'repost';
  visibility: 'public' | 'private';
  text: string;
  /** Subject line (email) or title (feeds). */
  title?: string | null;
  url?: string | null;
  authoredAt: Date;
  author: InboundAuthor;
  /** The external id this item answers (a parent post, an email's In-Reply-To). */
  inReplyTo?: string | null;
  /** The external id of the thread's first item, when the network tells it (a Bluesky root). */
  threadRoot?: string | null;
  /** Email References chain, oldest first. */
  references?: string[];
  /** For reposts/retweets: the original's external id, so they collapse into it. */
  repostOf?: string | null;
  /** True when the brand's own account wrote it (ignored as a mention, kept for threading). */
  isOwn?: boolean;
  attachments?: InboundAttachment[];
  /** Engagement counts when the network gives them (likes, reposts, replies). */
  engagement?: { likes?: number; reposts?: number; replies?: number };
  /** Which keyword search found it, when it came from a search rather than a mention/DM. */
  fromSearch?: boolean;
  /** The raw payload, stored as-is in the raw store. Must be JSON-serialisable. */
  raw: unknown;
}

/** A reply (or a new private message) to send through the channel. */
export interface OutboundMessage {
  /** Idempotency key: the outbox row id. A connector that can, uses it to avoid double posts. */
  idempotencyKey: string;
  text: string;
  /** The item being answered (its externalId), and the thread root where the network needs it. */
  inReplyTo?: string | null;
  threadRoot?: string | null;
  /** Email: subject, recipients, and the References chain to keep the thread. */
  subject?: string | null;
  to?: string[];
  references?: string[];
  /** Private path: a DM rather than a public reply, where the network has DMs. */
  isPrivate?: boolean;
  /** The recipient on the network, for DMs and emails. */
  recipient?: InboundAuthor | null;
}

export interface SendResult {
  externalId: string;
  url?: string | null;
  /** Several ids when the network needed a thread of posts for a long reply. */
  externalIds?: string[];
  /** The item as sent, to store as the outbound message's raw payload. */
  raw?: unknown;
}

/** A failure the outbox shows the agent: whether a retry could help, and why. */
export class SendError extends Error {
  constructor(
    message: string,
    readonly reason: 'too_long' | 'auth' | 'rate_limited' | 'rejected' | 'network' | 'unsupported',
    readonly retryable: boolean,
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'SendError';
  }
}

export interface HealthReport {
  ok: boolean;
  /** `auth` means credentials expired or were revoked: a person must act. */
  problem?: 'auth' | 'unreachable' | 'rate_limited' | 'misconfigured' | null;
  detail?: string;
}

/** What a connector may call while it runs. Provided by the channels runtime. */
export interface ConnectorContext {
  channelId: string;
  workspaceId: string;
  /** The channel's configuration (non-secret part) and decrypted secrets. */
  config: Record<string, unknown>;
  secrets: Record<string, string>;
  /** Opaque poll cursor the connector stored last time (null the first time). */
  cursor: unknown;
  /**
   * Commit items to the raw store (idempotent by channel + externalId) and, when given, the new
   * cursor in the same transaction. Resolves only after the commit: acknowledge after this.
   */
  accept(items: InboundItem[], cursor?: unknown): Promise<{ added: number; duplicates: number }>;
  /** Record a failed item or poll so it shows in the channel's health; never throws. */
  reportFailure(reason: string, detail?: { externalId?: string; raw?: unknown }): Promise<void>;
  log: { info(obj: object, msg?: string): void; warn(obj: object, msg?: string): void; error(obj: object, msg?: string): void };
  signal: AbortSignal;
}

export interface Connector {
  kind: ChannelKind;
  /** Longest text one post may carry, and whether a longer reply can become a thread. */
  limits: { maxLength: number | null; canThread: boolean; hasPrivateMessages: boolean };
  /** Pull new items since ctx.cursor; call ctx.accept with them and the new cursor. */
  poll?(ctx: ConnectorContext): Promise<void>;
  /** Keep a live connection (IMAP IDLE, a firehose) until ctx.signal aborts. */
  stream?(ctx: ConnectorContext): Promise<void>;
  send?(ctx: ConnectorContext, message: OutboundMessage): Promise<SendResult>;
  checkHealth?(ctx: ConnectorContext): Promise<HealthReport>;
}
