/**
 * Mastodon connector, built on masto: mentions (notifications) and keyword search by polling
 * with `min_id` cursors, replies in thread (`in_reply_to_id`, @mention first, `direct` when
 * private, `Idempotency-Key` per part), health from `verify_credentials`.
 */
export { createMastodonConnector, mastodonConnector } from './mastodon-connector.ts';
export { MastodonConfig, parseMastodonConfig, MASTODON_MAX_LENGTH } from './mastodon-config.ts';
export type { MastodonCursor } from './mastodon-poll.ts';
