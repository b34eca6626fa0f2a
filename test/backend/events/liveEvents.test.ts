// The live event channel: authentication, region scoping, token expiry, and delivery across two backend instances on one PostgreSQL.
import { afterAll, beforeAll, expect, it } from 'vitest';
import WebSocket from 'ws';
import { BACKEND_ROUTES, SessionTokensResponseSchema, type StaffRole } from '../../../core/backend-api/auth';
import { CALL_EVENT_TYPES } from '../../../core/backend-api/calls';
import {
  EVENT_CLOSE_CODES,
  EVENT_ROUTES,
  LiveEventSchema,
  READY_EVENT,
  type LiveEvent,
} from '../../../core/backend-api/events';
import { createBackend, type Backend } from '../../../backend/src/server';
import {
  createTestStaff,
  describeEachEngine,
  isolatedDatabase,
  LogCapture,
  postJson,
  TestClock,
  type IsolatedDatabase,
} from '../support/testBackend';

interface Listening {
  backend: Backend;
  wsUrl: string;
}

async function listen(backend: Backend): Promise<Listening> {
  const address = await backend.app.listen({ host: '127.0.0.1', port: 0 });
  return { backend, wsUrl: `${address.replace('http', 'ws')}${EVENT_ROUTES.events}` };
}

async function signIn(backend: Backend, regionId: string, roles?: StaffRole[]): Promise<string> {
  return (await signInAs(backend, regionId, roles)).token;
}

async function signInAs(
  backend: Backend,
  regionId: string,
  roles?: StaffRole[],
): Promise<{ token: string; hsaId: string }> {
  const account = await createTestStaff(backend, { regionId, roles });
  const response = await postJson(backend, BACKEND_ROUTES.signIn, {
    hsaId: account.hsaId,
    password: account.password,
  });
  return { token: SessionTokensResponseSchema.parse(response.json()).accessToken, hsaId: account.hsaId };
}

/** A connected client that records every event and how the socket closed. */
class Probe {
  readonly events: LiveEvent[] = [];
  closed: { code: number; reason: string } | null = null;
  private constructor(readonly socket: WebSocket) {
    socket.on('message', (data) => this.events.push(LiveEventSchema.parse(JSON.parse(data.toString()))));
    socket.on('close', (code, reason) => (this.closed = { code, reason: reason.toString() }));
  }

  static async open(url: string, firstMessage?: unknown): Promise<Probe> {
    const socket = new WebSocket(url);
    const probe = new Probe(socket);
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
    });
    if (firstMessage !== undefined) socket.send(JSON.stringify(firstMessage));
    return probe;
  }

  async until(predicate: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!predicate()) {
      if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  ready(): Promise<void> {
    return this.until(() => this.events.some((e) => e.type === READY_EVENT), 'channel.ready');
  }

  ofType(type: string): LiveEvent[] {
    return this.events.filter((event) => event.type === type);
  }

  close(): void {
    this.socket.close();
  }
}

