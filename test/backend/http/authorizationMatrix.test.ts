// The authorization matrix, generated from the route table: every route × role (none, nurse, team lead, admin, telephony key) × own and other region.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKEND_ROUTES } from '../../../core/backend-api/auth';
import { CALL_ROUTES, TELEPHONY_KEY_HEADER, callRoute } from '../../../core/backend-api/calls';
import { CATALOG_ROUTES } from '../../../core/backend-api/catalog';
import { EVENT_ROUTES } from '../../../core/backend-api/events';
import { SYNC_ROUTES } from '../../../core/backend-api/sync';
import { describeEachEngine } from '../support/testBackend';
import {
  addNurse,
  injectCall,
  startAcdBackend,
  TEST_TELEPHONY_KEY,
  type AcdTestBackend,
  type TestNurse,
} from '../acd/support';

type Caller = 'none' | 'nurse' | 'teamLead' | 'admin' | 'telephony';
type Policy = 'public' | 'signedIn' | 'telephony' | readonly ('nurse' | 'teamLead' | 'admin')[];

/** Who may call each route. A route missing here fails the first test: every new route states its policy. */
const POLICIES: Record<string, Policy> = {
  [`GET ${BACKEND_ROUTES.health}`]: 'public',
  [`POST ${BACKEND_ROUTES.signIn}`]: 'public',
  [`POST ${BACKEND_ROUTES.refresh}`]: 'public',
  [`POST ${BACKEND_ROUTES.signOut}`]: 'public',
  [`GET ${BACKEND_ROUTES.me}`]: 'signedIn',
  [`GET ${CATALOG_ROUTES.catalog}`]: 'signedIn',
  [`GET ${BACKEND_ROUTES.signInAudit}`]: ['teamLead', 'admin'],
  [`GET ${SYNC_ROUTES.accessLog}`]: ['teamLead', 'admin'],
  [`GET ${CALL_ROUTES.queueOverview}`]: ['teamLead', 'admin'],
  [`PUT ${CATALOG_ROUTES.unitCapacity}`]: ['teamLead', 'admin'],
  [`DELETE ${CATALOG_ROUTES.unitCapacity}`]: ['teamLead', 'admin'],
  [`POST ${CALL_ROUTES.reprioritiseCall}`]: ['teamLead'],
  [`POST ${CATALOG_ROUTES.referralReceiptSms}`]: ['nurse'],
  [`POST ${SYNC_ROUTES.push}`]: ['nurse'],
  [`GET ${SYNC_ROUTES.pull}`]: ['nurse'],
  [`GET ${CALL_ROUTES.queue}`]: ['nurse', 'teamLead'],
  [`GET ${CALL_ROUTES.call}`]: ['nurse', 'teamLead'],
  [`POST ${CALL_ROUTES.acceptCall}`]: ['nurse', 'teamLead'],
  [`POST ${CALL_ROUTES.declineCall}`]: ['nurse', 'teamLead'],
  [`POST ${CALL_ROUTES.endCall}`]: ['nurse', 'teamLead'],
  [`GET ${CALL_ROUTES.presence}`]: ['nurse', 'teamLead'],
  [`PUT ${CALL_ROUTES.presence}`]: ['nurse', 'teamLead'],
  [`POST ${CALL_ROUTES.endAfterCallWork}`]: ['nurse', 'teamLead'],
  [`GET ${CALL_ROUTES.callbacks}`]: ['nurse', 'teamLead'],
  [`POST ${CALL_ROUTES.callbacks}`]: ['nurse', 'teamLead'],
  [`POST ${CALL_ROUTES.callbackAttempts}`]: ['nurse', 'teamLead'],
  [`POST ${CALL_ROUTES.callbackCancel}`]: ['nurse', 'teamLead'],
  [`POST ${CALL_ROUTES.telephonyCalls}`]: 'telephony',
  [`POST ${CALL_ROUTES.telephonyHangUp}`]: 'telephony',
  // The live-event WebSocket authenticates in its handshake; test/backend/events covers it.
  [`GET ${EVENT_ROUTES.events}`]: 'signedIn',
};

const CALLERS: readonly Caller[] = ['none', 'nurse', 'teamLead', 'admin', 'telephony'];

function allowed(policy: Policy, caller: Caller): boolean {
  if (policy === 'public') return true;
  if (policy === 'telephony') return caller === 'telephony';
  if (policy === 'signedIn') return caller === 'nurse' || caller === 'teamLead' || caller === 'admin';
  return (policy as readonly string[]).includes(caller);
}

/** What a refused caller gets: 401 without credentials (or with the wrong kind), 403 with the wrong role. */
function refusal(policy: Policy, caller: Caller): number {
  if (caller === 'none' || caller === 'telephony' || policy === 'telephony') return 401;
  return 403;
}

