// The renderer's one way out: window.firstline from the Electron preload, or the browser-host socket.
import {
  createFirstlineApi,
  type BridgeArgs,
  type BridgeError,
  type BridgeMethod,
  type BridgeValue,
  type FirstlineApi,
} from '../../../core/api/bridge';
import { createBrowserHostTransport, takeHostSecret } from './browserHostTransport';

declare global {
  interface Window {
    firstline?: FirstlineApi;
  }
}

/** A failed bridge call, carrying the contract's error code for the UI to translate. */
export class BridgeCallError extends Error {
  constructor(readonly error: BridgeError) {
    super(error.message);
    this.name = 'BridgeCallError';
  }
}

let api: FirstlineApi | null = null;

export function getFirstline(): FirstlineApi {
  if (api) return api;
  if (window.firstline) {
    api = window.firstline;
  } else {
    const secret = takeHostSecret(window.location, window.sessionStorage);
    if (!secret) throw new BridgeCallError({ code: 'internal', message: 'missing-host-secret' });
    api = createFirstlineApi(createBrowserHostTransport(window.location.origin, secret));
  }
  return api;
}

/** Calls a bridge method and unwraps its result, throwing BridgeCallError on failure. */
export async function callBridge<M extends BridgeMethod>(
  method: M,
  args: BridgeArgs<M>,
): Promise<BridgeValue<M>> {
  const result = await getFirstline().invoke(method, args);
  if (!result.ok) throw new BridgeCallError(result.error);
  return result.value;
}
