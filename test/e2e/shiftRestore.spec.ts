// Surviving the shift: a reload mid-call (as after a renderer crash or Ctrl+R) brings the nurse back to the same call, case, answers and draft, with one case per call.
import { test, expect, screenshot, injectCall, hangUp } from './support/calls';
import { SignInPage } from './pages/SignInPage';
import { CallsPage } from './pages/CallsPage';
import { CaseViewPage } from './pages/CaseViewPage';
import { CaseListPage } from './pages/CaseListPage';
import { TriagePanelPage } from './pages/TriagePanelPage';
import { CaseIdentificationPage } from './pages/CaseIdentificationPage';
import { startProcess, type RunningProcess } from './support/fixtures';
import { pullRegion } from '../sync/support/regionReader';
import { startAbdominalPainTriage } from './support/caseFlows';
import { holdBridgeMethods } from './support/bridgeHold';
import { generatePersonnummer } from '../../core/identity/testNumbers';
import type { Page } from '@playwright/test';
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

// Kronoberg's and Skåne's nurses take calls in no other test on this backend, so every injected call rings here.
const PASSWORD = 'firstline-demo';

async function signInAvailable(page: Page, url: string, hsaId: string): Promise<CallsPage> {
  const signInPage = new SignInPage(page);
  await signInPage.open(url);
  await signInPage.signIn(hsaId, PASSWORD);
  const calls = new CallsPage(page);
  await calls.section.waitFor();
  // She starts the shift "Utloggad".
  await expect(calls.presence).toHaveAttribute('data-state', 'offline', { timeout: 30_000 });
  await page.keyboard.press('F9');
  await expect(calls.presence).toHaveAttribute('data-state', 'available');
  return calls;
}

/**
 * The caller hangs up, and the nurse ends after-call work and signs off the queue: no later call of the
 * region (a retry, another test) can ring a nurse whose window is gone.
 */
async function leaveQueue(page: Page, calls: CallsPage, hangUpCall: () => Promise<unknown>) {
  await hangUpCall().catch(() => undefined);
  await expect(calls.presence).toHaveAttribute('data-state', 'after-call-work', { timeout: 30_000 });
  await page.keyboard.press('F9');
  await expect(calls.presence).toHaveAttribute('data-state', 'available');
  await calls.choosePresence('offline');
  await expect(calls.presence).toHaveAttribute('data-state', 'offline');
}

/** Exactly one case of the patient in the nurse's list, whatever was reloaded. */
async function expectOneCaseOf(page: Page, display: string) {
  const list = new CaseListPage(page);
  await new CaseViewPage(page).back.click();
  await list.mineToday.click();
  await expect(list.row(display)).toHaveCount(1);
  await list.row(display).click();
}

