// Sync state in the status bar end to end: synced after sign-in, offline with waiting items when the backend goes away, and the rejected-items dialog.
import { test, expect, screenshot, startDemoBackend, startWorkstation, stop } from './support/fixtures';
import { SignInPage } from './pages/SignInPage';
import { CaseListPage } from './pages/CaseListPage';
import { CaseIdentificationPage } from './pages/CaseIdentificationPage';
import { CaseViewPage } from './pages/CaseViewPage';
import { generatePersonnummer } from '../../core/identity/testNumbers';

// Region Västernorrland's second demo nurse; no other end-to-end test signs in with her account.
const NURSE = 'SE2321000016-VNLN2';
const PASSWORD = 'firstline-demo';

test('the status bar says "Synkat" once signed in, and "Offline sedan hh:mm – N väntar" when the backend is gone', async ({
  page,
}, testInfo) => {
  test.setTimeout(150_000);
  // Its own backend, because this test stops it.
  const backend = await startDemoBackend();
  const workstation = await startWorkstation(backend.url);
  try {
    const signIn = new SignInPage(page);
    await signIn.open(workstation.url);
    await signIn.signIn(NURSE, PASSWORD);
    const syncState = page.getByTestId('sync-state');
    await expect(syncState).toHaveAttribute('data-state', 'synced');
    await expect(page.getByTestId('sync-text')).toHaveText('Synkat');
    await screenshot(page, testInfo, 'sync-status-synced');

    // A case documented while the backend is away waits, and the status bar says so with the time.
    await stop(backend);
    const list = new CaseListPage(page);
    await list.open();
    await page.keyboard.press('Alt+N');
    const form = new CaseIdentificationPage(page);
    await expect(form.dialog).toBeVisible();
    const patient = generatePersonnummer({ birthDate: '1979-11-03', sex: 'male' });
    await form.number.fill(patient.display);
    await form.kontaktorsak.fill('Ont i ryggen sedan i morse');
    await form.kontaktorsak.press('Enter');
    await expect(new CaseViewPage(page).patientNumber).toHaveText(patient.display);

    await expect(syncState).toHaveAttribute('data-state', 'offline', { timeout: 20_000 });
    await expect(page.getByTestId('sync-text')).toHaveText(/^Offline sedan \d\d:\d\d – \d+ väntar$/);
    await expect(syncState.getByRole('button', { name: 'Skicka nu' })).toBeVisible();
    await screenshot(page, testInfo, 'sync-status-offline');
  } finally {
    await stop(workstation);
    await stop(backend);
  }
});

/**
 * The rejected-items dialog with a stand-in bridge: the backend refuses items only when something is
 * badly wrong, which a demo stack cannot be made to do from the outside.
 */
for (const themeMode of ['light', 'dark'] as const) {
  test(`rejected items: the status bar offers the details, and the dialog says why and what to do (${themeMode})`, async ({
    page,
    workstation,
  }, testInfo) => {
    await page.addInitScript((mode: string) => {
      const now = Date.now();
      const iso = (minutesAgo: number) => new Date(now - minutesAgo * 60_000).toISOString();
      const answers: Record<string, unknown> = {
        'app.info': { version: 'test', transport: 'browser-host', platform: 'linux' },
        'session.get': {
          status: 'signed-in',
          signedInAt: iso(120),
          staff: {
            hsaId: 'SE2321000016-VNLN2',
            name: 'Henrik Sjödin',
            title: 'Distriktssköterska',
            roles: ['nurse'],
            region: { id: 'vasternorrland', name: 'Region Västernorrland' },
          },
        },
        'connection.get': {
          backend: 'online',
          backendUrl: 'http://127.0.0.1:1',
          offlineSince: null,
          lastCheckedAt: iso(0),
        },
        'preferences.get': { language: 'sv', themeMode: mode },
        'sync.status': {
          state: 'waiting',
          waiting: 3,
          quarantined: 2,
          offlineSince: null,
          lastSyncedAt: iso(1),
          nextRetryAt: null,
          problem: null,
        },
        'sync.quarantined': {
          items: [
            {
              seq: 41,
              entity: 'note',
              entityId: '3f1c2a9e-0d2b-4c55-9a0e-6f1d2b3c4d5e',
              caseId: '7a2b9c1d-1e2f-4a3b-8c4d-5e6f7a8b9c0d',
              reasonCode: 'conflict',
              reason:
                'The note 3f1c2a9e-0d2b-4c55-9a0e-6f1d2b3c4d5e is already stored with other content; a signed record never changes. Write an amendment instead.',
              createdAt: iso(95),
              quarantinedAt: iso(94),
            },
            {
              seq: 57,
              entity: 'case',
              entityId: '9d8c7b6a-5f4e-4d3c-9b2a-1f0e9d8c7b6a',
              caseId: '9d8c7b6a-5f4e-4d3c-9b2a-1f0e9d8c7b6a',
              reasonCode: 'invalid',
              reason:
                'This backend understands sync schema version 1 only; 1 item(s) use another. (items.0.schemaVersion: unknown sync schema version 2)',
              createdAt: iso(30),
              quarantinedAt: iso(29),
            },
          ],
        },
      };
      (window as unknown as { firstline: unknown }).firstline = {
        invoke: async (method: string) =>
          method in answers
            ? { ok: true, value: answers[method] }
            : { ok: false, error: { code: 'backend_unreachable', message: 'not in this test' } },
        on: () => () => undefined,
      };
    }, themeMode);
    await page.goto(workstation.url);
    const rejected = page.getByTestId('sync-rejected');
    await expect(page.getByTestId('sync-text')).toHaveText('3 väntar');
    await expect(rejected).toHaveText('2 avvisade – klicka för detaljer');
    await screenshot(page, testInfo, `sync-status-rejected-${themeMode}`);

    await rejected.click();
    const dialog = page.getByRole('dialog', { name: 'Avvisat av regionens server' });
    await expect(dialog).toBeVisible();
    const rows = dialog.getByTestId('sync-quarantined-item');
    await expect(rows).toHaveCount(2);
    await expect(rows.nth(0)).toContainText('Signerad anteckning');
    await expect(rows.nth(0)).toContainText('Regionen har redan en annan version av samma post.');
    await expect(rows.nth(0)).toContainText('skriv en tilläggsanteckning');
    await expect(rows.nth(0).getByRole('button', { name: 'Skicka igen' })).toHaveCount(0);
    await expect(rows.nth(1)).toContainText('Ärende');
    await expect(rows.nth(1).getByRole('button', { name: 'Skicka igen' })).toBeVisible();
    await screenshot(page, testInfo, `sync-quarantine-dialog-${themeMode}`);
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
  });
}
