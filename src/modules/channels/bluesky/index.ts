/**
 * Bluesky (AT Protocol) channel, built on the official `@atproto/api`. Polls the brand account's
 * notifications (mentions, replies, quotes; reposts when asked) and keyword searches of posts,
 * and hands each post to the pipeline with its author, thread (parent and root URIs), engagement
 * and the AppView's post view as raw. Replies in thread, as a numbered self-thread when longer
 * than 300 graphemes, reusing parts already posted so a retry never posts twice. Respects
 * Bluesky's rate limits: a 429, or a nearly spent budget in the `ratelimit-*` headers, pauses
 * polling until the reset time (kept in the cursor). Direct messages are not supported.
 *
 * Config `{ service, identifier, searchTerms?, appviewUrl?, notificationReasons?, maxPagesPerPoll? }`,
 * secrets `{ appPassword }` (an app password, never the account password).
 */
export { createBlueskyConnector, blueskyConnector, type BlueskyConnectorDeps } from './bluesky-connector.ts';
export { BlueskyConfig, parseBlueskySettings, type BlueskySettings, type NotificationReason } from './bluesky-config.ts';
export { BlueskyError, type BlueskyProblem } from './bluesky-errors.ts';
export { readBlueskyCursor, type BlueskyCursor, type StreamCursor } from './bluesky-cursor.ts';
export { SessionPool } from './bluesky-session.ts';
export { splitForThread, graphemeLength, POST_MAX_GRAPHEMES } from './split-text.ts';
