// Fastify's and Node's own refusals (long id, bad URL, 404/405, bad JSON, content types, bad HTTP) answer in the API's error shape, echoing nothing.
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiErrorSchema, BACKEND_ROUTES, type ApiError } from '../../../core/backend-api/auth';
import { CALL_ROUTES } from '../../../core/backend-api/calls';
import { startTestBackend, type TestBackend } from '../support/testBackend';

/** Stands for anything a client might send that must never come back: a patient's number, a password. */
const MARKER = '19610417X2386';

let backend: TestBackend;
let port: number;

beforeAll(async () => {
  backend = await startTestBackend('pglite', { logLevel: 'silent' });
  const address = await backend.app.listen({ host: '127.0.0.1', port: 0 });
  port = Number(new URL(address).port);
});
afterAll(() => backend?.close());

function errorOf(response: { json(): unknown }): ApiError['error'] {
  return ApiErrorSchema.parse(response.json()).error;
}

function post(
  url: string,
  payload: string,
  headers: Record<string, string> = { 'content-type': 'application/json' },
) {
  return backend.app.inject({ method: 'POST', url, payload, headers });
}

/** Sends raw bytes to the listening server and returns status, headers and body of the answer. */
function raw(request: string): Promise<{ status: number; head: string; body: string }> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1', () => socket.write(request));
    let text = '';
    socket.on('data', (chunk: Buffer) => (text += chunk.toString()));
    socket.on('error', reject);
    socket.on('close', () => {
      const [head = '', body = ''] = text.split('\r\n\r\n');
      resolve({ status: Number(head.split(' ')[1]), head, body });
    });
  });
}

describe('router refusals', () => {
  it('answers an overlong id in the path with 414 uri_too_long, without repeating the path', async () => {
    const response = await backend.app.inject({
      method: 'GET',
      url: CALL_ROUTES.call.replace(':id', MARKER.repeat(10)),
    });
    expect(response.statusCode).toBe(414);
    expect(errorOf(response)).toEqual({
      code: 'uri_too_long',
      message: expect.stringMatching(/too long \(at most 100 characters/),
    });
    expect(response.body).not.toContain(MARKER);
  });

  it('answers a malformed percent-encoding with 400 in our shape', async () => {
    const response = await backend.app.inject({ method: 'GET', url: `/api/v1/calls/${MARKER}%zz` });
    expect(response.statusCode).toBe(400);
    expect(errorOf(response)).toEqual({
      code: 'bad_request',
      message: expect.stringMatching(/percent-encoding/),
    });
    expect(response.body).not.toContain(MARKER);
  });

  it('answers an unknown path with 404 and repeats neither path nor query', async () => {
    const response = await backend.app.inject({
      method: 'GET',
      url: `/api/v1/patients/${MARKER}?pnr=${MARKER}`,
    });
    expect(response.statusCode).toBe(404);
    expect(errorOf(response).code).toBe('not_found');
    expect(response.body).not.toContain(MARKER);
  });

  it('answers a known path with the wrong method with 405 and the methods it does answer', async () => {
    const response = await backend.app.inject({ method: 'DELETE', url: BACKEND_ROUTES.me });
    expect(response.statusCode).toBe(405);
    expect(response.headers.allow).toBe('GET, HEAD');
    expect(errorOf(response)).toEqual({
      code: 'method_not_allowed',
      message: 'This address does not answer DELETE; it answers GET, HEAD.',
    });

    const withId = await backend.app.inject({
      method: 'GET',
      url: CALL_ROUTES.acceptCall.replace(':id', MARKER),
    });
    expect(withId.statusCode).toBe(405);
    expect(withId.headers.allow).toBe('POST');
    expect(withId.body).not.toContain(MARKER);
  });
});

describe('body refusals', () => {
  const signIn = (extra: string) => `{"hsaId":"SE2321000016-X","password":"${MARKER}",${extra}}`;

  it('says that keys named __proto__ or constructor are not accepted, however they are spelled', async () => {
    for (const extra of [
      '"__proto__":{"admin":true}',
      '"\\u005f_proto__":{"admin":true}',
      '"constructor":{"prototype":{"admin":true}}',
    ]) {
      const response = await post(BACKEND_ROUTES.signIn, signIn(extra));
      expect(response.statusCode, extra).toBe(400);
      const error = errorOf(response);
      expect(error.code).toBe('bad_request');
      expect(error.message, extra).toMatch(/"__proto__".*"constructor".*not accepted/);
      expect(error.message).not.toMatch(/not valid JSON/);
      expect(response.body).not.toContain(MARKER);
    }
  });

  it('still reads an ordinary body that merely mentions those words or uses escapes', async () => {
    const response = await post(
      BACKEND_ROUTES.signIn,
      '{"hsaId":"SE2321000016-NOBODY","password":"constructor \\u00e4 __proto__"}',
    );
    expect(response.statusCode).toBe(401);
  });

  it('tells malformed JSON from a poisoned key, without repeating the body', async () => {
    const response = await post(BACKEND_ROUTES.signIn, `{"password":"${MARKER}"`);
    expect(errorOf(response)).toEqual({
      code: 'bad_request',
      message: 'The request body is not valid JSON.',
    });
    expect(response.body).not.toContain(MARKER);
  });

  it('answers a body without Content-Type, with a malformed one and with text/plain with 415', async () => {
    const missing = await post(BACKEND_ROUTES.signIn, signIn('"a":1'), {});
    expect(missing.statusCode).toBe(415);
    expect(errorOf(missing)).toEqual({
      code: 'unsupported_media_type',
      message: expect.stringMatching(/no Content-Type/),
    });
    for (const contentType of [';;;', 'text/plain', 'application/x-www-form-urlencoded']) {
      const response = await post(BACKEND_ROUTES.signIn, signIn('"a":1'), { 'content-type': contentType });
      expect(response.statusCode, contentType).toBe(415);
      expect(errorOf(response).message, contentType).toMatch(/JSON body only/);
      expect(response.body).not.toContain(MARKER);
    }
  });
});

describe("Node's HTTP parser refusals (a real socket: inject cannot reach the parser)", () => {
  it('answers an address too large for the parser with 431 in our shape', async () => {
    const answer = await raw(`GET /api/v1/${MARKER.repeat(2000)} HTTP/1.1\r\nHost: x\r\n\r\n`);
    expect(answer.status).toBe(431);
    expect(answer.head).toMatch(/content-type: application\/json/i);
    expect(ApiErrorSchema.parse(JSON.parse(answer.body)).error.code).toBe('headers_too_large');
    expect(answer.body).not.toContain(MARKER);
  });

  it('answers bytes that are not HTTP with 400 in our shape', async () => {
    const answer = await raw(`${MARKER} \u0001\r\n\r\n`);
    expect(answer.status).toBe(400);
    expect(ApiErrorSchema.parse(JSON.parse(answer.body)).error).toEqual({
      code: 'bad_request',
      message: 'The request is not valid HTTP/1.1.',
    });
  });

  it('still serves after all of that', async () => {
    const response = await fetch(`http://127.0.0.1:${port}${BACKEND_ROUTES.health}`);
    expect(response.status).toBe(200);
  });
});