describeEachEngine('authorization matrix', (engine) => {
  let backend: AcdTestBackend;
  const people = {} as Record<'nurse' | 'teamLead' | 'admin' | 'otherNurse' | 'otherLead', TestNurse>;
  beforeAll(async () => {
    backend = await startAcdBackend(engine);
    people.nurse = await addNurse(backend, { regionId: 'matrix-a', roles: ['nurse'] });
    people.teamLead = await addNurse(backend, { regionId: 'matrix-a', roles: ['team_lead'] });
    people.admin = await addNurse(backend, { regionId: 'matrix-a', roles: ['admin'] });
    people.otherNurse = await addNurse(backend, { regionId: 'matrix-b', roles: ['nurse'] });
    people.otherLead = await addNurse(backend, { regionId: 'matrix-b', roles: ['team_lead'] });
  });
  afterAll(() => backend?.close());

  function send(method: string, url: string, caller: Caller | TestNurse, body: unknown = {}) {
    const hasBody = method !== 'GET' && method !== 'DELETE';
    const headers: Record<string, string> = hasBody ? { 'content-type': 'application/json' } : {};
    const person =
      typeof caller === 'string'
        ? caller === 'none' || caller === 'telephony'
          ? null
          : people[caller]
        : caller;
    if (person) headers.authorization = `Bearer ${person.token}`;
    if (caller === 'telephony') headers[TELEPHONY_KEY_HEADER] = TEST_TELEPHONY_KEY;
    return backend.app.inject({
      method: method as 'GET',
      url,
      headers,
      ...(hasBody ? { payload: JSON.stringify(body) } : {}),
    });
  }

  it('has a policy for every route in the route table', () => {
    const missing = backend.app.routeTable
      .map((route) => `${route.method} ${route.url}`)
      .filter((key) => !(key in POLICIES));
    expect(missing).toEqual([]);
  });

  describe.each(CALLERS)('as %s', (caller) => {
    it('is let in exactly where the policy says, refused with 401 or 403 everywhere else', async () => {
      const wrong: string[] = [];
      for (const route of backend.app.routeTable) {
        if (route.url === EVENT_ROUTES.events) continue;
        const policy = POLICIES[`${route.method} ${route.url}`]!;
        const url = route.url.replace(/:[A-Za-z]+/g, '00000000-0000-4000-8000-000000000000');
        const response = await send(route.method, url, caller);
        const status = response.statusCode;
        const expected = allowed(policy, caller) ? 'not 401/403' : refusal(policy, caller);
        const ok = allowed(policy, caller)
          ? status !== 401 && status !== 403 && status < 500
          : status === expected;
        if (!ok) wrong.push(`${route.method} ${route.url}: ${status}, expected ${expected}`);
      }
      expect(wrong).toEqual([]);
    });
  });

  it("never lets a region's staff reach another region's calls, callbacks, units or figures", async () => {
    const call = await injectCall(backend, { regionId: 'matrix-b' });
    const callId = call.callId;
    const other = people.otherNurse;
    const booked = await send('POST', CALL_ROUTES.callbacks, other, {
      phone: '070-174 06 43',
      reason: 'Återkoppling',
      urgencyClass: 'green',
      windowStart: new Date(backend.clock.now().getTime() + 20 * 60_000).toISOString(),
      windowEnd: new Date(backend.clock.now().getTime() + 50 * 60_000).toISOString(),
    });
    expect(booked.statusCode, booked.body).toBe(201);
    const callbackId = (booked.json() as { callback: { id: string } }).callback.id;

    const probes: [string, string, TestNurse, unknown][] = [
      ['GET', callRoute(CALL_ROUTES.call, callId), people.nurse, undefined],
      ['POST', callRoute(CALL_ROUTES.acceptCall, callId), people.nurse, {}],
      [
        'POST',
        callRoute(CALL_ROUTES.reprioritiseCall, callId),
        people.teamLead,
        { urgencyClass: 'red', reason: 'Prövar' },
      ],
      [
        'POST',
        callRoute(CALL_ROUTES.callbackCancel, callbackId),
        people.nurse,
        { reason: 'Fick hjälp annat sätt' },
      ],
      ['POST', callRoute(CALL_ROUTES.callbackAttempts, callbackId), people.nurse, { outcome: 'no-answer' }],
      ['GET', `${CALL_ROUTES.queueOverview}?regionId=matrix-b`, people.teamLead, undefined],
    ];
    for (const [method, url, who, body] of probes) {
      const response = await send(method, url, who, body);
      expect([403, 404], `${method} ${url}: ${response.statusCode} ${response.body}`).toContain(
        response.statusCode,
      );
    }
    // The same requests by the call's own region are let through (not refused for region or role).
    const own = await send('GET', callRoute(CALL_ROUTES.call, callId), people.otherLead);
    expect(own.statusCode).toBe(200);
    const overview = await send('GET', CALL_ROUTES.queueOverview, people.otherLead);
    expect(overview.statusCode).toBe(200);
  });
});
