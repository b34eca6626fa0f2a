// The browser host serves the renderer and the bridge only to its own page holding the per-launch secret.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import WebSocket from 'ws';
import type { RunningHost } from '../../../main/host/runHost';
import { makeHostDirs, startOfflineHost } from './support/hostDirs';

let running: RunningHost;
let tmp: string;

beforeAll(async () => {
  const dirs = await makeHostDirs('firstline-host-');
  tmp = dirs.tmp;
  await writeFile(path.join(tmp, 'secret.txt'), 'not for the web');
  running = await startOfflineHost(dirs);
});

afterAll(async () => {
  await running.close();
});

type Reply = {
  type: string;
  id?: number;
  result?: { ok: boolean; value?: unknown; error?: { code: string; message: string } };
  message?: string;
  event?: string;
};

function connect(options: { secret?: string; origin?: string } = {}): Promise<WebSocket> {
  const { origin, secret } = running.host;
  const socket = new WebSocket(
    `${origin.replace('http', 'ws')}/bridge?secret=${encodeURIComponent(options.secret ?? secret)}`,
    {
      origin: options.origin ?? origin,
    },
  );
  return new Promise((resolve, reject) => {
    socket.once('open', () => resolve(socket));
    socket.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    socket.once('error', reject);
  });
}

function nextReply(socket: WebSocket, type = 'result'): Promise<Reply> {
  return new Promise((resolve) => {
    const onMessage = (data: WebSocket.RawData) => {
      const reply = JSON.parse(data.toString()) as Reply;
      if (reply.type === type) {
        socket.off('message', onMessage);
        resolve(reply);
      }
    };
    socket.on('message', onMessage);
  });
}

async function call(socket: WebSocket, method: string, args: unknown, id = 1): Promise<Reply> {
  const reply = nextReply(socket);
  socket.send(JSON.stringify({ type: 'call', id, method, args }));
  return reply;
}

describe('browser host', () => {
  it('serves the renderer with a strict Content-Security-Policy', async () => {
    const response = await fetch(running.host.origin + '/');
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('<title>Firstline</title>');
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("object-src 'none'");
  });

  it('never serves files outside the renderer folder', async () => {
    const response = await fetch(running.host.origin + '/..%2Fsecret.txt');
    expect(await response.text()).not.toContain('not for the web');
  });

  it('answers a call from its own page holding the secret', async () => {
    const socket = await connect();
    const reply = await call(socket, 'app.info', {});
    expect(reply.result).toMatchObject({ ok: true, value: { transport: 'browser-host', version: 'test' } });
    socket.close();
  });

  it('refuses a socket without the right secret', async () => {
    await expect(connect({ secret: 'guessed' })).rejects.toThrow('HTTP 403');
  });

  it('refuses a socket opened by another origin, even with the secret', async () => {
    await expect(connect({ origin: 'http://evil.example' })).rejects.toThrow('HTTP 403');
  });

  it('answers an unknown method with a clear error and changes nothing', async () => {
    const socket = await connect();
    const before = await call(socket, 'preferences.get', {}, 1);
    const reply = await call(socket, 'preferences.reset', {}, 2);
    expect(reply.result).toEqual({
      ok: false,
      error: { code: 'unknown_method', message: "Unknown method 'preferences.reset'." },
    });
    const after = await call(socket, 'preferences.get', {}, 3);
    expect(after.result).toEqual(before.result);
    socket.close();
  });

  it('answers malformed arguments with invalid_arguments and changes nothing', async () => {
    const socket = await connect();
    const before = await call(socket, 'preferences.get', {}, 1);
    const reply = await call(socket, 'preferences.set', { language: 'klingon' }, 2);
    expect(reply.result?.ok).toBe(false);
    expect(reply.result?.error?.code).toBe('invalid_arguments');
    expect(reply.result?.error?.message).toContain('language');
    const after = await call(socket, 'preferences.get', {}, 3);
    expect(after.result).toEqual(before.result);
    socket.close();
  });

  it('answers a frame that is not a call message with a protocol error', async () => {
    const socket = await connect();
    const notJson = nextReply(socket, 'protocol-error');
    socket.send('{not json');
    expect((await notJson).message).toMatch(/not valid JSON/);
    const wrongShape = nextReply(socket, 'protocol-error');
    socket.send(JSON.stringify({ type: 'call', method: 'app.info' }));
    expect((await wrongShape).message).toMatch(/Malformed call message/);
    socket.close();
  });

  it('pushes events to connected pages', async () => {
    const socket = await connect();
    const event = nextReply(socket, 'event');
    await call(socket, 'preferences.set', { themeMode: 'dark' });
    expect(await event).toMatchObject({
      type: 'event',
      event: 'preferences.changed',
      payload: { themeMode: 'dark' },
    });
    socket.close();
  });
});
