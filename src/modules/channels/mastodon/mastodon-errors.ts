import { MastoHttpError, MastoTimeoutError } from 'masto';
import { SendError } from '../connector.ts';

/**
 * What a Mastodon API failure means: 401/403 are a revoked or under-scoped token; 422 is a post
 * the instance refuses (too long, replying to a deleted status); 429 carries `X-RateLimit-Reset`
 * (an ISO date); timeouts, 5xx and network errors are worth retrying.
 */
export interface MastodonProblem {
  problem: 'auth' | 'rate_limited' | 'rejected' | 'unreachable';
  detail: string;
  httpStatus?: number;
  retryAfterMs?: number;
  tooLong?: boolean;
}

export const describeMastodonError = (err: unknown, now: Date): MastodonProblem => {
  if (err instanceof MastoHttpError) {
    const detail = `HTTP ${err.statusCode}: ${err.message}${err.description ? ` (${err.description})` : ''}`;
    const status = err.statusCode;
    if (status === 401 || status === 403) return { problem: 'auth', detail, httpStatus: status };
    if (status === 429) {
      const reset = err.cause instanceof Response ? Date.parse(err.cause.headers.get('x-ratelimit-reset') ?? '') : Number.NaN;
      const retryAfterMs = Number.isFinite(reset) ? Math.max(0, reset - now.getTime()) : 5 * 60 * 1000;
      return { problem: 'rate_limited', detail, httpStatus: status, retryAfterMs };
    }
    if (status >= 500) return { problem: 'unreachable', detail, httpStatus: status };
    const tooLong = Object.values(err.details ?? {}).some((list) => list.some((d) => d.error === 'ERR_TOO_LONG')) || /character limit/i.test(err.message);
    return { problem: 'rejected', detail, httpStatus: status, tooLong };
  }
  if (err instanceof MastoTimeoutError) return { problem: 'unreachable', detail: err.message };
  const cause = err instanceof Error && err.cause instanceof Error ? `: ${err.cause.message}` : '';
  return { problem: 'unreachable', detail: `${err instanceof Error ? err.message : String(err)}${cause}` };
};

/** Every part of a reply carries its own Idempotency-Key, so even a half-sent thread is safe to retry. */
export const toSendError = (err: unknown, now: Date): SendError => {
  const p = describeMastodonError(err, now);
  const reason = p.problem === 'unreachable' ? 'network' : p.tooLong ? 'too_long' : p.problem;
  return new SendError(`Posting to Mastodon failed: ${p.detail}`, reason, p.problem === 'rate_limited' || p.problem === 'unreachable', p.retryAfterMs);
};
