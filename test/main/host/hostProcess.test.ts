// The browser host as its own process (main/host/start.ts): bad frames and stray errors never end it, nor log patient data.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import WebSocket from 'ws';
import { makeHostDirs } from './support/hostDirs';

const repo = path.resolve(import.meta.dirname, '../../..');

interface Started {
  child: ChildProcess;
  stderr: () => string;
  /** The first line the process prints on stdout, parsed as JSON. */
  announced: Promise<Record<string, unknown>>;
  exited: Promise<number | null>;
}

function startTs(file: string, args: string[]): Started {
  const child = spawn(process.execPath, ['--import', 'tsx', file, ...args], {
    cwd: repo,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const announced = new Promise<Record<string, unknown>>((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const line = stdout.split('\n').find((text) => text.trim().startsWith('{'));
      if (line !== undefined) resolve(JSON.parse(line) as Record<string, unknown>);
    });
    void exited.then((code) => reject(new Error(`exited with ${code}: ${stderr}`)));
  });
  return { child, stderr: () => stderr, announced, exited };
}

describe('browser host process', () => {
  let host: Started;
  let origin: string;
  let secret: string;

  beforeAll(async () => {
    const { profileDir, rendererDir } = await makeHostDirs('firstline-host-process-');
    host = startTs('main/host/start.ts', [
      '--backend-url',
      'http://127.0.0.1:9',
      '--profile-dir',
      profileDir,
      '--renderer-dir',
      rendererDir,
      '--json',
    ]);
    const url = new URL(String((await host.announced).workstationUrl));
    origin = url.origin;
    secret = new URLSearchParams(url.hash.slice(1)).get('secret') ?? '';
  }, 60_000);

  afterAll(async () => {
    if (host?.child.exitCode === null) {
      host.child.kill('SIGTERM');
      await host.exited;
    }
  });

  function connect(): Promise<WebSocket> {
    const socket = new WebSocket(
      `${origin.replace('http', 'ws')}/bridge?secret=${encodeURIComponent(secret)}`,
      {
        origin,
      },
    );
    socket.on('error', () => undefined);
    return new Promise((resolve, reject) => {
      socket.once('open', () => resolve(socket));
      socket.once('close', () => reject(new Error('the host refused or dropped the socket')));
    });
  }

  async function sendAndAwaitClose(frame: Buffer): Promise<number> {
    const socket = await connect();
    const closed = new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)));
    socket.send(frame, { binary: false });
    return closed;
  }

  it('survives a frame over 1 MiB and a text frame with invalid UTF-8, and answers a new page', async () => {
    expect(await sendAndAwaitClose(Buffer.alloc(1024 * 1024 + 1, 0x61))).toBe(1009);
    expect(await sendAndAwaitClose(Buffer.from([0xff, 0xfe]))).toBe(1007);

    const socket = await connect();
    const reply = new Promise<unknown>((resolve) =>
      socket.on('message', (data) => {
        const message = JSON.parse(data.toString()) as { type: string; result?: unknown };
        if (message.type === 'result') resolve(message.result);
      }),
    );
    socket.send(JSON.stringify({ type: 'call', id: 1, method: 'app.info', args: {} }));
    expect(await reply).toMatchObject({ ok: true, value: { transport: 'browser-host' } });
    socket.close();
    expect(host.child.exitCode).toBeNull();
    // The log names what failed, never what the frame carried.
    expect(host.stderr()).toMatch(/bridge socket closed: RangeError \(WS_ERR_UNSUPPORTED_MESSAGE_LENGTH\)/);
    expect(host.stderr()).toMatch(/bridge socket closed: Error \(WS_ERR_INVALID_UTF8\)/);
  }, 30_000);
});

describe('host process guard', () => {
  it('logs a stray error by name and code only and keeps serving', async () => {
    const guarded = startTs('test/main/host/fixtures/strayErrorHost.ts', []);
    try {
      const { port } = await guarded.announced;
      const response = await fetch(`http://127.0.0.1:${String(port)}/`);
      expect(await response.text()).toBe('still serving');
      expect(guarded.stderr()).toContain('[host] uncaught Error (E_CASE_READ); still serving');
      expect(guarded.stderr()).toContain('[host] unhandled rejection TypeError; still serving');
      expect(guarded.stderr()).not.toContain('19121212');
    } finally {
      guarded.child.kill('SIGTERM');
      await guarded.exited;
    }
  }, 30_000);
});
