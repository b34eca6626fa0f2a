// Failures Fastify and Node's HTTP parser answer by themselves (bad URL, long id, 404/405, bad JSON, bad HTTP), in the API's shape.
//
// None of these answers echoes the request: paths, query strings and bodies may carry a patient's
// number or a password, and an answer that repeats them ends up in browser histories and proxy logs.
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type {
  FastifyError,
  FastifyInstance,
  FastifyReply,
  FastifyRequest,
  FastifyServerOptions,
} from 'fastify';
import type { ApiError } from '../../../core/backend-api/auth';
import { ApiHttpError, badRequest } from './errors';

/** Longest path parameter the router accepts; every id in our paths is a UUID or a short reference. */
export const MAX_PATH_PARAM_LENGTH = 100;

/** For Fastify's `frameworkErrors`: router failures that happen before any route is chosen. */
export function answerFrameworkError(
  error: FastifyError,
  request: FastifyRequest,
  reply: FastifyReply,
): void {
  let apiError: ApiHttpError;
  switch (error.code) {
    case 'FST_ERR_MAX_PARAM_LENGTH':
      apiError = new ApiHttpError(
        414,
        'uri_too_long',
        `A value in the address is too long (at most ${MAX_PATH_PARAM_LENGTH} characters between slashes); ids here are UUIDs.`,
      );
      break;
    case 'FST_ERR_BAD_URL':
      apiError = badRequest(
        'The address contains a malformed percent-encoding (a % not followed by two hex digits).',
      );
      break;
    default:
      request.log.error({ errorCode: error.code }, 'router failed');
      apiError = new ApiHttpError(
        500,
        'internal_error',
        `Something went wrong on the server (request ${request.id}).`,
      );
  }
  request.log.info({ code: apiError.code, status: apiError.statusCode }, 'request refused');
  void reply.status(apiError.statusCode).send(apiError.toBody());
}

/**
 * For Fastify's `clientErrorHandler`: requests Node's HTTP parser refuses before Fastify sees them
 * (headers or request line too large, malformed HTTP, too slow). Written straight to the socket.
 */
export function answerClientError(error: Error & { code?: string }, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, code, message] =
    error.code === 'HPE_HEADER_OVERFLOW'
      ? ([
          431,
          'headers_too_large',
          'The address or the headers are too large for this server; shorten them.',
        ] as const)
      : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? ([408, 'request_timeout', 'The request took too long to arrive; send it again.'] as const)
        : ([400, 'bad_request', 'The request is not valid HTTP/1.1.'] as const);
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  const body = JSON.stringify({ error: { code, message } } satisfies ApiError);
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\n` +
      'Content-Type: application/json; charset=utf-8\r\n' +
      `Content-Length: ${Buffer.byteLength(body)}\r\n` +
      'Connection: close\r\n\r\n' +
      body,
  );
}

/** Server options that route Fastify's own refusals through the handlers above. */
export const FRAMEWORK_ERROR_OPTIONS = {
  routerOptions: { maxParamLength: MAX_PATH_PARAM_LENGTH },
  frameworkErrors: answerFrameworkError,
  clientErrorHandler: answerClientError,
} satisfies Partial<FastifyServerOptions>;

// ---------------------------------------------------------------------------------------------
// JSON bodies

const POISONED_BODY =
  'The request body has a key named "__proto__", or a "constructor" key with "prototype" inside; such keys are not accepted. Rename or remove them.';

/** JSON.parse that refuses keys able to alter objects' prototypes, as Fastify's own parser does. */
export function parseJsonBody(text: string): unknown {
  if (text.length === 0) throw badRequest('The request body is empty; send a JSON object.');
  // The careful pass only when such a key could be there at all (written plainly or with \u escapes).
  const suspicious = text.includes('__proto__') || text.includes('constructor') || text.includes('\\u');
  let poisoned = false;
  let value: unknown;
  try {
    value = suspicious
      ? JSON.parse(text, function (key, inner: unknown) {
          if (key === '__proto__') poisoned = true;
          if (
            key === 'constructor' &&
            typeof inner === 'object' &&
            inner !== null &&
            Object.hasOwn(inner, 'prototype')
          )
            poisoned = true;
          return inner;
        })
      : JSON.parse(text);
  } catch {
    throw badRequest('The request body is not valid JSON.');
  }
  if (poisoned) throw badRequest(POISONED_BODY);
  return value;
}

/** Our JSON parser for application/json; text/plain is not accepted, so a foreign body is a 415. */
function installJsonParser(app: FastifyInstance): void {
  app.removeContentTypeParser(['application/json', 'text/plain']);
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => {
    try {
      done(null, parseJsonBody(body as string));
    } catch (error) {
      done(error as Error, undefined);
    }
  });
}

// ---------------------------------------------------------------------------------------------
// 404 and 405

interface KnownRoute {
  pattern: RegExp;
  methods: Set<string>;
}

function routePattern(url: string): RegExp {
  const source = url
    .split('/')
    .map((segment) =>
      segment.startsWith(':')
        ? '[^/]+'
        : segment === '*'
          ? '.*'
          : segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'),
    )
    .join('/');
  return new RegExp(`^${source}$`);
}

/**
 * Keeps a list of every route as it is registered, so a request for a known path with another method
 * is answered 405 with Allow (Fastify itself says 404), and an unknown path 404 without echoing it.
 */
function installNotFoundHandler(app: FastifyInstance): void {
  const routes = new Map<string, KnownRoute>();
  app.addHook('onRoute', (route) => {
    const known = routes.get(route.url) ?? { pattern: routePattern(route.url), methods: new Set<string>() };
    for (const method of [route.method].flat()) known.methods.add(method);
    routes.set(route.url, known);
  });

  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0] ?? '/';
    const allowed = new Set<string>();
    for (const route of routes.values()) {
      if (route.pattern.test(path)) for (const method of route.methods) allowed.add(method);
    }
    if (allowed.size > 0) {
      const allow = [...allowed].sort().join(', ');
      const body: ApiError = {
        error: {
          code: 'method_not_allowed',
          message: `This address does not answer ${request.method}; it answers ${allow}.`,
        },
      };
      return reply.status(405).header('allow', allow).send(body);
    }
    // Neither the path nor the query is repeated: either may carry a patient's number.
    const body: ApiError = {
      error: {
        code: 'not_found',
        message: `There is no ${request.method} route at this address; check the path.`,
      },
    };
    return reply.status(404).send(body);
  });
}

/** Call before any route is registered: the 404/405 handler learns the routes as they are added. */
export function installFrameworkErrorHandlers(app: FastifyInstance): void {
  installJsonParser(app);
  installNotFoundHandler(app);
}
