// The live event channel under bad frames: the offending socket is closed with the right code, the backend keeps serving.
import { afterAll, beforeAll, expect, it } from 'vitest';
import WebSocket from 'ws';
import { BACKEND_ROUTES, SessionTokensResponseSchema } from '../../../core/backend-api/auth';
import { EVENT_ROUTES, READY_EVENT } from '../../../core/backend-api/events';
import { createTestStaff, describeEachEngine, postJson, startTestBackend } from '../support/testBackend';
import type { TestBackend } from '../support/testBackend';

describeEachEngine('live events under bad frames', (engine) => {
  let backend: TestBackend;
  let wsUrl: string;
  let token: string;

  beforeAll(async () => {
    backend = await startTestBackend(engine);
    const address = await backend.app.listen({ host: '127.0.0.1', port: 0 });
    wsUrl = `${address.replace('http', 'ws')}${EVENT_ROUTES.events}`;
    const nurse = await createTestStaff(backend);
    const response = await postJson(backend, BACKEND_ROUTES.signIn, nurse);
    token = SessionTokensResponseSchema.parse(response.json()).accessToken;
  });
  afterAll(() => backend?.close());

  /** An admitted socket: token in the URL, `channel.ready` received. */
  async function admitted(): Promise<WebSocket> {
    const socket = new WebSocket(`${wsUrl}?token=${encodeURIComponent(token)}`);
    socket.on('error', () => undefined);
    await new Promise<void>((resolve, reject) => {
      socket.on('message', (data) => {
        if ((JSON.parse(data.toString()) as { type: string }).type === READY_EVENT) resolve();
      });
      socket.once('close', (code) => reject(new Error(`closed with ${code} before ready`)));
    });
    return socket;
  }

  async function closeCodeAfter(frame: Buffer): Promise<number> {
    const socket = await admitted();
    const closed = new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)));
    socket.send(frame, { binary: false });
    return closed;
  }

  it('closes a socket sending a frame over 64 KiB with 1009 and admits the next one', async () => {
    expect(await closeCodeAfter(Buffer.alloc(64 * 1024 + 1, 0x61))).toBe(1009);
    (await admitted()).close();
  });

  it('closes a socket sending invalid UTF-8 with 1007 and admits the next one', async () => {
    expect(await closeCodeAfter(Buffer.from([0xff, 0xfe]))).toBe(1007);
    (await admitted()).close();
  });

  it('logs a bad frame as a warning with the error code, not as a server failure', async () => {
    await closeCodeAfter(Buffer.from([0xff, 0xfe]));
    await new Promise((resolve) => setTimeout(resolve, 50));
    const lines = backend.logs.lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    const frameLines = lines.filter((line) => JSON.stringify(line).includes('WS_ERR_INVALID_UTF8'));
    expect(frameLines.length).toBeGreaterThan(0);
    for (const line of frameLines) {
      expect(line.level).toBe(40);
      expect(line.msg).toBe('live-event socket closed after a bad frame');
    }
  });
});
