import { reportReachable, reportUnreachable } from '../live/connection.ts';

/**
 * The one way the console talks to the Lookout API: same-origin fetch with the session cookie,
 * the CSRF token on every state-changing request, and problem+json errors turned into ApiError
 * with field errors keyed by form field name ('/body/email' → 'email').
 */

export interface FieldProblem {
  path: string;
  message: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** Field name → message, for the form that sent the request. */
    readonly fields: Record<string, string> = {},
    readonly requestId?: string,
    /** Every problem with its full path ('/body/definition/when/all/0/value'), for nested forms. */
    readonly problems: FieldProblem[] = [],
  ) {
    super(message);
    this.name = 'ApiError';
  }

  get isUnauthenticated(): boolean {
    return this.code === 'UNAUTHENTICATED' || this.code === 'SESSION_EXPIRED';
  }
}

/** Raised when the server could not be reached at all (offline, server down). */
export class NetworkError extends Error {
  constructor() {
    super('Lookout cannot be reached. Check your connection; we keep retrying.');
    this.name = 'NetworkError';
  }
}

let csrfToken: string | null = null;

/** Set from POST /api/session, POST /api/setup and GET /api/session; cleared on sign-out. */
export const setCsrfToken = (token: string | null): void => {
  csrfToken = token;
};

/** '/body/email' → 'email', '/body/skills/languages/0' → 'skills', '/email' → 'email'. */
export const fieldNameOf = (path: string): string => {
  const parts = path.split('/').filter(Boolean);
  if (parts[0] === 'body' || parts[0] === 'query' || parts[0] === 'params') parts.shift();
  return parts[0] ?? '';
};

const toApiError = async (res: Response): Promise<ApiError> => {
  const type = res.headers.get('content-type') ?? '';
  if (type.includes('json')) {
    try {
      const p = (await res.json()) as { code?: string; detail?: string; title?: string; requestId?: string; errors?: FieldProblem[] };
      const fields: Record<string, string> = {};
      for (const e of p.errors ?? []) {
        const name = fieldNameOf(e.path);
        if (name && !fields[name]) fields[name] = e.message;
      }
      return new ApiError(res.status, p.code ?? 'UNKNOWN', p.detail ?? p.title ?? `Request failed (${res.status})`, fields, p.requestId, p.errors ?? []);
    } catch {
      // fall through: a body that says JSON but is not
    }
  }
  return new ApiError(res.status, res.status >= 500 ? 'INTERNAL' : 'UNKNOWN', `Request failed (${res.status})`);
};

const SAFE = new Set(['GET', 'HEAD']);

export const request = async <T>(method: string, url: string, body?: unknown): Promise<T> => {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (!SAFE.has(method) && csrfToken) headers['x-csrf-token'] = csrfToken;
  let res: Response;
  try {
    res = await fetch(url, { method, headers, credentials: 'same-origin', body: body === undefined ? undefined : JSON.stringify(body) });
  } catch {
    reportUnreachable();
    throw new NetworkError();
  }
  reportReachable();
  if (!res.ok) throw await toApiError(res);
  if (res.status === 204) return undefined as T;
  return (await res.json()) as T;
};

export const api = {
  get: <T>(url: string) => request<T>('GET', url),
  post: <T>(url: string, body: unknown = {}) => request<T>('POST', url, body),
  patch: <T>(url: string, body: unknown) => request<T>('PATCH', url, body),
  delete: <T>(url: string) => request<T>('DELETE', url),
};

/** A sentence for a notification or a form's top-level alert. */
export const messageOf = (err: unknown): string => {
  if (err instanceof ApiError) return err.requestId && err.status >= 500 ? `${err.message} (request ${err.requestId})` : err.message;
  if (err instanceof Error) return err.message;
  return 'Something went wrong';
};
