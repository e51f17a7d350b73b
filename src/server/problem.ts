import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, ERROR_STATUS, isAppError, type ErrorCode, type FieldProblem } from '../platform/errors/index.ts';

/**
 * Every error leaves as application/problem+json (RFC 9457) with a stable `code`. Unknown
 * errors are logged with their stack and answered as a bare 500 with the request id: nothing
 * internal reaches the client.
 */
export interface Problem {
  type: string;
  title: string;
  status: number;
  code: ErrorCode;
  detail?: string;
  requestId: string;
  errors?: FieldProblem[];
}

const TITLES: Record<ErrorCode, string> = {
  VALIDATION_FAILED: 'Validation failed',
  MALFORMED_JSON: 'Malformed JSON',
  BAD_REQUEST: 'Bad request',
  UNAUTHENTICATED: 'Not signed in',
  SESSION_EXPIRED: 'Session expired',
  BAD_SIGNATURE: 'Bad signature',
  FORBIDDEN: 'Forbidden',
  CSRF_FAILED: 'Missing or wrong CSRF token',
  NOT_FOUND: 'Not found',
  CONFLICT: 'Conflict',
  GONE: 'Gone',
  PAYLOAD_TOO_LARGE: 'Payload too large',
  UNSUPPORTED_MEDIA_TYPE: 'Unsupported media type',
  UNPROCESSABLE: 'Unprocessable',
  COMPLIANCE_BLOCKED: 'Blocked by the compliance guard',
  COMPLIANCE_WARNING: 'The compliance guard needs an acknowledgement',
  RATE_LIMITED: 'Too many requests',
  INTERNAL: 'Internal error',
  UNAVAILABLE: 'Unavailable',
};

export const problemOf = (code: ErrorCode, requestId: string, detail?: string, errors?: FieldProblem[]): Problem => ({
  type: `urn:lookout:problem:${code.toLowerCase().replaceAll('_', '-')}`,
  title: TITLES[code],
  status: ERROR_STATUS[code],
  code,
  ...(detail ? { detail } : {}),
  requestId,
  ...(errors?.length ? { errors } : {}),
});

interface ValidationIssue {
  instancePath?: string;
  message?: string;
  keyword?: string;
  params?: Record<string, unknown>;
}

/** Turns schema validation issues into field problems with a path a form can point at. */
const fieldsOf = (err: FastifyError & { validation?: ValidationIssue[]; validationContext?: string }): FieldProblem[] =>
  (err.validation ?? []).map((v) => {
    let path = `/${err.validationContext ?? 'body'}${v.instancePath ?? ''}`;
    const extra = v.params?.additionalProperties ?? v.params?.requiredProperties ?? v.params?.missingProperty;
    if (v.keyword === 'additionalProperties' && extra) path += `/${Array.isArray(extra) ? extra.join(',') : String(extra)}`;
    if (v.keyword === 'required' && extra) path += `/${Array.isArray(extra) ? extra.join(',') : String(extra)}`;
    const message = v.keyword === 'additionalProperties' ? 'unknown field' : (v.message ?? 'invalid');
    return { path, message };
  });

export const toProblem = (err: unknown, requestId: string): { problem: Problem; isUnexpected: boolean } => {
  if (isAppError(err)) return { problem: problemOf(err.code, requestId, err.message, err.fields), isUnexpected: false };
  const e = err as FastifyError & { validation?: ValidationIssue[] };
  if (e?.validation) return { problem: problemOf('VALIDATION_FAILED', requestId, 'The request does not match the schema', fieldsOf(e)), isUnexpected: false };
  switch (e?.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return { problem: problemOf('PAYLOAD_TOO_LARGE', requestId, 'The request body is too large'), isUnexpected: false };
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return { problem: problemOf('UNSUPPORTED_MEDIA_TYPE', requestId, 'Send application/json'), isUnexpected: false };
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return { problem: problemOf('MALFORMED_JSON', requestId, 'The body is not valid JSON'), isUnexpected: false };
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return { problem: problemOf('BAD_REQUEST', requestId, 'Content-Length does not match the body'), isUnexpected: false };
    default:
  }
  if (e instanceof SyntaxError || (e?.statusCode === 400 && /JSON/i.test(e?.message ?? ''))) {
    return { problem: problemOf('MALFORMED_JSON', requestId, 'The body is not valid JSON'), isUnexpected: false };
  }
  if (e?.statusCode === 429) return { problem: problemOf('RATE_LIMITED', requestId, 'Too many attempts; wait a minute'), isUnexpected: false };
  if (e?.statusCode && e.statusCode >= 400 && e.statusCode < 500) {
    return { problem: problemOf(e.statusCode === 404 ? 'NOT_FOUND' : 'BAD_REQUEST', requestId, 'The request could not be processed'), isUnexpected: false };
  }
  return { problem: problemOf('INTERNAL', requestId, 'Something went wrong on our side; quote the request id when reporting it'), isUnexpected: true };
};

export const sendProblem = (reply: FastifyReply, problem: Problem) =>
  reply.status(problem.status).type('application/problem+json').send(problem);

export const errorHandler = (err: unknown, req: FastifyRequest, reply: FastifyReply) => {
  const { problem, isUnexpected } = toProblem(err, req.id);
  if (isUnexpected) req.log.error({ err }, 'unexpected error');
  else req.log.info({ code: problem.code, status: problem.status }, 'request refused');
  return sendProblem(reply, problem);
};

export { AppError };
