// The one table from the backend's error codes to the bridge's error codes the renderer explains to the nurse.
import type { BridgeErrorCode } from '../../../core/api/bridge';
import { BridgeFailure } from '../bridge/dispatcher';
import { BackendRequestError } from './httpClient';

/** Backend error codes (core/backend-api) and the bridge error code each becomes; anything else is backend_error. */
export const BACKEND_TO_BRIDGE_ERROR: Readonly<Record<string, BridgeErrorCode>> = {
  // Session
  invalid_credentials: 'invalid_credentials',
  account_locked: 'account_locked',
  rate_limited: 'rate_limited',
  token_expired: 'not_signed_in',
  token_invalid: 'not_signed_in',
  // Any route
  bad_request: 'invalid_arguments',
  forbidden: 'forbidden',
  not_found: 'not_found',
  // Calls and callbacks
  call_not_found: 'not_found',
  callback_not_found: 'not_found',
  call_taken: 'call_taken',
  offer_expired: 'offer_expired',
  call_state_conflict: 'call_state_conflict',
  presence_transition_forbidden: 'presence_forbidden',
  callback_state_conflict: 'callback_state_conflict',
  // Referral receipts
  sms_failed: 'sms_failed',
};

/** Said when the backend cannot be reached and the feature has nothing more specific to say. */
export const BACKEND_UNREACHABLE_MESSAGE = 'The regional backend could not be reached.';

/**
 * Turns a failed backend request into the bridge failure the renderer shows; other errors (e.g. the
 * session's own not_signed_in) pass through unchanged. The backend's message (English, never patient
 * data) travels along; `unreachableMessage` lets a feature say what no connection means for the nurse.
 */
export function backendFailureToBridge(
  error: unknown,
  unreachableMessage = BACKEND_UNREACHABLE_MESSAGE,
): unknown {
  if (!(error instanceof BackendRequestError)) return error;
  const { status, apiError } = error.details;
  switch (error.kind) {
    case 'unreachable':
      return new BridgeFailure('backend_unreachable', unreachableMessage, status ? { status } : undefined);
    case 'contract':
      return new BridgeFailure('backend_error', error.message, { status });
    case 'refused': {
      const mapped = apiError ? BACKEND_TO_BRIDGE_ERROR[apiError.code] : undefined;
      // A 403 without a code we know (e.g. from a proxy) is still a refusal of the nurse's rights.
      const code = mapped ?? (status === 403 ? 'forbidden' : 'backend_error');
      const details: Record<string, unknown> = { backendCode: apiError?.code ?? null, status };
      if (apiError?.issues) details.issues = apiError.issues;
      if (code === 'account_locked' && apiError?.lockedUntil) details.lockedUntil = apiError.lockedUntil;
      if (code === 'rate_limited') details.retryAfterSeconds = error.details.retryAfterSeconds ?? null;
      return new BridgeFailure(code, error.message, details);
    }
  }
}

/** Runs a backend request and rethrows its failure as a bridge failure. */
export async function asBridgeCall<T>(request: Promise<T>, unreachableMessage?: string): Promise<T> {
  try {
    return await request;
  } catch (error) {
    throw backendFailureToBridge(error, unreachableMessage);
  }
}
