// Wires the bridge dispatcher to Electron IPC, answering only the app's own top-level frame.
import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import { IPC_CHANNELS, isBridgeMethod, type BridgeResult } from '../../core/api/bridge';
import type { Dispatch } from '../services/bridge/dispatcher';
import type { EventHub } from '../services/bridge/eventHub';
import { isAppUrl } from './security';

/** A call from a subframe or from any page not served by the app is refused before dispatch. */
export function isTrustedSender(event: Pick<IpcMainInvokeEvent, 'senderFrame'>): boolean {
  const frame = event.senderFrame;
  return frame !== null && frame.parent === null && isAppUrl(frame.url);
}

/**
 * One log line for a refused call: where it came from (origin only, so no path or query) and which method
 * it asked for. The arguments are never logged: they may hold patient data.
 */
export function describeRefusedCall(frame: { url: string; parent: unknown } | null, method: unknown): string {
  const where =
    frame === null ? 'no frame' : `${originOf(frame.url)}${frame.parent === null ? '' : ' (subframe)'}`;
  // A name outside the contract is the sender's own text, so it is not repeated.
  const what = isBridgeMethod(method) ? method : 'a method outside the contract';
  return `[main] refused a bridge call from an untrusted sender: ${where} asked for ${what}`;
}

function originOf(url: string): string {
  try {
    const parsed = new URL(url);
    // Node gives custom schemes (app:) an opaque "null" origin, so it is built from scheme and host;
    // pages without a host (data:, about:blank) are named by their scheme.
    return parsed.host ? `${parsed.protocol}//${parsed.host}` : `${parsed.protocol} page`;
  } catch {
    return 'an invalid URL';
  }
}

export interface BridgeIpcOptions {
  /** Where the one line about a refused call goes; console.warn by default. */
  logRefusal?: (line: string) => void;
}

export function registerBridgeIpc(
  ipcMain: Pick<IpcMain, 'handle'>,
  dispatch: Dispatch,
  options: BridgeIpcOptions = {},
): void {
  const logRefusal = options.logRefusal ?? ((line: string) => console.warn(line));
  ipcMain.handle(
    IPC_CHANNELS.invoke,
    async (event, method: unknown, args: unknown): Promise<BridgeResult<unknown>> => {
      if (!isTrustedSender(event)) {
        logRefusal(describeRefusedCall(event.senderFrame, method));
        return {
          ok: false,
          error: { code: 'untrusted_sender', message: 'Calls are only accepted from the Firstline window.' },
        };
      }
      return dispatch(method, args);
    },
  );
}

/** Forwards pushed events to a window for as long as it lives. */
export function forwardEvents(
  events: EventHub,
  contents: Pick<WebContents, 'send' | 'isDestroyed'>,
): () => void {
  return events.subscribe((event, payload) => {
    if (!contents.isDestroyed()) contents.send(IPC_CHANNELS.event, event, payload);
  });
}
