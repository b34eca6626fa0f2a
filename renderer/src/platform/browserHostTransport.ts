// The browser-host transport: the bridge over the loopback WebSocket, authorised by the per-launch secret.
import type { BridgeResult, BridgeTransport } from '../../../core/api/bridge';
import { parseServerMessage, type ClientMessage } from '../../../core/api/wire';

const SECRET_KEY = 'firstline.hostSecret';

/** Reads the secret from the URL fragment once, then keeps it for reloads of this tab only. */
export function takeHostSecret(location: Location, storage: Storage): string | null {
  const match = /(?:^#|&)secret=([^&]+)/.exec(location.hash);
  if (match?.[1]) {
    storage.setItem(SECRET_KEY, match[1]);
    history.replaceState(null, '', location.pathname + location.search);
    return match[1];
  }
  return storage.getItem(SECRET_KEY);
}

export function createBrowserHostTransport(origin: string, secret: string): BridgeTransport {
  const socketUrl = `${origin.replace(/^http/, 'ws')}/bridge?secret=${encodeURIComponent(secret)}`;
  const pending = new Map<number, (result: BridgeResult<unknown>) => void>();
  const listeners = new Set<(event: string, payload: unknown) => void>();
  let nextId = 1;
  let socket: WebSocket | null = null;
  let opened: Promise<WebSocket> | null = null;
  let retryDelay = 250;

  const failAll = () => {
    for (const resolve of pending.values()) {
      resolve({
        ok: false,
        error: { code: 'internal', message: 'The connection to the workstation host was lost.' },
      });
    }
    pending.clear();
  };

  const connect = (): Promise<WebSocket> => {
    opened ??= new Promise<WebSocket>((resolve, reject) => {
      const ws = new WebSocket(socketUrl);
      ws.onopen = () => {
        socket = ws;
        retryDelay = 250;
        resolve(ws);
      };
      ws.onmessage = (message) => {
        const parsed = parseServerMessage(String(message.data));
        if (!parsed) return;
        if (parsed.type === 'result') {
          pending.get(parsed.id)?.(parsed.result);
          pending.delete(parsed.id);
        } else if (parsed.type === 'event') {
          for (const listener of listeners) listener(parsed.event, parsed.payload);
        }
      };
      ws.onclose = () => {
        socket = null;
        opened = null;
        failAll();
        reject(new Error('closed'));
        // Reconnect so pushed events resume after the host restarts.
        if (listeners.size > 0) setTimeout(() => void connect().catch(() => undefined), retryDelay);
        retryDelay = Math.min(retryDelay * 2, 5000);
      };
    });
    return opened;
  };

  return {
    async invoke(method, args) {
      let ws: WebSocket;
      try {
        ws = socket ?? (await connect());
      } catch {
        return { ok: false, error: { code: 'internal', message: 'The workstation host is not reachable.' } };
      }
      const id = nextId++;
      const message: ClientMessage = { type: 'call', id, method, args };
      return new Promise((resolve) => {
        pending.set(id, resolve);
        ws.send(JSON.stringify(message));
      });
    },
    subscribe(listener) {
      listeners.add(listener);
      void connect().catch(() => undefined);
      return () => listeners.delete(listener);
    },
  };
}
