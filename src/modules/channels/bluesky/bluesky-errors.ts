import { XRPCError } from '@atproto/api';

/**
 * How a failed call to Bluesky is understood. `auth`: the app password is wrong, revoked or the
 * account is suspended, a person must act. `rate_limited`: wait until `retryAfterMs` has passed.
 * `rejected`: the request itself is wrong (400), retrying the same one will not help.
 * `unreachable`: network error, timeout or a 5xx; a later retry may work.
 */
export type BlueskyProblem = 'auth' | 'rate_limited' | 'rejected' | 'unreachable';

/** A typed failure the channels runtime can back off on (poll) or show (health). */
export class BlueskyError extends Error {
  constructor(
    message: string,
    readonly problem: BlueskyProblem,
    readonly retryAfterMs?: number,
    readonly httpStatus?: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'BlueskyError';
  }
}

/** Error names the PDS uses for credentials that no longer work. */
const AUTH_ERRORS = new Set([
  'AuthenticationRequired',
  'ExpiredToken',
  'InvalidToken',
  'AccountTakedown',
  'AccountDeactivated',
  'AuthFactorTokenRequired',
]);

/** When the default wait applies: a 429 that names no reset time. */
export const DEFAULT_RETRY_AFTER_MS = 60_000;

type Headers = Record<string, string | undefined> | undefined;

/**
 * The wait a response asks for. Bluesky's `ratelimit-reset` is a Unix time in seconds (its PDS and
 * AppView both send it so); a small value is read as a delta in seconds, as the IETF draft has it.
 * `retry-after` is seconds or an HTTP date.
 */
export const retryAfterFromHeaders = (headers: Headers, now: Date): number | undefined => {
  const reset = Number(headers?.['ratelimit-reset']);
  if (Number.isFinite(reset) && reset > 0) {
    const ms = reset > 1e9 ? reset * 1000 - now.getTime() : reset * 1000;
    return Math.max(1000, ms);
  }
  const retryAfter = headers?.['retry-after'];
  if (retryAfter) {
    const seconds = Number(retryAfter);
    if (Number.isFinite(seconds)) return Math.max(1000, seconds * 1000);
    const at = Date.parse(retryAfter);
    if (Number.isFinite(at)) return Math.max(1000, at - now.getTime());
  }
  return undefined;
};

/** Duck-typed too: a second copy of @atproto/xrpc in node_modules would defeat instanceof. */
const isXrpcError = (err: unknown): err is XRPCError =>
  err instanceof XRPCError || (err instanceof Error && 'status' in err && 'error' in err && 'success' in err);

/** Turns anything a call threw into a BlueskyError; already-typed errors pass through. */
export const classifyError = (err: unknown, now: Date): BlueskyError => {
  if (err instanceof BlueskyError) return err;
  if (isXrpcError(err)) {
    const status = Number(err.status);
    const what = `${err.error ?? 'Error'}: ${err.message}`;
    if (status === 429 || err.error === 'RateLimitExceeded') {
      const wait = retryAfterFromHeaders(err.headers, now) ?? DEFAULT_RETRY_AFTER_MS;
      return new BlueskyError(what, 'rate_limited', wait, 429, { cause: err });
    }
    if (status === 401 || status === 403 || AUTH_ERRORS.has(err.error ?? '')) {
      return new BlueskyError(what, 'auth', undefined, status, { cause: err });
    }
    if (status >= 400 && status < 500) return new BlueskyError(what, 'rejected', undefined, status, { cause: err });
    // 5xx, and the xrpc client's "Unknown"/"InvalidResponse" codes for network failures.
    return new BlueskyError(what, 'unreachable', undefined, status >= 500 ? status : undefined, { cause: err });
  }
  const message = err instanceof Error ? err.message : String(err);
  return new BlueskyError(message, 'unreachable', undefined, undefined, { cause: err });
};

/**
 * Watches the rate-limit headers of every response of one poll. Once the budget left falls to a
 * few requests, the poll stops where it is (after committing what it has) instead of running into
 * a 429 and being locked out for longer.
 */
export class RateGuard {
  pausedUntil: Date | null = null;

  constructor(private readonly now: () => Date) {}

  observe(headers: Headers): void {
    const remaining = Number(headers?.['ratelimit-remaining']);
    if (!headers || !Number.isFinite(remaining)) return;
    const limit = Number(headers['ratelimit-limit']);
    const floor = Number.isFinite(limit) && limit > 0 ? Math.max(2, Math.ceil(limit * 0.02)) : 2;
    if (remaining > floor) return;
    const wait = retryAfterFromHeaders(headers, this.now()) ?? DEFAULT_RETRY_AFTER_MS;
    this.pauseFor(wait);
  }

  pauseFor(ms: number): void {
    const until = new Date(this.now().getTime() + ms);
    if (!this.pausedUntil || until > this.pausedUntil) this.pausedUntil = until;
  }

  get isPaused(): boolean {
    return this.pausedUntil !== null;
  }
}
