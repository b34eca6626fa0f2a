// Browser host: serves the built renderer and the bridge over a loopback WebSocket guarded by a per-launch secret.
//
// This is how the workstation runs without the Electron binary (development, end-to-end tests).
// Only a page that was given the secret (in the URL fragment, which browsers never send to a server)
// can open the socket, and only from the host's own origin, so other local pages cannot use the API.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Dispatch } from '../services/bridge/dispatcher';
import type { EventHub } from '../services/bridge/eventHub';
import { parseClientMessage, type ServerMessage } from '../../core/api/wire';

export interface BrowserHostOptions {
  dispatch: Dispatch;
  events: EventHub;
  /** Folder with the built renderer (index.html and assets). */
  rendererDir: string;
  port?: number;
  /** Fixed secret for tests; a random one is made per launch otherwise. */
  secret?: string;
  /** Told about a bridge socket that failed (oversized or malformed frame, reset); gets the error, never the frame. */
  onSocketError?: (error: Error) => void;
}

export interface BrowserHost {
  /** Origin the renderer is served from, e.g. http://127.0.0.1:5173 */
  origin: string;
  /** URL to open in a browser, carrying the secret in its fragment. */
  url: string;
  secret: string;
  close(): Promise<void>;
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

/** The same Content-Security-Policy as the Electron window, plus the loopback socket it needs. */
export function hostContentSecurityPolicy(origin: string): string {
  const socket = origin.replace(/^http/, 'ws');
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "media-src 'self' blob: mediastream:",
    "font-src 'self' data:",
    `connect-src 'self' ${socket}`,
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "form-action 'none'",
  ].join('; ');
}

export function secretsMatch(expected: string, given: string | null): boolean {
  if (!given) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

export async function startBrowserHost(options: BrowserHostOptions): Promise<BrowserHost> {
  const secret = options.secret ?? randomBytes(24).toString('base64url');
  const rendererDir = path.resolve(options.rendererDir);
  let origin = '';

  const server: Server = createServer((req, res) => {
    void serveStatic(rendererDir, origin, req, res);
  });
  const wss = new WebSocketServer({ noServer: true, maxPayload: 1024 * 1024 });

  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', origin);
    const allowed =
      url.pathname === '/bridge' &&
      req.headers.origin === origin &&
      secretsMatch(secret, url.searchParams.get('secret'));
    if (!allowed) {
      socket.write('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n');
      socket.destroy();
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => attachBridge(ws, options));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('Browser host did not get a TCP port.');
  origin = `http://127.0.0.1:${address.port}`;

  return {
    origin,
    url: `${origin}/#secret=${secret}`,
    secret,
    async close() {
      for (const client of wss.clients) client.terminate();
      wss.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function attachBridge(ws: WebSocket, options: BrowserHostOptions): void {
  const send = (message: ServerMessage) => {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(message));
  };
  const unsubscribe = options.events.subscribe((event, payload) => send({ type: 'event', event, payload }));
  ws.on('close', unsubscribe);
  // A frame over maxPayload or a text frame that is not UTF-8 makes ws start the close handshake with
  // 1009 or 1007 and then emit 'error'; without this listener that error would end the whole host.
  ws.on('error', (error) => {
    options.onSocketError?.(error);
    if (ws.readyState === ws.OPEN) ws.close(1011, 'bridge socket failed');
    else if (ws.readyState !== ws.CLOSING && ws.readyState !== ws.CLOSED) ws.terminate();
  });
  ws.on('message', (data, isBinary) => {
    const message = parseClientMessage(isBinary ? null : data.toString());
    if (!message.ok) {
      send({ type: 'protocol-error', message: message.error });
      return;
    }
    const { id, method, args } = message.value;
    void options.dispatch(method, args).then((result) => send({ type: 'result', id, result }));
  });
}

async function serveStatic(root: string, origin: string, req: IncomingMessage, res: ServerResponse) {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { Allow: 'GET, HEAD' }).end();
    return;
  }
  const pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://host').pathname);
  let file = path.resolve(root, `.${pathname}`);
  // Never serve anything outside the renderer folder, whatever the path says.
  if (file !== root && !file.startsWith(root + path.sep)) {
    res.writeHead(404).end();
    return;
  }
  try {
    if ((await stat(file)).isDirectory()) file = path.join(file, 'index.html');
  } catch {
    // Unknown paths get the app itself, so reloads on a route work.
    file = path.join(root, 'index.html');
  }
  try {
    const body = await readFile(file);
    res.writeHead(200, {
      'Content-Type': CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream',
      'Content-Security-Policy': hostContentSecurityPolicy(origin),
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'no-store',
    });
    res.end(req.method === 'HEAD' ? undefined : body);
  } catch {
    res.writeHead(503, { 'Content-Type': 'text/plain; charset=utf-8' });
    res.end('The workstation has not been built. Run: npm run build:renderer');
  }
}
