// Surviving the shift: a reload mid-call (as after a renderer crash or Ctrl+R) brings the nurse back to the same call, case, answers and draft, with one case per call.
import { test, expect, screenshot, injectCall, hangUp } from './support/calls';
import { SignInPage } from './pages/SignInPage';
import { CallsPage } from './pages/CallsPage';
import { CaseViewPage } from './pages/CaseViewPage';
import { CaseListPage } from './pages/CaseListPage';
import { TriagePanelPage } from './pages/TriagePanelPage';
import { generatePersonnummer } from '../../core/identity/testNumbers';
import type { Page } from '@playwright/test';

// Kronoberg's nurses take calls in no other test on this backend, so every injected call rings here.
const PASSWORD = 'firstline-demo';

async function signInAvailable(page: Page, url: string, hsaId: string): Promise<CallsPage> {
  const signInPage = new SignInPage(page);
  await signInPage.open(url);
  await signInPage.signIn(hsaId, PASSWORD);
  const calls = new CallsPage(page);
  await calls.section.waitFor();
  await page.keyboard.press('F9');
  await expect(calls.presence).toHaveAttribute('data-state', 'available');
  return calls;
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
  await expect(view.patientNumber).toHaveText(patient.display);
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
    await expect(triage.chosen).toContainText('Sök och välj ett protokoll för att börja triagen.', {
      timeout: 30_000,
    });
    await page.keyboard.press('Control+k');
    await expect(triage.search).toBeFocused();
    await page.keyboard.type('ont i magen');
    await expect(triage.options.first()).toHaveAttribute('data-protocol-option', 'buksmarta-vuxen');
    await page.keyboard.press('Enter');
    await page.keyboard.type('Höger sida, nedtill');
    await page.keyboard.press('Enter');
    await page.keyboard.type('I morse');
    await page.keyboard.press('Enter');
    await page.keyboard.press('ArrowDown');
    await expect(triage.currentRow).toHaveAttribute('data-row-key', 'buksmarta-vuxen/chock');
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
  await hangUp(backend, call.externalRef).catch(() => undefined);
});
