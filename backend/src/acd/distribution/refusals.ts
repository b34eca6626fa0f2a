// Why call distribution turns a request down, in its own words; the HTTP layer (http/refusals.ts) gives each its status and code.

/** Every kind of refusal; each says in its message what went wrong and what to do instead. */
export const REFUSAL_CODES = [
  /** The request names something that cannot be (an unknown region, a bad personnummer, a window in the past). */
  'invalid-request',
  /** No such call where this nurse may see it. */
  'no-such-call',
  /** No such callback in her region. */
  'no-such-callback',
  /** The case named belongs to another region. */
  'no-such-case',
  /** No such region. */
  'no-such-region',
  /** The phone platform sent a call it has sent before. */
  'call-already-known',
  /** Another nurse has the call, or it rings at another nurse. */
  'call-taken',
  /** The call is not in a state that allows this (over, abandoned, not ringing at her, ...). */
  'call-state',
  /** The offer rang out before she answered. */
  'offer-rang-out',
  /** Her presence does not allow this change or this call. */
  'presence-not-allowed',
  /** The callback is not in a state that allows this. */
  'callback-state',
] as const;
export type RefusalCode = (typeof REFUSAL_CODES)[number];

/** A field of the request that was refused, and why. */
export interface RefusedField {
  path: string;
  message: string;
}

/** Thrown by the call-distribution services instead of an HTTP error; nothing has been written when it is thrown. */
export class DistributionRefusal extends Error {
  override name = 'DistributionRefusal';
  constructor(
    readonly code: RefusalCode,
    message: string,
    readonly fields: readonly RefusedField[] = [],
  ) {
    super(message);
  }
}

export function refusal(
  code: RefusalCode,
  message: string,
  fields: readonly RefusedField[] = [],
): DistributionRefusal {
  return new DistributionRefusal(code, message, fields);
}

/** The one answer for a call the nurse may not see, so a call in another region is not told apart from none. */
export function noSuchCall(): DistributionRefusal {
  return refusal('no-such-call', 'There is no such call in your region or in a queue you serve.');
}

export function noSuchCallback(): DistributionRefusal {
  return refusal('no-such-callback', 'There is no such callback in your region.');
}
