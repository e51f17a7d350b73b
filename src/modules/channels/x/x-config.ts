import { Agent } from 'node:http';
import { Type, type Static } from 'typebox';
import { Value } from 'typebox/value';
import { TwitterApi, type TwitterApiv2 } from 'twitter-api-v2';

/** Non-secret configuration of an X channel: the brand account and an optional keyword search. */
export const XConfig = Type.Object({
  userId: Type.String({ pattern: '^\\d{1,20}$', description: "The brand account's numeric user id" }),
  username: Type.String({ minLength: 1, maxLength: 15, description: 'Its @username, without the @' }),
  searchQuery: Type.Optional(Type.String({ minLength: 1, maxLength: 1024, description: 'Recent-search query (X query syntax)' })),
  /** Where the API lives; only tests (a loopback server) change it. */
  apiBaseUrl: Type.Optional(Type.String({ pattern: '^https?://' })),
  maxPagesPerPoll: Type.Optional(Type.Integer({ minimum: 1, maximum: 50 })),
  timeoutMs: Type.Optional(Type.Integer({ minimum: 100, maximum: 120_000 })),
});
export type XConfig = Static<typeof XConfig>;

/**
 * Secrets: `bearerToken` (app-only, used for reading when present), the OAuth 1.0a user context
 * (`appKey`, `appSecret`, `accessToken`, `accessSecret`: reads without a bearer token, and every
 * post), and `consumerSecret` for Account Activity webhooks (defaults to `appSecret`, which is
 * the same value in X's developer portal).
 */
export interface XSecrets {
  bearerToken?: string;
  appKey?: string;
  appSecret?: string;
  accessToken?: string;
  accessSecret?: string;
  consumerSecret?: string;
}

export const DEFAULT_API_BASE_URL = 'https://api.x.com';
export const DEFAULT_TIMEOUT_MS = 20_000;
export const DEFAULT_MAX_PAGES = 5;

export const parseXConfig = (config: unknown): { ok: true; config: XConfig } | { ok: false; detail: string } => {
  if (Value.Check(XConfig, config)) return { ok: true, config };
  const first = [...Value.Errors(XConfig, config)][0];
  return { ok: false, detail: first ? `${first.instancePath || '/'} ${first.message}` : 'invalid configuration' };
};

/**
 * The X API v2 calls this connector makes, through twitter-api-v2 (which signs OAuth 1.0a,
 * parses `x-rate-limit-*` into `rateLimit` and turns failures into typed errors). Every call
 * passes the library's per-request `prefix` option, which is how `apiBaseUrl` takes effect; the
 * library sends through `https.request`, which accepts a plain-HTTP base only with an
 * `http.Agent`, hence the agent when the base is `http:` (tests on loopback).
 */
export interface XApi {
  /** App-only when a bearer token is set, else user context; null without credentials. */
  read: TwitterApiv2 | null;
  /** User context (OAuth 1.0a): posting needs it. */
  write: TwitterApiv2 | null;
  /** Per-request options: the base URL's `/2/` prefix and the time budget. */
  options: { prefix: string; timeout: number };
}

export const createXApi = (config: XConfig, secrets: XSecrets): XApi => {
  const base = (config.apiBaseUrl ?? DEFAULT_API_BASE_URL).replace(/\/+$/, '');
  const settings = base.startsWith('http:') ? { httpAgent: new Agent() } : {};
  const { appKey, appSecret, accessToken, accessSecret, bearerToken } = secrets;
  const user = appKey && appSecret && accessToken && accessSecret ? new TwitterApi({ appKey, appSecret, accessToken, accessSecret }, settings).v2 : null;
  const app = bearerToken ? new TwitterApi(bearerToken, settings).v2 : null;
  return { read: app ?? user, write: user, options: { prefix: `${base}/2/`, timeout: config.timeoutMs ?? DEFAULT_TIMEOUT_MS } };
};
