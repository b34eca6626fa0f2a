// The backend's one error shape ({ error: { code, message, ... } }) and the handlers that produce it for every failure.
import type { FastifyError, FastifyInstance } from 'fastify';
import type { ApiError, ApiErrorCode, ApiErrorIssue } from '../../../core/backend-api/auth';
import { DistributionRefusal } from '../acd/distribution/refusals';
import { REFUSAL_RESPONSES } from './refusals';

type ApiErrorExtras = Omit<ApiError['error'], 'code' | 'message'>;

/** An error that reaches the client as it is: status, code, a message saying what to do, and extra fields. */
export class ApiHttpError extends Error {
  override name = 'ApiHttpError';
  constructor(
    readonly statusCode: number,
    readonly code: ApiErrorCode,
    message: string,
    readonly extras: ApiErrorExtras = {},
  ) {
    super(message);
  }

  toBody(): ApiError {
    return { error: { code: this.code, message: this.message, ...this.extras } };
  }
}

export function badRequest(message: string, issues: ApiErrorIssue[] = []): ApiHttpError {
  return new ApiHttpError(400, 'bad_request', message, issues.length > 0 ? { issues } : {});
}

/** A call-distribution refusal as the API answers it: status and code from REFUSAL_RESPONSES, its own message and fields. */
export function fromRefusal(refusal: DistributionRefusal): ApiHttpError {
  const { status, code } = REFUSAL_RESPONSES[refusal.code];
  return new ApiHttpError(
    status,
    code,
    refusal.message,
    refusal.fields.length > 0 ? { issues: [...refusal.fields] } : {},
  );
}

/** PostgreSQL / network failures that mean "the database is not there", as opposed to a bug in a query. */
export function isDatabaseUnreachable(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { code, message } = error as { code?: unknown; message?: unknown };
  if (typeof code === 'string') {
    // 57P0x: admin/crash shutdown, cannot connect now; 08xxx: connection exceptions.
    if (['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'ENOTFOUND', 'EHOSTUNREACH'].includes(code)) return true;
    if (code.startsWith('57P0') || code.startsWith('08')) return true;
  }
  return (
    typeof message === 'string' &&
    /Connection terminated|timeout exceeded when trying to connect/i.test(message)
  );
}

/** Turns Fastify's own request errors into the API's shape; their messages never echo the request body. */
function fromFastifyError(
  error: FastifyError,
  bodyLimit: number,
  contentType: string | undefined,
): ApiHttpError | null {
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new ApiHttpError(
        413,
        'body_too_large',
        `The request body is too large (at most ${bodyLimit} bytes here).`,
      );
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new ApiHttpError(
        415,
        'unsupported_media_type',
        contentType === undefined
          ? 'The request has a body but no Content-Type; send it as JSON (Content-Type: application/json).'
          : 'This route takes a JSON body only; send it with Content-Type: application/json.',
      );
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return badRequest('The request body is empty; send a JSON object.');
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return badRequest('The request body is not valid JSON.');
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return badRequest('The Content-Length header does not match the body sent.');
    default:
      // Fastify's own messages may quote the request, so only its fixed error code is passed on.
      if (typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 500) {
        const known = typeof error.code === 'string' && /^FST_ERR_[A-Z_]+$/.test(error.code);
        return badRequest(`The request could not be read${known ? ` (${error.code})` : ''}.`);
      }
      return null;
  }
}

export function installErrorHandlers(app: FastifyInstance, options: { bodyLimit: number }): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const routeBodyLimit = request.routeOptions.bodyLimit ?? options.bodyLimit;
    let apiError =
      error instanceof ApiHttpError
        ? error
        : error instanceof DistributionRefusal
          ? fromRefusal(error)
          : fromFastifyError(error, routeBodyLimit, request.headers['content-type']);
    if (apiError === null && isDatabaseUnreachable(error)) {
      request.log.error({ err: error }, 'database unreachable');
      apiError = new ApiHttpError(
        503,
        'database_unavailable',
        'The regional database cannot be reached; try again shortly.',
      );
    }
    if (apiError === null) {
      request.log.error({ err: error }, 'unexpected error');
      apiError = new ApiHttpError(
        500,
        'internal_error',
        `Something went wrong on the server (request ${request.id}).`,
      );
    } else if (apiError.statusCode < 500) {
      // Lock-outs and rate limits are what an attack looks like from here: worth a warning.
      const suspicious = apiError.code === 'account_locked' || apiError.code === 'rate_limited';
      request.log[suspicious ? 'warn' : 'info'](
        { code: apiError.code, status: apiError.statusCode },
        'request refused',
      );
    }
    if (apiError.extras.retryAfterSeconds !== undefined) {
      void reply.header('retry-after', String(apiError.extras.retryAfterSeconds));
    }
    return reply.status(apiError.statusCode).send(apiError.toBody());
  });
}
