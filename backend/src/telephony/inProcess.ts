// The telephony ingress inside the backend process (embedded demo, tests): the same checks as the HTTP routes, without HTTP.
import {
  TelephonyCallEnteredRequestSchema,
  TelephonyHangUpRequestSchema,
} from '../../../core/backend-api/calls';
import type { CallDistribution } from '../acd/distribution';
import { parseBody } from '../http/validation';
import type { TelephonyIngress } from './adapter';

export function inProcessTelephony(acd: CallDistribution): TelephonyIngress {
  return {
    callEntered: (call) => acd.callEntered(parseBody(TelephonyCallEnteredRequestSchema, call)),
    callerHungUp: (externalRef, request = {}) =>
      acd.callerHungUp(externalRef, parseBody(TelephonyHangUpRequestSchema, request)),
  };
}
