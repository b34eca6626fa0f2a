// The one table from call-distribution refusals to HTTP: each refusal's status and API error code (the message is the refusal's own).
import type { ApiErrorCode } from '../../../core/backend-api/auth';
import type { RefusalCode } from '../acd/distribution/refusals';

export const REFUSAL_RESPONSES: Readonly<Record<RefusalCode, { status: number; code: ApiErrorCode }>> = {
  'invalid-request': { status: 400, code: 'bad_request' },
  'no-such-call': { status: 404, code: 'call_not_found' },
  'no-such-callback': { status: 404, code: 'callback_not_found' },
  'no-such-case': { status: 404, code: 'not_found' },
  'no-such-region': { status: 404, code: 'not_found' },
  'call-already-known': { status: 409, code: 'duplicate_call' },
  'call-taken': { status: 409, code: 'call_taken' },
  'call-state': { status: 409, code: 'call_state_conflict' },
  'offer-rang-out': { status: 409, code: 'offer_expired' },
  'presence-not-allowed': { status: 409, code: 'presence_transition_forbidden' },
  'callback-state': { status: 409, code: 'callback_state_conflict' },
};
