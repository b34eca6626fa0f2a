// Test support for call distribution: a backend with a telephony key and hand-driven ticks, nurses with tokens, calls injected as the phone platform would.
import { randomUUID } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import { vi } from 'vitest';
import type { StaffRole } from '../../../core/backend-api/auth';
import { CALL_ROUTES, TELEPHONY_KEY_HEADER, callRoute } from '../../../core/backend-api/calls';
import type {
  CallActionResponse,
  Presence,
  PresenceUpdateRequest,
  QueueSnapshot,
  TelephonyCallEnteredRequest,
  TelephonyCallEnteredResponse,
} from '../../../core/backend-api/calls';
import { QueueConfigSet } from '../../../backend/src/acd/config';
import { ensureRegion } from '../../../backend/src/auth/staffAccounts';
import type { Backend, BackendOptions } from '../../../backend/src/server';
import type { PublishInput } from '../../../backend/src/events/liveEvents';
import { startTestBackend } from '../support/testBackend';
import type { EngineName, TestBackend } from '../support/testBackend';

export const TEST_TELEPHONY_KEY = 'test-telephony-key-0123456789abcdef';
export const TEST_REGION = 'testregion';

/** Test rules: national defaults with a 20 s offer, 60 s after-call work, callbacks 3 × 15 min. */
export function testQueueConfig(): QueueConfigSet {
  return new QueueConfigSet({
    layer: 'national',
    version: 1,
    afterCallWorkSeconds: 60,
    offerTimeoutSeconds: 20,
    callbackRetry: { maxAttempts: 3, retryAfterMinutes: 15 },
  });
}

export interface AcdTestBackend extends TestBackend {
  /** Every live event published since the start (or the last `events.length = 0`). */
  published: PublishInput[];
}

export async function startAcdBackend(
  engine: EngineName,
  options: Partial<BackendOptions> = {},
): Promise<AcdTestBackend> {
  const backend = await startTestBackend(engine, {
    telephonyKey: TEST_TELEPHONY_KEY,
    queueConfig: testQueueConfig(),
    // Tests move the clock by hours; tokens must outlive that.
    authPolicy: { accessTokenLifetimeMs: 7 * 24 * 3600_000 },
    logLevel: 'warn',
    ...options,
  });
  const published: PublishInput[] = [];
  const events = backend.context.events;
  const original = events.publish.bind(events);
  vi.spyOn(events, 'publish').mockImplementation((input: PublishInput) => {
    published.push(structuredClone(input));
    return original(input);
  });
  return { ...backend, published };
}

let counter = 0;

export interface TestNurse {
  hsaId: string;
  regionId: string;
  token: string;
  roles: StaffRole[];
}

/**
 * A staff account with a live session and an access token, made directly in the database: the
 * sign-in itself is tested elsewhere, and hashing fifty passwords would make these tests slow.
 */
export async function addNurse(
  backend: Backend,
  options: { regionId?: string; roles?: StaffRole[] } = {},
): Promise<TestNurse> {
  // Taken before any await: nurses are often made in parallel.
  const n = ++counter;
  const regionId = options.regionId ?? TEST_REGION;
  const roles = options.roles ?? ['nurse'];
  await ensureRegion(backend.db, { id: regionId, name: `Region ${regionId}` });
  const hsaId = `SE2321000016-A${process.pid}N${n}`;
  await backend.db
    .insertInto('staff')
    .values({
      hsa_id: hsaId,
      name: `Sjuksköterska ${n}`,
      title: 'Sjuksköterska',
      roles,
      region_id: regionId,
      password_hash: 'no-password',
    })
    .execute();
  const sessionId = randomUUID();
  await backend.db
    .insertInto('staff_session')
    .values({
      id: sessionId,
      hsa_id: hsaId,
      created_at: backend.context.clock(),
      revoked_at: null,
      revoked_reason: null,
    })
    .execute();
  const { token } = await backend.context.accessTokens.issue({ hsaId, roles, regionId, sessionId });
  return { hsaId, regionId, token, roles };
}

