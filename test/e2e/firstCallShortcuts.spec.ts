// Shortcuts from the first second: on the first call after sign-in, Ctrl+K reaches the protocol search even while the library still loads.
import type { Page } from '@playwright/test';
import { test, expect, screenshot, injectCall, hangUp } from './support/calls';
import { SignInPage } from './pages/SignInPage';
import { CaseViewPage } from './pages/CaseViewPage';
import { CallsPage } from './pages/CallsPage';
import { TriagePanelPage } from './pages/TriagePanelPage';
import { newCase } from './support/caseFlows';
import { holdBridgeMethods } from './support/bridgeHold';
import { generatePersonnummer } from '../../core/identity/testNumbers';

const holdProtocolLibrary = (page: Page) => holdBridgeMethods(page, ['protocols.list']);

// Gotland is no other test's region on the calls backend, so this nurse is the only one its call can ring.
test('the first Ctrl+K after sign-in puts the cursor in the protocol search, also while the library still loads', async ({
  page,
  workstation,
  backend,
}, testInfo) => {
  test.setTimeout(120_000);
  const library = await holdProtocolLibrary(page);
  const patient = generatePersonnummer({ birthDate: '1988-04-12', sex: 'female' });
  const calls = new CallsPage(page);
  const view = new CaseViewPage(page);
  const triage = new TriagePanelPage(page);

  await test.step('sign in and take the first call with F9 and F2', async () => {
    const signInPage = new SignInPage(page);
    await signInPage.open(workstation.url);
    await signInPage.signIn('SE2321000016-GOTN1', 'firstline-demo');
    await calls.section.waitFor();
    // F9 needs her presence from the backend first (she starts the shift "Utloggad").
    await expect(calls.presence).toHaveAttribute('data-state', 'offline');
    await page.keyboard.press('F9');
    await expect(calls.presence).toHaveAttribute('data-state', 'available');
  });
  // Loading the library at sign-in gives it the time from sign-in to the first call.
  const requestedBeforeTheCall = library.requests();

  const call = await injectCall(backend, {
    regionId: 'gotland',
    callerNumber: '+46 498 12 34 56',
    personnummer: patient.normalized,
    answers: [{ code: 'chest-pain', answer: 'no' }],
  });
  await expect(calls.offer).toHaveAttribute('data-call-id', call.callId);
  await page.keyboard.press('F2');
  await expect(view.patientNumber).toHaveText(patient.display);

  await test.step('Ctrl+K at once, while the library is still loading: the panel says so', async () => {
    await page.keyboard.press('Control+k');
    const loading = triage.panel.getByRole('status');
    await expect(loading).toContainText('Laddar protokollen…');
    await expect(loading).toContainText('Sökfältet får markören så snart de är klara.');
    await screenshot(page, testInfo, 'triage-library-loading');
  });

  await test.step('the library arrives: the cursor is in the search, and the first protocol is picked with the keyboard', async () => {
    library.release();
    await expect(triage.search).toBeFocused({ timeout: 30_000 });
    await page.keyboard.type('ont i magen');
    await expect(triage.options.first()).toHaveAttribute('data-protocol-option', 'buksmarta-vuxen');
    await page.keyboard.press('Enter');
    await expect(triage.currentRow).toHaveAttribute('data-row-key', 'buksmarta-vuxen/var-sitter-smartan');
  });

  expect(requestedBeforeTheCall, 'protocols.list asked for at sign-in, before the first call').toBe(1);
  expect(library.requests(), 'the library is loaded once per window').toBe(1);
  await hangUp(backend, call.externalRef);
});

test('a Ctrl+K waiting for the library gives way when the nurse has moved on to another field', async ({
  page,
  workstation,
}) => {
  test.setTimeout(120_000);
  const library = await holdProtocolLibrary(page);
  const triage = new TriagePanelPage(page);
  const signInPage = new SignInPage(page);
  await signInPage.open(workstation.url);
  // No call: this nurse of Gotland never becomes available, so the other test's calls cannot ring her.
  await signInPage.signIn('SE2321000016-GOTN2', 'firstline-demo');
  const view = await newCase(
    page,
    generatePersonnummer({ birthDate: '1961-09-30', sex: 'male' }),
    'Yrsel sedan i morse.',
  );

  const loading = triage.panel.getByRole('status');
  await page.keyboard.press('Control+k');
  await expect(loading).toContainText('Sökfältet får markören så snart de är klara.');
  // She starts on the note instead: the waiting key is dropped, and the panel stops promising the cursor.
  await view.field('Råd').click();
  await expect(loading).not.toContainText('Sökfältet får markören');
  await page.keyboard.type('Drick');

  library.release();
  await expect(triage.search).toBeVisible({ timeout: 30_000 });
  await expect(view.field('Råd')).toBeFocused();
  await expect(view.field('Råd')).toHaveValue('Drick');

  // With the library there, Ctrl+K goes straight to the search.
  await page.keyboard.press('Control+k');
  await expect(triage.search).toBeFocused();
});

test('F9 pressed in the first second, before her presence has arrived, makes her available once it has', async ({
  page,
  workstation,
}) => {
  // Her presence comes with presence.get and with the queue snapshot: both are held.
  const presence = await holdBridgeMethods(page, ['presence.get', 'calls.queue']);
  const calls = new CallsPage(page);
  const signInPage = new SignInPage(page);
  await signInPage.open(workstation.url);
  // Gotland's team lead takes no call in any test: becoming available here rings nothing of theirs.
  await signInPage.signIn('SE2321000016-GOTTL1', 'firstline-demo');
  await calls.section.waitFor();
  await expect.poll(() => presence.requests()).toBeGreaterThan(0);
  await page.keyboard.press('F9');
  presence.release();
  await expect(calls.presence).toHaveAttribute('data-state', 'available', { timeout: 30_000 });
  // Back to Utloggad, so she is offered nothing after the test.
  await calls.choosePresence('offline');
  await expect(calls.presence).toHaveAttribute('data-state', 'offline');
});
