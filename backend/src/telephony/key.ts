// The telephony platform's API key: a preHandler for the telephony routes, compared in constant time.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { preHandlerAsyncHookHandler } from 'fastify';
import { TELEPHONY_KEY_HEADER } from '../../../core/backend-api/calls';
import { ApiHttpError } from '../http/errors';

/** Shortest key accepted: the key is all that stands between the internet and the queue. */
export const MIN_TELEPHONY_KEY_LENGTH = 24;

/** Checks a configured key at start-up, so a weak one fails loudly there and not at the first call. */
export function checkTelephonyKey(key: string | undefined): string | null {
  if (key === undefined || key === '') return null;
  if (key.length < MIN_TELEPHONY_KEY_LENGTH) {
    throw new Error(
      `FIRSTLINE_TELEPHONY_KEY is too short (${key.length} characters); use at least ${MIN_TELEPHONY_KEY_LENGTH} random characters.`,
    );
  }
  return key;
}

const digest = (value: string): Buffer => createHash('sha256').update(value).digest();

/** preHandler: the request carries the backend's telephony key in TELEPHONY_KEY_HEADER. */
export function requireTelephonyKey(): preHandlerAsyncHookHandler {
  return async (request) => {
    const configured = request.server.backend.telephonyKey;
    if (configured === null) {
      throw new ApiHttpError(
        503,
        'telephony_not_configured',
        'This backend has no telephony API key: set FIRSTLINE_TELEPHONY_KEY to connect a phone platform.',
      );
    }
    const sent = request.headers[TELEPHONY_KEY_HEADER];
    if (typeof sent !== 'string' || sent === '') {
      throw new ApiHttpError(
        401,
        'telephony_key_invalid',
        `Send the telephony API key in the ${TELEPHONY_KEY_HEADER} header.`,
      );
    }
    // Hashing first gives equal lengths, so the comparison time says nothing about the key.
    if (!timingSafeEqual(digest(sent), digest(configured))) {
      throw new ApiHttpError(401, 'telephony_key_invalid', 'The telephony API key is not valid.');
    }
  };
}
