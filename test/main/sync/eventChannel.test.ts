// The workstation's event channel against a real backend: subscribe by type, reconnect after a dropped socket, stop.
import type {} from '@fastify/websocket'; // the app's websocketServer type
import { afterAll, beforeAll, expect, it } from 'vitest';
import { BACKEND_ROUTES, SessionTokensResponseSchema } from '../../../core/backend-api/auth';
import type { LiveEvent } from '../../../core/backend-api/events';
import { EventChannel, type EventChannelState } from '../../../main/services/backend/eventChannel';
import {
  createTestStaff,
  describeEachEngine,
  postJson,
  startTestBackend,
  type TestBackend,
} from '../../backend/support/testBackend';

async function until(predicate: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describeEachEngine('workstation event channel', (engine) => {
  let backend: TestBackend;
  let url: string;
  let token: string;

  beforeAll(async () => {
    backend = await startTestBackend(engine, { logLevel: 'silent' });
    url = await backend.app.listen({ host: '127.0.0.1', port: 0 });
    const account = await createTestStaff(backend, { regionId: 'jonkoping' });
    const response = await postJson(backend, BACKEND_ROUTES.signIn, {
      hsaId: account.hsaId,
      password: account.password,
    });
    token = SessionTokensResponseSchema.parse(response.json()).accessToken;
  });

  afterAll(async () => {
    await backend?.close();
  });

  it('hears pokes for its region, reconnects after the socket drops, and stops when told', async () => {
    let tokensAsked = 0;
    const channel = new EventChannel({
      backendUrl: url,
      accessToken: async () => {
        tokensAsked += 1;
        return token;
      },
      minDelayMs: 20,
      maxDelayMs: 100,
    });
    const states: EventChannelState[] = [];
    const pokes: LiveEvent[] = [];
    channel.onStateChange((state) => states.push(state));
    channel.subscribe('poke', (event) => pokes.push(event));
    channel.start();
    try {
      await until(() => channel.state === 'open', 'the channel to open');
      await backend.context.events.pokeSync('jonkoping');
      await until(() => pokes.length === 1, 'the first poke');
      expect(pokes[0]).toEqual({ type: 'poke', regionId: 'jonkoping', payload: { scope: 'sync' } });

      // The backend side of the socket goes away (a restart, a proxy cutting it): the channel reopens.
      for (const socket of backend.app.websocketServer.clients) socket.terminate();
      await until(() => states.includes('waiting'), 'the channel to notice');
      await until(() => channel.state === 'open', 'the channel to reopen');
      expect(tokensAsked).toBeGreaterThanOrEqual(2);
      await backend.context.events.pokeSync('jonkoping');
      await until(() => pokes.length === 2, 'a poke after reconnecting');
    } finally {
      channel.stop();
    }
    expect(channel.state).toBe('stopped');
    await until(() => backend.context.events.connectedCount === 0, 'the backend to see the socket go');
  });

  it('cuts a silent connection and keeps trying while the token cannot be had', async () => {
    let failTokens = true;
    const errors: string[] = [];
    const channel = new EventChannel({
      backendUrl: url,
      accessToken: async () => {
        if (failTokens) throw new Error('offline');
        return token;
      },
      minDelayMs: 10,
      maxDelayMs: 40,
      // Shorter than the backend's ping interval: the watchdog must replace the socket.
      silenceTimeoutMs: 150,
      onError: (message) => errors.push(message),
    });
    const opened: number[] = [];
    channel.onStateChange((state) => state === 'open' && opened.push(Date.now()));
    channel.start();
    try {
      await until(() => errors.filter((e) => e.includes('offline')).length >= 3, 'repeated token attempts');
      expect(channel.state).not.toBe('open');
      failTokens = false;
      await until(() => opened.length >= 2, 'a silent socket to be replaced', 5000);
      expect(errors.some((e) => e.includes('silent'))).toBe(true);
    } finally {
      channel.stop();
    }
  });
});
