// Bridge handlers for call handling: each one calls the backend's call-distribution routes for the signed-in nurse.
//
// Nothing here is stored on the workstation: the backend is the system of record for queues, presence
// and callbacks. A nurse who is offline gets `backend_unreachable` at once (the case work beside it is
// local and carries on).
import type { callsMethods } from '../../../core/api/calls';
import type { BridgeHandlers } from '../bridge/dispatcher';
import type { CallsBackend } from './callsBackend';

export type CallHandlers = Pick<BridgeHandlers, keyof typeof callsMethods>;

export function createCallHandlers(deps: { backend: CallsBackend }): CallHandlers {
  const { backend } = deps;
  return {
    'calls.queue': () => backend.queue(),
    'queue.overview': ({ regionId }) => backend.queueOverview(regionId),
    'calls.get': ({ callId }) => backend.call(callId),
    'calls.accept': ({ callId }) => backend.accept(callId),
    'calls.decline': ({ callId }) => backend.decline(callId),
    'calls.end': ({ callId }) => backend.end(callId),
    'presence.get': () => backend.presence(),
    'presence.set': (change) => backend.updatePresence(change),
    'presence.endAfterCallWork': () => backend.endAfterCallWork(),
    'callbacks.list': ({ states, limit }) => backend.callbacks({ states, limit }),
    'callbacks.book': (booking) => backend.bookCallback(booking),
    'callbacks.recordAttempt': ({ callbackId, outcome, note }) =>
      backend.recordCallbackAttempt(callbackId, note === undefined ? { outcome } : { outcome, note }),
    'callbacks.cancel': ({ callbackId, reason }) => backend.cancelCallback(callbackId, reason),
  };
}
