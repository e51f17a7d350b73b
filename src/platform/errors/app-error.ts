/**
 * One error type for everything the application expects to go wrong.
 * Each code maps to one HTTP status in ERROR_STATUS; the server turns an AppError into
 * application/problem+json. Anything that is not an AppError is a 500 with only a request id.
 */
export const ERROR_STATUS = {
  VALIDATION_FAILED: 400,
  MALFORMED_JSON: 400,
  BAD_REQUEST: 400,
  UNAUTHENTICATED: 401,
  SESSION_EXPIRED: 401,
  BAD_SIGNATURE: 401,
  FORBIDDEN: 403,
  CSRF_FAILED: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  /** Existed once and is no longer usable (an expired survey link). */
  GONE: 410,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  UNPROCESSABLE: 422,
  /** The compliance guard blocks a reply (card number, forbidden promise …); the errors list the findings. */
  COMPLIANCE_BLOCKED: 422,
  /** The guard warns about a reply; send it again with acknowledgeWarnings: true. */
  COMPLIANCE_WARNING: 422,
  RATE_LIMITED: 429,
  INTERNAL: 500,
  UNAVAILABLE: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export interface FieldProblem {
  /** JSON pointer-ish path of the offending field, e.g. `/body/email`. */
  path: string;
  message: string;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly fields: FieldProblem[];

  constructor(code: ErrorCode, message: string, fields: FieldProblem[] = []) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.status = ERROR_STATUS[code];
    this.fields = fields;
  }
}

export const isAppError = (e: unknown): e is AppError => e instanceof AppError;

export const notFound = (what: string) => new AppError('NOT_FOUND', `${what} not found`);
export const forbidden = (why = 'Your role does not allow this') => new AppError('FORBIDDEN', why);
export const conflict = (why: string) => new AppError('CONFLICT', why);
export const badRequest = (why: string, fields: FieldProblem[] = []) =>
  new AppError(fields.length ? 'VALIDATION_FAILED' : 'BAD_REQUEST', why, fields);
