// Every query string the backend reads is validated like a body: a bad or repeated parameter is a 400 naming it, never echoing it.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ApiErrorSchema, BACKEND_ROUTES } from '../../../core/backend-api/auth';
import { CALL_ROUTES } from '../../../core/backend-api/calls';
import { CATALOG_ROUTES } from '../../../core/backend-api/catalog';
import { EVENT_ROUTES } from '../../../core/backend-api/events';
import { SYNC_ROUTES } from '../../../core/backend-api/sync';
import { describeEachEngine, getWithToken, startTestBackend, type TestBackend } from '../support/testBackend';
import { signedInNurse } from '../../sync/support/syncFixtures';

/** Recognisable in any answer that would repeat what was sent. */
const MARKER = 'QZX';

/** Each route that reads a query, with one bad value per parameter (each carrying the marker). */
const BAD_QUERIES: { route: string; parameter: string; value: string }[] = [
  { route: SYNC_ROUTES.accessLog, parameter: 'personnummer', value: `19610417' OR 1=1--${MARKER}` },
  { route: SYNC_ROUTES.accessLog, parameter: 'limit', value: `${MARKER}5` },
  { route: CALL_ROUTES.queueOverview, parameter: 'regionId', value: `${MARKER}'; drop table staff` },
  { route: CATALOG_ROUTES.catalog, parameter: 'knownVersion', value: MARKER.repeat(700) },
  { route: BACKEND_ROUTES.signInAudit, parameter: 'hsaId', value: MARKER.repeat(30) },
  { route: BACKEND_ROUTES.signInAudit, parameter: 'limit', value: `${MARKER}` },
  { route: BACKEND_ROUTES.signInAudit, parameter: 'beforeId', value: `-1${MARKER}` },
  { route: SYNC_ROUTES.pull, parameter: 'cursor', value: `v1.${MARKER}` },
  { route: SYNC_ROUTES.pull, parameter: 'deviceId', value: MARKER },
  { route: SYNC_ROUTES.pull, parameter: 'careUnitHsaId', value: `SE${MARKER}` },
  { route: SYNC_ROUTES.pull, parameter: 'limit', value: `1e9${MARKER}` },
  { route: CALL_ROUTES.callbacks, parameter: 'state', value: `scheduled,${MARKER}` },
  { route: CALL_ROUTES.callbacks, parameter: 'limit', value: '0' },
  { route: EVENT_ROUTES.events, parameter: 'token', value: MARKER.repeat(1400) },
];

describeEachEngine('query strings', (engine) => {
  let backend: TestBackend;
  let token: string;

  beforeAll(async () => {
    backend = await startTestBackend(engine, { logLevel: 'silent' });
    // One account that may call every route that reads a query.
    token = (await signedInNurse(backend, { regionId: 'skane', roles: ['nurse', 'team_lead'] })).token;
  });
  afterAll(() => backend?.close());

  const get = (route: string, query: string) => getWithToken(backend, `${route}?${query}`, token);

  it('answers a bad value of every query parameter with 400 naming the parameter, without echoing the value', async () => {
    for (const { route, parameter, value } of BAD_QUERIES) {
      const response = await get(route, `${parameter}=${encodeURIComponent(value)}`);
      const what = `${route} ${parameter}`;
      expect(response.statusCode, what).toBe(400);
      const error = ApiErrorSchema.parse(response.json()).error;
      expect(error.code, what).toBe('bad_request');
      expect(error.message, what).toMatch(new RegExp(`^Invalid query string: .*\\b${parameter}\\b`));
      expect(
        error.issues?.map((issue) => issue.path),
        what,
      ).toContain(parameter);
      expect(response.body, what).not.toContain(MARKER);
    }
  });

  it("refuses the access log an SQL-looking personnummer instead of answering with it 'normalised'", async () => {
    const response = await get(
      SYNC_ROUTES.accessLog,
      `personnummer=${encodeURIComponent("19610417' OR 1=1--")}`,
    );
    expect(response.statusCode).toBe(400);
    expect(response.body).not.toContain('OR1=1');
    expect(response.body).not.toContain('19610417');
    expect(ApiErrorSchema.parse(response.json()).error.issues).toEqual([
      { path: 'personnummer', message: expect.stringMatching(/^personnummer /) },
    ]);
  });

  it('does not repeat parts of a bad personnummer (its date, its digits) in the answer', async () => {
    for (const number of ['19610230-1234', '196104171234567', '20990101-0000', '1961-0417+1234']) {
      const response = await get(SYNC_ROUTES.accessLog, `personnummer=${encodeURIComponent(number)}`);
      expect(response.statusCode, number).toBe(400);
      expect(response.body, number).not.toMatch(/1961|2099|0230|1234|04-17|02-30/);
    }
  });

  it('still accepts a reservnummer of the letters-and-digits kind regions use', async () => {
    const response = await get(SYNC_ROUTES.accessLog, 'personnummer=19750615-m142');
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ patientNumber: '19750615-M142', entries: [] });
  });

  it('answers a parameter given twice with 400 saying so', async () => {
    const response = await get(SYNC_ROUTES.accessLog, 'personnummer=197506150000&personnummer=x');
    expect(response.statusCode).toBe(400);
    expect(ApiErrorSchema.parse(response.json()).error).toMatchObject({
      message: 'Invalid query string: personnummer must be given once.',
      issues: [{ path: 'personnummer', message: 'personnummer must be given once' }],
    });
  });
});
