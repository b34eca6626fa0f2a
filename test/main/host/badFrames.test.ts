// A hostile or broken bridge frame closes only the socket it came on: the browser host keeps serving every other page.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { RunningHost } from '../../../main/host/runHost';
import { makeHostDirs, startOfflineHost } from './support/hostDirs';

let running: RunningHost;
/** Errors that escaped the host during a test: in the real host process each of them would end it. */
let escaped: string[] = [];
const recordEscaped = (error: unknown) =>
  escaped.push(error instanceof Error ? error.message : String(error));

beforeEach(() => {
  escaped = [];
  process.on('uncaughtException', recordEscaped);
});

afterEach(() => {
  process.off('uncaughtException', recordEscaped);
});

beforeAll(async () => {
  running = await startOfflineHost(await makeHostDirs('firstline-host-frames-'));
});

afterAll(async () => {
  await running?.close();
});

/** A bridge socket opened the way the workstation page opens it: own origin, right secret. */
function connect(): Promise<WebSocket> {
  const { origin, secret } = running.host;
  const socket = new WebSocket(
    `${origin.replace('http', 'ws')}/bridge?secret=${encodeURIComponent(secret)}`,
    {
      origin,
    },
  );
  return new Promise((resolve, reject) => {
    socket.once('open', () => resolve(socket));
    socket.once('error', reject);
  });
}

/** The close code the host ends the socket with (1006 means it just dropped the connection). */
function closeCode(socket: WebSocket): Promise<number> {
  return new Promise((resolve) => socket.once('close', (code) => resolve(code)));
}

async function appInfoOnNewSocket(): Promise<unknown> {
  const socket = await connect();
  try {
    const reply = new Promise<unknown>((resolve) => {
      socket.on('message', (data) => {
        const message = JSON.parse(data.toString()) as { type: string; id?: number; result?: unknown };
        if (message.type === 'result' && message.id === 7) resolve(message.result);
      });
    });
    socket.send(JSON.stringify({ type: 'call', id: 7, method: 'app.info', args: {} }));
    return await reply;
  } finally {
    socket.close();
  }
}

describe('browser host under bad frames', () => {
  it('closes a socket that sends a frame over 1 MiB with 1009 and still answers a new page', async () => {
    const socket = await connect();
    // The client side sees the host's close; errors on our end of the socket are expected here.
    socket.on('error', () => undefined);
    const closed = closeCode(socket);
    socket.send(Buffer.alloc(1024 * 1024 + 1, 0x61), { binary: false });
    expect(await closed).toBe(1009);
    expect(escaped).toEqual([]);
    expect(await appInfoOnNewSocket()).toMatchObject({ ok: true, value: { transport: 'browser-host' } });
  });

  it('closes a socket that sends a text frame with invalid UTF-8 with 1007 and still answers a new page', async () => {
    const socket = await connect();
    socket.on('error', () => undefined);
    const closed = closeCode(socket);
    // ws sends a Buffer as it is, so this is a text frame whose payload is the invalid bytes ff fe.
    socket.send(Buffer.from([0xff, 0xfe]), { binary: false });
    expect(await closed).toBe(1007);
    expect(escaped).toEqual([]);
    expect(await appInfoOnNewSocket()).toMatchObject({ ok: true, value: { transport: 'browser-host' } });
  });

  it('keeps its other open pages working while one socket is closed for a bad frame', async () => {
    const bystander = await connect();
    const attacker = await connect();
    attacker.on('error', () => undefined);
    const closed = closeCode(attacker);
    attacker.send(Buffer.from([0xff, 0xfe]), { binary: false });
    expect(await closed).toBe(1007);
    const reply = new Promise<unknown>((resolve) => {
      bystander.on('message', (data) => {
        const message = JSON.parse(data.toString()) as { type: string; result?: unknown };
        if (message.type === 'result') resolve(message.result);
      });
    });
    bystander.send(JSON.stringify({ type: 'call', id: 1, method: 'app.info', args: {} }));
    expect(await reply).toMatchObject({ ok: true });
    expect(escaped).toEqual([]);
    bystander.close();
  });
});