export function request(
  backend: Backend,
  method: 'GET' | 'PUT' | 'POST',
  url: string,
  token: string | null,
  body?: unknown,
): Promise<LightMyRequestResponse> {
  return backend.app.inject({
    method,
    url,
    headers: token === null ? {} : { authorization: `Bearer ${token}` },
    ...(body === undefined ? {} : { payload: body as object }),
  });
}

/** Throws with the response body when the status is not the expected one, so failures read well. */
export function expectStatus(response: LightMyRequestResponse, status: number): LightMyRequestResponse {
  if (response.statusCode !== status) {
    throw new Error(`Expected HTTP ${status}, got ${response.statusCode}: ${response.body}`);
  }
  return response;
}

export async function setPresence(
  backend: Backend,
  nurse: TestNurse,
  update: PresenceUpdateRequest,
): Promise<Presence> {
  const response = expectStatus(
    await request(backend, 'PUT', CALL_ROUTES.presence, nurse.token, update),
    200,
  );
  return (response.json() as { presence: Presence }).presence;
}

export async function getPresence(backend: Backend, nurse: TestNurse): Promise<Presence> {
  const response = expectStatus(await request(backend, 'GET', CALL_ROUTES.presence, nurse.token), 200);
  return (response.json() as { presence: Presence }).presence;
}

export async function queueOf(backend: Backend, nurse: TestNurse): Promise<QueueSnapshot> {
  return expectStatus(
    await request(backend, 'GET', CALL_ROUTES.queue, nurse.token),
    200,
  ).json() as QueueSnapshot;
}

export function callAction(
  backend: Backend,
  nurse: TestNurse,
  action: 'acceptCall' | 'declineCall' | 'endCall',
  callId: string,
): Promise<LightMyRequestResponse> {
  return request(backend, 'POST', callRoute(CALL_ROUTES[action], callId), nurse.token);
}

export async function accept(
  backend: Backend,
  nurse: TestNurse,
  callId: string,
): Promise<CallActionResponse> {
  return expectStatus(
    await callAction(backend, nurse, 'acceptCall', callId),
    200,
  ).json() as CallActionResponse;
}

let refCounter = 0;

/** A call entering through the telephony route; by default green, Swedish, without a personnummer. */
export async function injectCall(
  backend: Backend,
  call: Partial<TelephonyCallEnteredRequest> = {},
): Promise<TelephonyCallEnteredResponse & { externalRef: string }> {
  refCounter += 1;
  const externalRef = call.externalRef ?? `test-${process.pid}-${refCounter}`;
  const response = await backend.app.inject({
    method: 'POST',
    url: CALL_ROUTES.telephonyCalls,
    headers: { [TELEPHONY_KEY_HEADER]: TEST_TELEPHONY_KEY },
    payload: { regionId: TEST_REGION, callerNumber: '+46701740605', ...call, externalRef },
  });
  return { ...(expectStatus(response, 201).json() as TelephonyCallEnteredResponse), externalRef };
}

export function hangUp(
  backend: Backend,
  externalRef: string,
  body: object = {},
): Promise<LightMyRequestResponse> {
  return backend.app.inject({
    method: 'POST',
    url: callRoute(CALL_ROUTES.telephonyHangUp, externalRef),
    headers: { [TELEPHONY_KEY_HEADER]: TEST_TELEPHONY_KEY },
    payload: body,
  });
}

/** The ids of the calls in a queue view, in answer order. */
export function order(snapshot: QueueSnapshot, queueId = TEST_REGION): string[] {
  const queue = snapshot.queues.find((q) => q.queueId === queueId);
  if (queue === undefined) throw new Error(`No queue ${queueId} in the snapshot`);
  return queue.calls.map((call) => call.callId);
}
