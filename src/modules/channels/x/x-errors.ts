import { ApiPartialResponseError, ApiRequestError, ApiResponseError } from 'twitter-api-v2';
import { SendError } from '../connector.ts';

/**
 * What an X API failure means for Lookout. 401 is expired or revoked credentials (a person must
 * act); 403 too, except a refusal of this one post (duplicate content, reply not allowed), which
 * is `rejected`; 429 carries the window's reset from `x-rate-limit-reset`; 5xx and network
 * failures are worth retrying.
 */
export interface XProblem {
  problem: 'auth' | 'rate_limited' | 'rejected' | 'unreachable';
  detail: string;
  httpStatus?: number;
  retryAfterMs?: number;
}

export const describeXError = (err: unknown, now: Date): XProblem => {
  if (err instanceof ApiResponseError) {
    const detail = `HTTP ${err.code}: ${apiDetail(err)}`;
    if (err.code === 429) {
      const reset = err.rateLimit?.reset ?? Number(err.headers['x-rate-limit-reset']);
      const retryAfterMs = Number.isFinite(reset) && reset > 0 ? Math.max(0, reset * 1000 - now.getTime()) : 15 * 60 * 1000;
      return { problem: 'rate_limited', detail, httpStatus: 429, retryAfterMs };
    }
    if (err.code === 401) return { problem: 'auth', detail, httpStatus: 401 };
    if (err.code === 403) return { problem: isRefusalOfThisPost(err) ? 'rejected' : 'auth', detail, httpStatus: 403 };
    if (err.code >= 500) return { problem: 'unreachable', detail, httpStatus: err.code };
    return { problem: 'rejected', detail, httpStatus: err.code };
  }
  // The library leaves the inner error unset on some paths (a socket closed mid-response).
  const inner = (e: Error | undefined, outer: Error): string => (e?.message ? `${outer.message}: ${e.message}` : outer.message);
  if (err instanceof ApiRequestError) return { problem: 'unreachable', detail: inner(err.requestError as Error | undefined, err) };
  if (err instanceof ApiPartialResponseError) return { problem: 'unreachable', detail: inner(err.responseError as Error | undefined, err) };
  return { problem: 'unreachable', detail: err instanceof Error ? err.message : String(err) };
};

export const toSendError = (err: unknown, now: Date, postedIds: string[]): SendError => {
  const p = describeXError(err, now);
  // Part of a thread already went out; a blind retry would post it twice (X has no idempotency key).
  const partial = postedIds.length > 0 ? ` (already posted: ${postedIds.join(', ')})` : '';
  const retryable = postedIds.length === 0 && (p.problem === 'rate_limited' || p.problem === 'unreachable');
  const reason = p.problem === 'unreachable' ? 'network' : p.problem;
  return new SendError(`Posting to X failed: ${p.detail}${partial}`, reason, retryable, p.retryAfterMs);
};

const apiDetail = (err: ApiResponseError): string => {
  const d = err.data;
  const first = d.errors?.[0];
  const fromErrors = first ? ('message' in first ? first.message : first.detail) : undefined;
  return d.detail ?? fromErrors ?? d.title ?? d.error ?? err.message;
};

const isRefusalOfThisPost = (err: ApiResponseError): boolean =>
  /duplicate|not allowed to reply|reply to this|not permitted to reply|conversation/i.test(apiDetail(err));
