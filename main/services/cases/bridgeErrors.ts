// Turns the local store's errors into bridge errors the nurse's screen can explain.
import { BridgeFailure } from '../bridge/dispatcher';
import { StoreError } from '../store';

/**
 * Runs store work and answers a StoreError with the matching bridge error. Store messages name ids
 * and fields, never patient text, so they may travel to the renderer as they are.
 */
export function withStoreErrors<T>(work: () => T): T {
  try {
    return work();
  } catch (error) {
    throw toBridgeFailure(error);
  }
}

export function toBridgeFailure(error: unknown): unknown {
  if (!(error instanceof StoreError)) return error;
  switch (error.code) {
    case 'invalid-input':
      return new BridgeFailure('validation_failed', error.message);
    case 'not-found':
      return new BridgeFailure('not_found', error.message);
    case 'note-signed':
      return new BridgeFailure('note_signed', error.message);
    case 'conflict':
      return new BridgeFailure('conflict', error.message);
    case 'call-has-case':
      return new BridgeFailure('call_has_case', error.message);
    case 'integrity':
    case 'wrong-key':
    case 'newer-schema':
    case 'migration-failed':
    case 'key-file':
      return new BridgeFailure('store_unavailable', error.message, { storeError: error.code });
  }
}
