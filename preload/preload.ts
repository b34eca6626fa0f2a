// Electron preload: exposes the bridge contract as window.firstline, and nothing else.
import { contextBridge, ipcRenderer } from 'electron';
import {
  IPC_CHANNELS,
  createFirstlineApi,
  type BridgeResult,
  type BridgeTransport,
} from '../core/api/bridge';

const transport: BridgeTransport = {
  invoke: (method, args) =>
    ipcRenderer.invoke(IPC_CHANNELS.invoke, method, args) as Promise<BridgeResult<unknown>>,
  subscribe(listener) {
    const onEvent = (_event: Electron.IpcRendererEvent, name: string, payload: unknown) =>
      listener(name, payload);
    ipcRenderer.on(IPC_CHANNELS.event, onEvent);
    return () => ipcRenderer.removeListener(IPC_CHANNELS.event, onEvent);
  },
};

const api = createFirstlineApi(transport);
// Only the two contract functions cross the bridge; ipcRenderer itself never reaches the page.
contextBridge.exposeInMainWorld('firstline', { invoke: api.invoke, on: api.on } satisfies typeof api);
