// Queue monitoring end to end: a team lead on the Teamledare page sees a red-flag caller waiting with the waiting count, a nurse answers it, and the counts and today's figures follow live; light and dark screenshots.
import type { TestInfo } from '@playwright/test';
import { BACKEND_ROUTES } from '../../core/backend-api/auth';
import { CALL_ROUTES, callRoute } from '../../core/backend-api/calls';
import { test, expect, screenshot, injectCall, hangUp, type CallsBackend } from './support/calls';
import { SignInPage } from './pages/SignInPage';
import { QueueOverviewPage } from './pages/QueueOverviewPage';

// Region Örebro: no other test on the call-handling backend uses it, so its queue holds only these calls.
const REGION = 'orebro';
const TEAM_LEAD = 'SE2321000016-ORETL1';
const NURSE = 'SE2321000016-OREN2';
const PASSWORD = 'firstline-demo';

/** The nurse works from a workstation of her own; here she talks to the backend directly. */
async function nurseSession(backend: CallsBackend) {
  const signIn = await fetch(new URL(BACKEND_ROUTES.signIn, backend.url), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ hsaId: NURSE, password: PASSWORD }),
  });
  if (!signIn.ok)
    throw new Error(`The nurse could not sign in: HTTP ${signIn.status} ${await signIn.text()}`);
  const { accessToken } = (await signIn.json()) as { accessToken: string };
  return async (method: 'POST' | 'PUT', route: string, body: object = {}) => {
    const response = await fetch(new URL(route, backend.url), {
      method,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${accessToken}` },
      body: JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`${method} ${route}: HTTP ${response.status} ${await response.text()}`);
    return response.json() as Promise<unknown>;
  };
}

/** The whole section in the light and the dark theme (night shifts), on a screen tall enough to hold it. */
async function screenshotBoth(queues: QueueOverviewPage, testInfo: TestInfo, name: string) {
  const page = queues.page;
  const viewport = page.viewportSize();
  await page.setViewportSize({ width: 1440, height: 1800 });
  await queues.section.scrollIntoViewIfNeeded();
  await screenshot(page, testInfo, `${name}-light`);
  await queues.setTheme('dark');
  await screenshot(page, testInfo, `${name}-dark`);
  await queues.setTheme('light');
  if (viewport) await page.setViewportSize(viewport);
}

test('a team lead sees a red-flag caller waiting, and the counts change when a nurse answers', async ({
  page,
  workstation,
  backend,
}, testInfo) => {
  test.setTimeout(90_000);
  const signIn = new SignInPage(page);
  await signIn.open(workstation.url);
  await signIn.signIn(TEAM_LEAD, PASSWORD);
  const queues = new QueueOverviewPage(page);
  await queues.open();

  // Nobody has called the region today: the empty state, every figure "–" with its definition.
  await expect(queues.tile(REGION)).toContainText('Region Örebro län');
  await expect(queues.waiting(REGION)).toHaveText('0');
  await expect(queues.quiet).toContainText('Inga samtal i dag ännu');
  await expect(queues.metric('serviceLevel').getByTestId('queue-metric-value')).toHaveText('–');
  await expect(queues.metric('serviceLevel').getByTestId('queue-metric-detail')).toHaveText(
    'Inget samtal räknas ännu',
  );
  await expect(queues.metric('serviceLevel').getByTestId('queue-metric-definition')).toContainText(
    'besvarades inom 120 sekunder',
  );

  // A caller with chest pain and one with a fever enter the queue: the tile follows without a reload.
  const red = await injectCall(backend, {
    regionId: REGION,
    callerNumber: '019-100 100',
    answers: [{ code: 'chest-pain', answer: 'yes' }],
  });
  const green = await injectCall(backend, {
    regionId: REGION,
    callerNumber: '019-200 200',
    answers: [{ code: 'high-fever', answer: 'yes' }],
  });
  await expect(queues.waiting(REGION)).toHaveText('2');
  await expect(queues.redFlags(REGION)).toHaveCount(1);
  await expect(queues.redFlags(REGION)).toContainText('Bröstsmärta');
  await expect(queues.redFlags(REGION)).toContainText(/Bröstsmärta – väntat \d\d:\d\d/);
  await expect(queues.tile(REGION).getByTestId('queue-red-flags')).toContainText('Röd flagga: 1 väntar');
  await expect(queues.tile(REGION)).toHaveAttribute('data-red-flags', '1');
  await expect(queues.longestWait(REGION)).toHaveText(/^\d\d:\d\d$/);
  await expect(queues.metric('callsToday').getByTestId('queue-metric-value')).toHaveText('2');
  await expect(queues.quiet).toHaveCount(0);
  // The wait ticks between fetches.
  const before = await queues.longestWait(REGION).textContent();
  await expect(queues.longestWait(REGION)).not.toHaveText(before ?? '');
  await screenshotBoth(queues, testInfo, 'queue-overview-red-flag');

  // A nurse becomes available and answers the red-flag caller (offered first, by urgency).
  const asNurse = await nurseSession(backend);
  await asNurse('PUT', CALL_ROUTES.presence, { state: 'available' });
  await asNurse('POST', callRoute(CALL_ROUTES.acceptCall, red.callId));

  await expect(queues.waiting(REGION)).toHaveText('1');
  await expect(queues.redFlags(REGION)).toHaveCount(0);
  await expect(queues.tile(REGION).getByTestId('queue-no-red-flags')).toHaveText('Inga röda flaggor i kön');
  await expect(queues.nurses('on-call')).toHaveText('1');
  await expect(queues.metric('callsToday').getByTestId('queue-metric-detail')).toHaveText(
    '1 besvarade · 0 avhopp',
  );
  await expect(queues.metric('averageSpeedOfAnswer').getByTestId('queue-metric-value')).toHaveText(
    /^\d\d:\d\d$/,
  );
  await expect(queues.metric('averageSpeedOfAnswer').getByTestId('queue-metric-detail')).toHaveText(
    'medel över 1 besvarat samtal (min:s)',
  );
  await screenshotBoth(queues, testInfo, 'queue-overview-answered');

  // The other caller hangs up: nobody waits, one abandoned call in today's figures.
  await hangUp(backend, green.externalRef);
  await expect(queues.waiting(REGION)).toHaveText('0');
  await expect(queues.longestWait(REGION)).toHaveText('–');
  await expect(queues.metric('abandonRate').getByTestId('queue-metric-value')).toHaveText('50 %');

  await asNurse('POST', callRoute(CALL_ROUTES.endCall, red.callId));
  await asNurse('PUT', CALL_ROUTES.presence, { nextStatus: { state: 'offline' } });
});
