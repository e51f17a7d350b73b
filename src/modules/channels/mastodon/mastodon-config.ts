import { createRestAPIClient, type mastodon } from 'masto';
import { Type, type Static } from 'typebox';
import { Value } from 'typebox/value';

/** Non-secret configuration of a Mastodon channel: the brand account on its instance. */
export const MastodonConfig = Type.Object({
  instanceUrl: Type.String({ pattern: '^https?://', description: 'The instance the brand account lives on' }),
  acct: Type.String({ minLength: 1, maxLength: 300, description: 'The brand account, `name` or `name@domain`' }),
  accountId: Type.Optional(Type.String({ minLength: 1, maxLength: 64, description: "The account's id on that instance" })),
  searchQuery: Type.Optional(Type.String({ minLength: 1, maxLength: 500 })),
  /** Public replies are `public` unless set to `unlisted` (kept off the local and federated timelines). */
  replyVisibility: Type.Optional(Type.Union([Type.Literal('public'), Type.Literal('unlisted')])),
  maxPagesPerPoll: Type.Optional(Type.Integer({ minimum: 1, maximum: 50 })),
  timeoutMs: Type.Optional(Type.Integer({ minimum: 100, maximum: 120_000 })),
});
export type MastodonConfig = Static<typeof MastodonConfig>;

export const MASTODON_MAX_LENGTH = 500;
export const PAGE_LIMIT = 40;
export const DEFAULT_MAX_PAGES = 5;
export const DEFAULT_TIMEOUT_MS = 20_000;

export const parseMastodonConfig = (config: unknown): { ok: true; config: MastodonConfig } | { ok: false; detail: string } => {
  if (Value.Check(MastodonConfig, config)) return { ok: true, config };
  const first = [...Value.Errors(MastodonConfig, config)][0];
  return { ok: false, detail: first ? `${first.instancePath || '/'} ${first.message}` : 'invalid configuration' };
};

export const createMastodonClient = (config: MastodonConfig, accessToken: string): mastodon.rest.Client =>
  createRestAPIClient({ url: config.instanceUrl, accessToken, timeout: config.timeoutMs ?? DEFAULT_TIMEOUT_MS, log: 'error' });