test('a reload after identification, after answers, after a draft and in after-call work brings back the same call, case, answers and draft, and never a second case', async ({
  page,
  workstation,
  backend,
}, testInfo) => {
  test.setTimeout(240_000);
  // The call's case is made slowly on purpose, so Ctrl+K lands before it is on screen.
  const caseCreation = await holdBridgeMethods(page, ['cases.create']);
  const patient = generatePersonnummer({ birthDate: '1984-02-11', sex: 'female' });
  const calls = await signInAvailable(page, workstation.url, 'SE2321000016-KRON1');
  const view = new CaseViewPage(page);
  const triage = new TriagePanelPage(page);

  const call = await injectCall(backend, {
    regionId: 'kronoberg',
    callerNumber: '+46 470 12 34 56',
    personnummer: patient.normalized,
    answers: [{ code: 'chest-pain', answer: 'no' }],
  });
  await expect(calls.offer).toHaveAttribute('data-call-id', call.callId);
  await page.keyboard.press('F2');
  await test.step('Ctrl+K at once, before the case is on screen, puts the cursor in its protocol search', async () => {
    await expect.poll(() => caseCreation.requests(), { timeout: 30_000 }).toBe(1);
    await page.keyboard.press('Control+k');
    caseCreation.release();
    await expect(view.patientNumber).toHaveText(patient.display, { timeout: 30_000 });
    await expect(triage.search).toBeFocused({ timeout: 30_000 });
  });
  const callBarCase = calls.callBar.getByRole('button', { name: 'Visa ärendet' });
  await expect(callBarCase).toBeVisible();

  await test.step('reload after identification: the same call bar and case', async () => {
    await page.reload();
    // The page starts over: session, presence and the call come back from main (slower on a busy machine).
    await expect(calls.callBar).toHaveAttribute('data-state', 'on-call', { timeout: 30_000 });
    await expect(callBarCase).toBeVisible();
    await expect(calls.callBar.getByRole('button', { name: 'Identifiera patienten' })).toHaveCount(0);
    await expect(view.patientNumber).toHaveText(patient.display);
  });

  await test.step('reload after answering questions: the same protocol and answers, focus in the triage', async () => {
    await startAbdominalPainTriage(page);
    await triage.answer('N');
    await triage.answer('N');
    await expect(triage.saveStatus).toHaveAttribute('data-status', 'saved');
    const current = await triage.currentRow.getAttribute('data-row-key');

    await page.reload();
    await expect(callBarCase).toBeVisible({ timeout: 30_000 });
    await expect(triage.question('buksmarta-vuxen', 'chock')).toHaveAttribute('data-answer', 'no');
    await expect(triage.checklist.locator('[data-answer="no"]')).toHaveCount(2);
    await expect(triage.currentRow).toHaveAttribute('data-row-key', current!);
    // The keyboard is back on the question she was at (J/N answer it at once).
    await expect(triage.currentRow).toBeFocused();
  });

  await test.step('reload after writing a draft: the same text, focus in the note', async () => {
    await view.field('Bedömning').fill('Opåverkad, buksmärta höger sida sedan i morse.');
    await expect(view.saveState).toHaveText(/^Utkastet sparat \d\d:\d\d$/);
    await page.reload();
    await expect(callBarCase).toBeVisible({ timeout: 30_000 });
    await expect(view.field('Bedömning')).toHaveValue('Opåverkad, buksmärta höger sida sedan i morse.');
    await expect(page.locator('[data-testid="note-editor"] :focus')).toHaveCount(1);
    await expect(triage.checklist.locator('[data-answer="no"]')).toHaveCount(2);
  });

  await test.step('reload in after-call work: still in after-call work with the same case', async () => {
    await view.field('Bedömning').click();
    await page.keyboard.press('F8');
    await expect(calls.callBar).toHaveAttribute('data-state', 'after-call-work');
    await page.reload();
    await expect(calls.callBar).toHaveAttribute('data-state', 'after-call-work', { timeout: 30_000 });
    await expect(calls.presence).toHaveAttribute('data-state', 'after-call-work');
    await expect(page.getByTestId('acw-timer')).toHaveText(/^\d:\d\d kvar$/);
    await expect(callBarCase).toBeVisible();
    await expect(view.field('Bedömning')).toHaveValue('Opåverkad, buksmärta höger sida sedan i morse.');
    await calls.scrollToTop();
    await screenshot(page, testInfo, 'restore-after-call-work-light');
  });

  await expectOneCaseOf(page, patient.display);
  await leaveQueue(page, calls, () => hangUp(backend, call.externalRef));
});

test('a case made in the identification form during a call carries the call id, here and in the backend, and a second one needs a tick', async ({
  page,
  workstation,
  backend,
}, testInfo) => {
  test.setTimeout(180_000);
  const patient = generatePersonnummer({ birthDate: '2019-06-30', sex: 'male' });
  const calls = await signInAvailable(page, workstation.url, 'SE2321000016-KRON2');
  const view = new CaseViewPage(page);
  const form = new CaseIdentificationPage(page);

  // No personnummer from the phone menu: answering opens the identification form.
  const call = await injectCall(backend, { regionId: 'kronoberg', callerNumber: '+46 470 99 88 77' });
  await expect(calls.offer).toHaveAttribute('data-call-id', call.callId);
  await page.keyboard.press('F2');
  await expect(form.dialog).toBeVisible();
  await form.number.fill(patient.normalized);
  await form.create.click();
  await expect(view.patientNumber).toHaveText(patient.display);
  const callBarCase = calls.callBar.getByRole('button', { name: 'Visa ärendet' });
  await expect(callBarCase).toBeVisible();

  await test.step('the link is in the local store: a reload finds the case from the call', async () => {
    await page.reload();
    await expect(callBarCase).toBeVisible({ timeout: 30_000 });
    await expect(view.patientNumber).toHaveText(patient.display);
  });

  await test.step('another case for the same call is refused until she ticks that she wants one', async () => {
    const list = new CaseListPage(page);
    await view.back.click();
    await list.newCase.click();
    await expect(form.dialog.getByTestId('identification-call-has-case')).toContainText(
      'Samtalet har redan ett ärende',
    );
    await form.unidentified.click();
    await form.description.fill('Syster, ca 4 år');
    await form.create.click();
    await expect(form.dialog.getByRole('alert')).toContainText('Kryssa i rutan');
    await expect(form.dialog).toBeVisible();
    await screenshot(page, testInfo, 'identification-call-has-case-light');
    await form.dialog.getByRole('button', { name: 'Avbryt' }).click();
    await list.mineToday.click();
    await expect(list.rows).toHaveCount(1);
  });

  await test.step('the backend holds the call id on the case', async () => {
    await expect
      .poll(
        async () =>
          (await pullRegion(backend.url, 'SE2321000016-KROTL1', PASSWORD))
            .flatMap((record) =>
              record.entity === 'case' && record.payload.callId === call.callId ? [record.payload] : [],
            )
            .map((found) => found.patient.normalized),
        { timeout: 30_000 },
      )
      .toEqual([patient.normalized]);
  });
  await leaveQueue(page, calls, () => hangUp(backend, call.externalRef));
});

