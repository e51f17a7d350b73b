import { Type, type Static } from 'typebox';
import { Value } from 'typebox/value';

/** Notification reasons worth a mention; 'repost' is opt-in (it only says someone reposted the brand). */
export const NotificationReason = Type.Union([
  Type.Literal('mention'),
  Type.Literal('reply'),
  Type.Literal('quote'),
  Type.Literal('repost'),
]);
export type NotificationReason = Static<typeof NotificationReason>;

/** The channel's non-secret configuration. The app password lives in secrets as `appPassword`. */
export const BlueskyConfig = Type.Object({
  /** The brand account's PDS or entryway: `https://bsky.social` for most accounts. */
  service: Type.String({ pattern: '^https?://' }),
  /** Handle (`acme.bsky.social`), DID or email of the brand account. */
  identifier: Type.String({ minLength: 1, maxLength: 300 }),
  /** Keyword searches run with `app.bsky.feed.searchPosts` (Bluesky's query syntax, passed as is). */
  searchTerms: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 300 }), { maxItems: 50 })),
  /**
   * A public AppView (e.g. `https://public.api.bsky.app`) for unauthenticated reads (search, posts,
   * profiles), sparing the account's PDS quota. Notifications always go through the PDS.
   */
  appviewUrl: Type.Optional(Type.String({ pattern: '^https?://' })),
  notificationReasons: Type.Optional(Type.Array(NotificationReason, { minItems: 1, maxItems: 4 })),
  /** Pages (of up to 50 posts) read per source and poll; the rest is picked up by the next poll. */
  maxPagesPerPoll: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
});
export type BlueskyConfig = Static<typeof BlueskyConfig>;

export interface BlueskySettings {
  config: BlueskyConfig;
  appPassword: string;
  searchTerms: string[];
  notificationReasons: NotificationReason[];
  maxPagesPerPoll: number;
}

export const DEFAULT_REASONS: NotificationReason[] = ['mention', 'reply', 'quote'];
export const DEFAULT_MAX_PAGES = 10;

export const parseBlueskySettings = (
  config: unknown,
  secrets: Record<string, string>,
): { ok: true; settings: BlueskySettings } | { ok: false; detail: string } => {
  if (!Value.Check(BlueskyConfig, config)) {
    const first = [...Value.Errors(BlueskyConfig, config)][0];
    return { ok: false, detail: first ? `${first.instancePath || '/'} ${first.message}` : 'invalid configuration' };
  }
  const appPassword = secrets['appPassword'];
  if (!appPassword) return { ok: false, detail: 'secrets.appPassword is missing' };
  return {
    ok: true,
    settings: {
      config,
      appPassword,
      searchTerms: [...new Set((config.searchTerms ?? []).map((t) => t.trim()).filter(Boolean))],
      notificationReasons: config.notificationReasons ?? DEFAULT_REASONS,
      maxPagesPerPoll: config.maxPagesPerPoll ?? DEFAULT_MAX_PAGES,
    },
  };
};
