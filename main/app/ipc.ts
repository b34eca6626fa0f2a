// Wires the bridge dispatcher to Electron IPC, answering only the app's own top-level frame.
import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import { IPC_CHANNELS, type BridgeResult } from '../../core/api/bridge';
import type { Dispatch } from '../services/bridge/dispatcher';
import type { EventHub } from '../services/bridge/eventHub';
import { isAppUrl } from './security';

/** A call from a subframe or from any page not served by the app is refused before dispatch. */
export function isTrustedSender(event: Pick<IpcMainInvokeEvent, 'senderFrame'>): boolean {
  const frame = event.senderFrame;
  return frame !== null && frame.parent === null && isAppUrl(frame.url);
}

export function registerBridgeIpc(ipcMain: Pick<IpcMain, 'handle'>, dispatch: Dispatch): void {
  ipcMain.handle(
    IPC_CHANNELS.invoke,
    async (event, method: unknown, args: unknown): Promise<BridgeResult<unknown>> => {
      if (!isTrustedSender(event)) {
        return {
          ok: false,
          error: { code: 'unknown_method', message: 'Calls are only accepted from the Firstline window.' },
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