describeEachEngine('live event channel', (engine) => {
  let database: IsolatedDatabase;
  let a: Listening;
  const clock = new TestClock();
  const probes: Probe[] = [];

  async function probe(url: string, firstMessage?: unknown): Promise<Probe> {
    const opened = await Probe.open(url, firstMessage);
    probes.push(opened);
    return opened;
  }

  beforeAll(async () => {
    database = await isolatedDatabase(engine);
    a = await listen(
      await createBackend({
        ...database.options,
        now: clock.now,
        logLevel: 'silent',
        logStream: new LogCapture(),
        authRateLimit: { max: 10_000, windowMs: 60_000 },
      }),
    );
  });

  afterAll(async () => {
    probes.forEach((p) => p.close());
    await a?.backend.close();
    await database?.drop();
  });

  it('delivers an event to the connected clients of its region only, after channel.ready', async () => {
    const skane = await probe(`${a.wsUrl}?token=${await signIn(a.backend, 'skane')}`);
    const gotland = await probe(`${a.wsUrl}?token=${await signIn(a.backend, 'gotland')}`);
    await skane.ready();
    await gotland.ready();

    await a.backend.context.events.publish({
      regionId: 'skane',
      type: 'queue.changed',
      payload: { queueId: 'q1' },
    });
    await a.backend.context.events.publish({ regionId: null, type: 'notice', payload: { n: 1 } });
    await skane.until(() => skane.ofType('notice').length === 1, 'the all-regions notice');
    await gotland.until(() => gotland.ofType('notice').length === 1, 'the all-regions notice');

    expect(skane.ofType('queue.changed')).toEqual([
      { type: 'queue.changed', regionId: 'skane', payload: { queueId: 'q1' } },
    ]);
    expect(gotland.ofType('queue.changed')).toEqual([]);
  });

  it('sends an event about one nurse to her and the team lead, not to the other nurses of the region', async () => {
    const her = await signInAs(a.backend, 'orebro');
    const mine = await probe(`${a.wsUrl}?token=${her.token}`);
    const colleague = await probe(`${a.wsUrl}?token=${await signIn(a.backend, 'orebro')}`);
    const lead = await probe(`${a.wsUrl}?token=${await signIn(a.backend, 'orebro', ['team_lead'])}`);
    for (const client of [mine, colleague, lead]) await client.ready();

    const payload = { hsaId: her.hsaId, state: 'available' };
    await a.backend.context.events.publish({
      regionId: 'orebro',
      type: CALL_EVENT_TYPES.presenceChanged,
      payload,
    });
    await a.backend.context.events.publish({ regionId: 'orebro', type: 'queue.changed', payload: { n: 2 } });
    for (const client of [mine, colleague, lead]) {
      await client.until(() => client.ofType('queue.changed').length === 1, 'the region-wide event after it');
    }
    expect(mine.ofType(CALL_EVENT_TYPES.presenceChanged).map((e) => e.payload)).toEqual([payload]);
    expect(lead.ofType(CALL_EVENT_TYPES.presenceChanged).map((e) => e.payload)).toEqual([payload]);
    expect(colleague.ofType(CALL_EVENT_TYPES.presenceChanged)).toEqual([]);
  });

  it('pokes a region for sync with the documented shape', async () => {
    const client = await probe(`${a.wsUrl}?token=${await signIn(a.backend, 'kalmar')}`);
    await client.ready();
    await a.backend.context.events.pokeSync('kalmar');
    await client.until(() => client.ofType('poke').length === 1, 'the poke');
    expect(client.ofType('poke')[0]).toEqual({
      type: 'poke',
      regionId: 'kalmar',
      payload: { scope: 'sync' },
    });
  });

  it('accepts the token as the first message instead of in the URL', async () => {
    const client = await probe(a.wsUrl, { type: 'auth', token: await signIn(a.backend, 'uppsala') });
    await client.ready();
    expect(client.ofType(READY_EVENT)[0]?.regionId).toBe('uppsala');
  });

  it('refuses a bad token in the URL before upgrading, and a bad first message by closing', async () => {
    await expect(Probe.open(`${a.wsUrl}?token=not-a-token`)).rejects.toThrow(/401/);

    const garbage = await probe(a.wsUrl, { hello: 'world' });
    await garbage.until(() => garbage.closed !== null, 'the socket to close');
    expect(garbage.closed?.code).toBe(EVENT_CLOSE_CODES.badHandshake);

    const wrongToken = await probe(a.wsUrl, { type: 'auth', token: 'x.y.z' });
    await wrongToken.until(() => wrongToken.closed !== null, 'the socket to close');
    expect(wrongToken.closed?.code).toBe(EVENT_CLOSE_CODES.unauthorised);
  });

  it('refuses an event too large for NOTIFY or with a malformed type, so publishers learn at once', async () => {
    await expect(
      a.backend.context.events.publish({ regionId: 'skane', type: 'big', payload: 'x'.repeat(5000) }),
    ).rejects.toThrow(/at most 4000/);
    await expect(
      a.backend.context.events.publish({ regionId: 'skane', type: 'Not A Type', payload: null }),
    ).rejects.toThrow(/event type/);
  });

  it('closes a socket when its access token expires', async () => {
    const client = await probe(`${a.wsUrl}?token=${await signIn(a.backend, 'orebro')}`);
    await client.ready();
    const expiresAt = Date.parse((client.ofType(READY_EVENT)[0]?.payload as { expiresAt: string }).expiresAt);
    // The expiry timer runs on real time: a token that has 50 ms left must end the socket in 50 ms.
    const soon = await signIn(a.backend, 'orebro');
    clock.advance(expiresAt - clock.now().getTime() - 50);
    const expiring = await probe(`${a.wsUrl}?token=${soon}`);
    await expiring.until(() => expiring.closed !== null, 'the socket to close at token expiry');
    expect(expiring.closed?.code).toBe(EVENT_CLOSE_CODES.tokenExpired);
    clock.advance(-(expiresAt - clock.now().getTime() - 50));
  });

  if (engine === 'postgres') {
    it('delivers an event published on one instance to a client of another instance', async () => {
      const b = await listen(
        await createBackend({
          ...database.options,
          now: clock.now,
          logLevel: 'silent',
          logStream: new LogCapture(),
        }),
      );
      try {
        const onB = await probe(`${b.wsUrl}?token=${await signIn(a.backend, 'dalarna')}`);
        const onA = await probe(`${a.wsUrl}?token=${await signIn(a.backend, 'dalarna')}`);
        await onB.ready();
        await onA.ready();
        await a.backend.context.events.publish({
          regionId: 'dalarna',
          type: 'call.offered',
          payload: { id: 7 },
        });
        await onB.until(() => onB.ofType('call.offered').length === 1, 'the event on instance B');
        await onA.until(() => onA.ofType('call.offered').length === 1, 'the event on instance A');
        // Published once, heard once on each instance: no instance delivers both locally and via NOTIFY.
        await new Promise((resolve) => setTimeout(resolve, 100));
        expect(onA.ofType('call.offered')).toHaveLength(1);
        expect(onB.ofType('call.offered')).toEqual([
          { type: 'call.offered', regionId: 'dalarna', payload: { id: 7 } },
        ]);
      } finally {
        await b.backend.close();
      }
    });
  }
});
