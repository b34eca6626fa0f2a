// Every route in the route table, thrown arbitrary JSON bodies, queries and path ids: a 4xx or success, never a 5xx, and a 4xx stores nothing.
import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { TELEPHONY_KEY_HEADER } from '../../../core/backend-api/calls';
import { EVENT_ROUTES } from '../../../core/backend-api/events';
import { describeEachEngine } from '../support/testBackend';
import {
  addNurse,
  startAcdBackend,
  TEST_TELEPHONY_KEY,
  type AcdTestBackend,
  type TestNurse,
} from '../acd/support';

/** Rows of every table a request could write to, in one query. */
async function fingerprint(backend: AcdTestBackend): Promise<string> {
  const tables = ['case_record', 'case_version', 'signed_note', 'attachment_meta', 'callback', 'queue_call'];
  const counts = await Promise.all(
    tables.map((table) =>
      sql<{ n: string }>`select count(*) as n from ${sql.table(table)}`.execute(backend.db),
    ),
  );
  return counts.map((result) => result.rows[0]?.n).join(',');
}

/** Strings a hostile client sends: any text, and text with NUL characters or lone surrogates in it. */
const hostileText = fc.oneof(
  fc.string(),
  fc.string().map((text) => `${text}\u0000`),
  fc.string().map((text) => `\ud800${text}`),
  fc.constantFrom("19610417' OR 1=1--", '__proto__', 'x'.repeat(5000), '../../etc/passwd'),
);
const hostileJson = fc.oneof(
  fc.jsonValue(),
  fc.dictionary(hostileText, fc.oneof(hostileText, fc.jsonValue())),
  fc.array(hostileText),
);

/** A path id as a client sends it; a lone surrogate goes as the bytes of one (not valid UTF-8). */
function pathSegment(id: string): string {
  try {
    return encodeURIComponent(id || 'x');
  } catch {
    return '%ED%A0%80';
  }
}

describeEachEngine('every route under arbitrary input', (engine) => {
  let backend: AcdTestBackend;
  let nurse: TestNurse;
  let teamLead: TestNurse;
  beforeAll(async () => {
    backend = await startAcdBackend(engine);
    nurse = await addNurse(backend, { regionId: 'fuzz' });
    teamLead = await addNurse(backend, { regionId: 'fuzz', roles: ['nurse', 'team_lead'] });
  });
  afterAll(() => backend?.close());

  it('answers 4xx or success, never 5xx, and a 4xx leaves every table as it was', async () => {
    // The live-event route is a WebSocket; its bad handshakes and frames have tests of their own.
    const routes = backend.app.routeTable.filter((route) => route.url !== EVENT_ROUTES.events);
    expect(routes.length).toBeGreaterThan(20);
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...routes),
        fc.constantFrom<'none' | 'nurse' | 'teamLead' | 'telephony'>(
          'none',
          'nurse',
          'teamLead',
          'telephony',
        ),
        hostileJson,
        fc.dictionary(hostileText, hostileText, { maxKeys: 3 }),
        hostileText,
        async (route, who, body, query, id) => {
          const url = route.url.replace(/:[A-Za-z]+/g, () => pathSegment(id));
          const search = new URLSearchParams(query).toString();
          const headers: Record<string, string> = { 'content-type': 'application/json' };
          if (who === 'nurse') headers.authorization = `Bearer ${nurse.token}`;
          if (who === 'teamLead') headers.authorization = `Bearer ${teamLead.token}`;
          if (who === 'telephony') headers[TELEPHONY_KEY_HEADER] = TEST_TELEPHONY_KEY;
          const before = await fingerprint(backend);
          const response = await backend.app.inject({
            method: route.method as 'GET',
            url: search ? `${url}?${search}` : url,
            headers,
            ...(route.method === 'GET' || route.method === 'DELETE' ? {} : { payload: JSON.stringify(body) }),
          });
          const where = `${route.method} ${route.url} as ${who}: ${response.statusCode} ${response.body.slice(0, 300)}`;
          expect(response.statusCode, where).toBeLessThan(500);
          if (response.statusCode >= 400) {
            expect(response.json(), where).toMatchObject({ error: { code: expect.any(String) } });
            expect(await fingerprint(backend), where).toBe(before);
          }
        },
      ),
      { numRuns: 300 },
    );
  }, 240_000);
});
