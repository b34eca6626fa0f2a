// Test support for call handling on the workstation: a real backend on PGlite listening on loopback, nurses who sign in over HTTP, calls injected as the phone platform would.
import type { StaffRole } from '../../../core/backend-api/auth';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { BridgeEvent, BridgeResult } from '../../../core/api/bridge';
import {
  CALL_ROUTES,
  TELEPHONY_KEY_HEADER,
  type TelephonyCallEnteredRequest,
  type TelephonyCallEnteredResponse,
} from '../../../core/backend-api/calls';
import { QueueConfigSet } from '../../../backend/src/acd/config';
import { createStaffAccount, ensureRegion } from '../../../backend/src/auth/staffAccounts';
import { createBackend, type Backend } from '../../../backend/src/server';
import { createMemoryTokenVault, type TokenVault } from '../../../main/services/session/tokenVault';
import { createWorkstation, type Workstation } from '../../../main/services/workstation';
import { isolatedDatabase } from '../../backend/support/testBackend';

export const TELEPHONY_KEY = 'calls-test-telephony-key-0123456789';
export const REGION = 'callstest';
export const PASSWORD = 'calls-test-password';

/** The backend's clock runs with real time plus whatever the test moves it ahead (offers ring out, timers end). */
export class SkewClock {
  private skewMs = 0;
  readonly now = (): Date => new Date(Date.now() + this.skewMs);
  advance(ms: number): void {
    this.skewMs += ms;
  }
}

export interface CallsTestBackend {
  backend: Backend;
  url: string;
  clock: SkewClock;
  /** Runs the ACD's work now (offers, ring-outs, timers), as its interval would. */
  tick(): Promise<void>;
  close(): Promise<void>;
}

/** A listening backend on in-memory PGlite with short test timers; the dispatcher is ticked by hand. */
export async function startCallsBackend(): Promise<CallsTestBackend> {
  const database = await isolatedDatabase('pglite');
  const clock = new SkewClock();
  const backend = await createBackend({
    ...database.options,
    now: clock.now,
    logLevel: 'silent',
    telephonyKey: TELEPHONY_KEY,
    authRateLimit: { max: 10_000, windowMs: 60_000 },
    queueConfig: new QueueConfigSet({
      layer: 'national',
      version: 1,
      afterCallWorkSeconds: 30,
      offerTimeoutSeconds: 5,
      callbackRetry: { maxAttempts: 3, retryAfterMinutes: 15 },
    }),
  });
  await backend.app.listen({ host: '127.0.0.1', port: 0 });
  const address = backend.app.server.address();
  if (address === null || typeof address === 'string') throw new Error('backend is not on a TCP port');
  return {
    backend,
    url: `http://127.0.0.1:${address.port}`,
    clock,
    tick: () => backend.context.acd.tick(),
    close: () => backend.close().then(() => database.drop()),
  };
}

let staffCounter = 0;

/** A nurse account in the test region that signs in with PASSWORD. */
export async function addNurse(
  backend: Backend,
  regionId = REGION,
  roles: StaffRole[] = ['nurse'],
): Promise<{ hsaId: string }> {
  staffCounter += 1;
  await ensureRegion(backend.db, { id: regionId, name: `Region ${regionId}` });
  const hsaId = `SE2321000016-C${process.pid}N${staffCounter}`;
  await createStaffAccount(backend.db, {
    hsaId,
    name: `Sköterska ${staffCounter}`,
    title: 'Sjuksköterska',
    roles,
    regionId,
    password: PASSWORD,
  });
  return { hsaId };
}

let externalCounter = 0;

/** A call entering the queue through the telephony route, as the phone platform reports it. */
export async function injectCall(
  target: CallsTestBackend,
  call: Partial<TelephonyCallEnteredRequest> = {},
): Promise<TelephonyCallEnteredResponse> {
  externalCounter += 1;
  const response = await fetch(new URL(CALL_ROUTES.telephonyCalls, target.url), {
    method: 'POST',
    headers: { 'content-type': 'application/json', [TELEPHONY_KEY_HEADER]: TELEPHONY_KEY },
    body: JSON.stringify({
      externalRef: `calls-test-${process.pid}-${externalCounter}`,
      regionId: REGION,
      callerNumber: '+46701234567',
      ...call,
    }),
  });
  if (response.status !== 201) throw new Error(`inject failed: ${response.status} ${await response.text()}`);
  return (await response.json()) as TelephonyCallEnteredResponse;
}

export interface TestWorkstation {
  workstation: Workstation;
  vault: TokenVault;
  /** Every bridge event pushed to the renderer since the start, in order. */
  pushed: { event: BridgeEvent; payload: unknown }[];
  /** Every answer the renderer received, in order. */
  answers: BridgeResult<unknown>[];
  call(method: string, args?: unknown): Promise<BridgeResult<unknown>>;
  /** The value of a call that must succeed. */
  value<T>(method: string, args?: unknown): Promise<T>;
  /** Resolves with the payload of the next pushed event of that name matching `where`. */
  nextEvent<T>(event: BridgeEvent, where?: (payload: T) => boolean, timeoutMs?: number): Promise<T>;
  stop(): Promise<void>;
}

export async function startTestWorkstation(backendUrl: string): Promise<TestWorkstation> {
  const profileDir = mkdtempSync(path.join(tmpdir(), 'firstline-calls-test-'));
  const vault = createMemoryTokenVault();
  const workstation = await createWorkstation({
    backendUrl,
    profileDir,
    tokenVault: vault,
    transport: 'browser-host',
    version: 'test',
    healthIntervalMs: 3_600_000,
  });
  const pushed: TestWorkstation['pushed'] = [];
  const waiters = new Set<(event: BridgeEvent, payload: unknown) => void>();
  const unsubscribe = workstation.events.subscribe((event, payload) => {
    pushed.push({ event, payload });
    for (const waiter of [...waiters]) waiter(event, payload);
  });
  const answers: BridgeResult<unknown>[] = [];
  const call = async (method: string, args: unknown = {}) => {
    const answer = await workstation.dispatch(method, args);
    answers.push(answer);
    return answer;
  };
  return {
    workstation,
    vault,
    pushed,
    answers,
    call,
    async value<T>(method: string, args: unknown = {}) {
      const answer = await call(method, args);
      if (!answer.ok) throw new Error(`${method} failed: ${answer.error.code}: ${answer.error.message}`);
      return answer.value as T;
    },
    nextEvent<T>(event: BridgeEvent, where: (payload: T) => boolean = () => true, timeoutMs = 5_000) {
      return new Promise<T>((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters.delete(waiter);
          reject(new Error(`no ${event} event within ${timeoutMs} ms`));
        }, timeoutMs);
        const waiter = (name: BridgeEvent, payload: unknown) => {
          if (name !== event || !where(payload as T)) return;
          clearTimeout(timer);
          waiters.delete(waiter);
          resolve(payload as T);
        };
        waiters.add(waiter);
      });
    },
    async stop() {
      unsubscribe();
      await workstation.stop();
      rmSync(profileDir, { recursive: true, force: true });
    },
  };
}