test('the workstation killed mid-call and started again: signed in, she is back on the call with its case, answers and draft', async ({
  page,
  backend,
}) => {
  test.setTimeout(240_000);
  const patient = generatePersonnummer({ birthDate: '1962-09-14', sex: 'male' });
  const profileDir = await mkdtemp(path.join(os.tmpdir(), 'firstline-e2e-restart-'));
  const start = async (): Promise<RunningProcess> => {
    const { info, process: child } = await startProcess('main/host/start.ts', [
      '--backend-url',
      backend.url,
      '--profile-dir',
      profileDir,
      ...(process.env.FIRSTLINE_E2E_RENDERER_DIR
        ? ['--renderer-dir', process.env.FIRSTLINE_E2E_RENDERER_DIR]
        : []),
    ]);
    return { url: info.workstationUrl!, process: child };
  };
  let host = await start();
  try {
    const calls = await signInAvailable(page, host.url, 'SE2321000016-SKAN1');
    const view = new CaseViewPage(page);
    const triage = new TriagePanelPage(page);
    const call = await injectCall(backend, {
      regionId: 'skane',
      callerNumber: '+46 40 12 34 56',
      personnummer: patient.normalized,
    });
    await expect(calls.offer).toHaveAttribute('data-call-id', call.callId);
    await page.keyboard.press('F2');
    await expect(view.patientNumber).toHaveText(patient.display);
    await startAbdominalPainTriage(page);
    await triage.answer('N');
    await expect(triage.saveStatus).toHaveAttribute('data-status', 'saved');
    await view.field('Bedömning').fill('Smärta i magen sedan i natt, opåverkad.');
    await expect(view.saveState).toHaveText(/^Utkastet sparat \d\d:\d\d$/);

    // As a crash would: no chance to save or say goodbye.
    host.process.kill('SIGKILL');
    await new Promise((resolve) => host.process.once('exit', resolve));
    host = await start();

    const signInPage = new SignInPage(page);
    await signInPage.open(host.url);
    await signInPage.signIn('SE2321000016-SKAN1', PASSWORD);
    await expect(calls.callBar).toHaveAttribute('data-state', 'on-call', { timeout: 30_000 });
    await expect(calls.presence).toHaveAttribute('data-state', 'on-call');
    // The call, then its case from the store: a fresh start of everything, slow on a busy machine.
    await expect(calls.callBar.getByRole('button', { name: 'Visa ärendet' })).toBeVisible({
      timeout: 30_000,
    });
    await expect(view.patientNumber).toHaveText(patient.display, { timeout: 30_000 });
    await expect(view.field('Bedömning')).toHaveValue('Smärta i magen sedan i natt, opåverkad.');
    await expect(triage.question('buksmarta-vuxen', 'chock')).toHaveAttribute('data-answer', 'no');
    await expectOneCaseOf(page, patient.display);
    await leaveQueue(page, calls, () => hangUp(backend, call.externalRef));
  } finally {
    host.process.kill('SIGKILL');
  }
});
