// Call handling end to end, with the simulator off and calls injected through the telephony route: keyboard from ring to signed note, urgency order, red-flag alerts, ring-out, callbacks, offline.
import { test, expect, screenshot, injectCall, hangUp } from './support/calls';
import { SignInPage } from './pages/SignInPage';
import { CaseViewPage } from './pages/CaseViewPage';
import { CallsPage } from './pages/CallsPage';
import { generatePersonnummer } from '../../core/identity/testNumbers';
import type { Page, TestInfo } from '@playwright/test';
import { startProcess, startWorkstation, stop, type RunningProcess } from './support/fixtures';

// Every test works in its own demo region, so the injected calls of one never ring in another.
const PASSWORD = 'firstline-demo';

async function signIn(page: Page, url: string, hsaId: string): Promise<CallsPage> {
  const signInPage = new SignInPage(page);
  await signInPage.open(url);
  await signInPage.signIn(hsaId, PASSWORD);
  const calls = new CallsPage(page);
  await calls.section.waitFor();
  // A nurse starts her shift away from the queue ("Utloggad").
  await expect(calls.presence).toHaveAttribute('data-state', 'offline');
  return calls;
}

test('a nurse takes a call with the keyboard: available, answer with F2, the case pops up, document, end with F8, sign and available again', async ({
  page,
  workstation,
  backend,
}, testInfo) => {
  test.setTimeout(120_000);
  const patient = generatePersonnummer({ birthDate: '1979-11-03', sex: 'male' });
  const calls = await signIn(page, workstation.url, 'SE2321000016-KALN1');
  await expect(calls.queueEmpty).toHaveText('Ingen väntar i kön just nu.');
  await expect(calls.becomeAvailable).toContainText('F9');
  await calls.screenshotBoth(testInfo, 'calls-queue-empty');

  // F9: available.
  await page.keyboard.press('F9');
  await expect(calls.presence).toHaveAttribute('data-state', 'available');
  await expect(calls.presence).toHaveText('Tillgänglig');

  const call = await injectCall(backend, {
    regionId: 'kalmar',
    callerNumber: '+46 480 12 34 56',
    personnummer: patient.normalized,
    answers: [
      { code: 'chest-pain', answer: 'no' },
      { code: 'breathing-difficulty', answer: 'no-answer' },
      { code: 'high-fever', answer: 'yes' },
    ],
  });
  await expect(calls.offer).toBeVisible();
  await expect(calls.offer).toHaveAttribute('data-call-id', call.callId);
  await expect(calls.offer).toContainText('Inkommande samtal');
  await expect(calls.offerPersonnummer).toHaveText(patient.display);
  await expect(calls.offer).toContainText('Har du hög feber (över 39 °C)? Ja');
  // The number as a nurse dials it, not in the phone platform's international form.
  await expect(calls.offer).toContainText('0480123456');
  await expect(calls.acceptButton).toContainText('F2');
  await expect(calls.offer.getByTestId('offer-countdown')).toContainText(/Ringer – \d+ s kvar att svara/);
  // The offer rings for 20 seconds: one quick picture, the dark one is taken in the red-flag test.
  await screenshot(page, testInfo, 'calls-offer-light');

  // F2 answers; the case opens with the caller's personnummer, says when the call came, from which number
  // and queue (never the call's id), and lists the phone-menu answers as facts, leaving the kontaktorsak
  // for the caller's own words.
  await page.keyboard.press('F2');
  await expect(calls.offer).toHaveCount(0);
  await expect(calls.callBar).toHaveAttribute('data-state', 'on-call');
  await expect(calls.presence).toHaveAttribute('data-state', 'on-call');
  await expect(calls.callTimer).toHaveText(/^0:0\d$/);
  await expect(calls.callBar).toContainText('Nummer 0480123456');
  const view = new CaseViewPage(page);
  await expect(view.patientNumber).toHaveText(patient.display);
  await expect(page.getByTestId('case-call')).toHaveText(
    /^Samtal \d\d:\d\d från 0480123456 · kö: Region Kalmar län$/,
  );
  await expect(view.view).not.toContainText(call.callId);
  const facts = page.getByTestId('phone-menu-facts');
  await expect(facts.locator('[data-code="chest-pain"] dt')).toHaveText('Har du ont i bröstet just nu?');
  await expect(facts.locator('[data-code="chest-pain"] dd')).toHaveText('Nej');
  await expect(facts.locator('[data-code="breathing-difficulty"] dd')).toHaveText(
    'Inget svar – inte uteslutet, fråga',
  );
  await expect(facts.locator('[data-code="high-fever"] dd')).toHaveText('Ja');
  await expect(view.field('Kontaktorsak')).toHaveValue('');

  // She identifies the patient with the caller: the number's birth date, age and sex are on screen.
  await expect(view.patientFacts).toContainText('Man');
  await expect(view.patientFacts).toContainText('1979-11-03');
  await expect(view.caller).toHaveText('Uppringare: Patienten själv');

  await view.field('Kontaktorsak').fill('Feber sedan i går, ingen bröstsmärta.');
  await view.field('Bedömning').fill('Opåverkad i telefon, andas lugnt. Feber 39,2.');
  await view
    .field('Råd')
    .fill('Vila, drick mycket, febernedsättande vid behov. Ring igen om andningsbesvär.');
  await view.field('Hänvisning').fill('Egenvård; vårdcentral om febern kvarstår efter tre dagar.');
  await view.chooseBradskegrad('6 · Egenvård');
  await expect(view.saveState).toHaveText(/^Utkastet sparat \d\d:\d\d$/);
  await expect(calls.callTimer).not.toHaveText('0:00');
  await calls.scrollToTop();
  await calls.screenshotBoth(testInfo, 'calls-active-call');

  // F8 ends the call: after-call work with the regional timer, and the hint how to finish.
  await view.field('Råd').click();
  await page.keyboard.press('F8');
  await expect(calls.callBar).toHaveAttribute('data-state', 'after-call-work');
  await expect(calls.presence).toHaveAttribute('data-state', 'after-call-work');
  await expect(page.getByTestId('acw-timer')).toHaveText(/^\d:\d\d kvar$/);
  await expect(page.getByTestId('sign-hint')).toHaveText(
    'Signera anteckningen med Ctrl+Enter – då blir du tillgänglig igen.',
  );
  await expect(calls.endAfterCallWork).toContainText('F9');
  await calls.scrollToTop();
  await calls.screenshotBoth(testInfo, 'calls-after-call-work');

  // Ctrl+Enter signs the note, which ends after-call work: available again.
  await view.field('Råd').click();
  await page.keyboard.press('Control+Enter');
  await expect(view.signedNotes).toHaveCount(1);
  await expect(calls.presence).toHaveAttribute('data-state', 'available');
  await expect(calls.callBar).toHaveCount(0);
  await hangUp(backend, call.externalRef);
});

test('a red-flag caller is offered before two green callers who rang earlier', async ({
  page,
  workstation,
  backend,
}, testInfo) => {
  const calls = await signIn(page, workstation.url, 'SE2321000016-JONN1');
  const first = await injectCall(backend, { regionId: 'jonkoping', callerNumber: '036-100 100' });
  const second = await injectCall(backend, {
    regionId: 'jonkoping',
    callerNumber: '036-200 200',
    language: 'ar',
  });
  const red = await injectCall(backend, {
    regionId: 'jonkoping',
    callerNumber: '036-300 300',
    answers: [
      { code: 'chest-pain', answer: 'yes' },
      { code: 'breathing-difficulty', answer: 'yes' },
    ],
  });
  expect(red.urgencyClass).toBe('red');

  // The queue: red first, with its flags in Swedish, then the greens in the order they rang.
  await expect(calls.queueRows).toHaveCount(3);
  await expect(calls.queueRows.nth(0)).toHaveAttribute('data-call-id', red.callId);
  await expect(calls.queueRows.nth(1)).toHaveAttribute('data-call-id', first.callId);
  await expect(calls.queueRows.nth(2)).toHaveAttribute('data-call-id', second.callId);
  const redRow = calls.queueRow(red.callId);
  await expect(redRow.getByTestId('red-flags')).toHaveText(/Bröstsmärta.*Andningssvårigheter/);
  await expect(redRow.getByTestId('queue-position')).toHaveText('1');
  await expect(calls.queueRow(second.callId)).toContainText('arabiska');
  // Why is it there? The explanation opens with the keyboard.
  await redRow.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('queue-explanation').first()).toBeVisible();
  await expect(page.getByTestId('queue-explanation').first()).not.toBeEmpty();
  // In words a nurse reads, not a formula: the urgency, the wait, and whom the caller goes before.
  const explanation = page.getByTestId('queue-explanation').first();
  await expect(explanation).toContainText(
    /^Plats 1 av 3\. Röd flagga: bröstsmärta, andningssvårigheter – väntat [\d a-z]+\. Först i kön\./,
  );
  await expect(explanation).toContainText(
    'Går före 2 samtal som väntat längre men är mindre brådskande (gröna).',
  );
  await expect(explanation).not.toContainText(/prioritet|×/);
  // Waits tick on screen.
  const waited = await calls.queueRow(first.callId).getByTestId('queue-waited').textContent();
  await expect(calls.queueRow(first.callId).getByTestId('queue-waited')).not.toHaveText(waited ?? '');
  // She is not available, so the red caller raises no alert on her screen.
  await expect(calls.redFlagAlerts).toHaveCount(0);
  await calls.screenshotBoth(testInfo, 'calls-queue');

  await page.keyboard.press('F9');
  await expect(calls.offer).toHaveAttribute('data-call-id', red.callId);
  await expect(calls.offer.getByTestId('red-flags')).toHaveText(/Bröstsmärta.*Andningssvårigheter/);
  await expect(calls.offer).toHaveAttribute('data-urgency', 'red');
  await expect(calls.queueRow(red.callId)).toContainText('Ringer hos dig');
  await screenshot(page, testInfo, 'calls-offer-red-flag-light');
  await calls.setTheme('dark');
  await screenshot(page, testInfo, 'calls-offer-red-flag-dark');
  await calls.setTheme('light');
  await calls.choosePresence('offline');
  await expect(calls.presence).toHaveAttribute('data-state', 'offline');
  for (const call of [first, second, red]) await hangUp(backend, call.externalRef);
});

test('a red-flag caller still waiting raises an alert for an available nurse, closable and raised again', async ({
  page,
  workstation,
  backend,
}, testInfo) => {
  test.setTimeout(120_000);
  // The page's clock can be moved ahead to see a closed alert come back.
  await page.clock.install();
  const calls = await signIn(page, workstation.url, 'SE2321000016-DALN1');
  await page.keyboard.press('F9');
  await expect(calls.presence).toHaveAttribute('data-state', 'available');

  // A green call rings at her; then a caller with stroke signs has to wait: the alert goes up at once.
  const green = await injectCall(backend, {
    regionId: 'dalarna',
    callerNumber: '023-100 100',
    personnummer: generatePersonnummer({ birthDate: '1954-08-30', sex: 'female' }).normalized,
  });
  await expect(calls.offer).toHaveAttribute('data-call-id', green.callId);
  const red = await injectCall(backend, {
    regionId: 'dalarna',
    callerNumber: '023-200 200',
    answers: [{ code: 'stroke-signs', answer: 'yes' }],
  });
  const alert = page.locator(`[data-testid="red-flag-alert"][data-call-id="${red.callId}"]`);
  await expect(alert).toBeVisible();
  await expect(alert).toContainText('Röd flagga väntar i kön: Strokesymtom');
  await expect(alert.getByTestId('red-flag-waited')).toHaveText(/har väntat \d:\d\d/);
  await expect(alert).toContainText('Svara eller avvisa samtalet som ringer hos dig först.');
  await screenshot(page, testInfo, 'calls-red-flag-alert-light');

  // She answers the green call (on a call the alert gives way) and ends it: in after-call work it is back.
  await page.keyboard.press('F2');
  await expect(calls.callBar).toHaveAttribute('data-state', 'on-call');
  await expect(alert).toHaveCount(0);
  await page.keyboard.press('F8');
  await expect(calls.callBar).toHaveAttribute('data-state', 'after-call-work');
  await expect(alert).toBeVisible();
  await expect(alert).toContainText('Avsluta efterarbetet (F9) för att kunna ta samtalet.');
  await calls.setTheme('dark');
  await screenshot(page, testInfo, 'calls-red-flag-alert-dark');
  await calls.setTheme('light');

  // Closed, it stays away for a minute, then comes back while the caller still waits.
  await alert.getByTestId('dismiss-red-flag').click();
  await expect(alert).toHaveCount(0);
  await page.clock.fastForward(61_000);
  await expect(alert).toBeVisible();

  // F9 ends after-call work; the red caller is offered to her next.
  await page.keyboard.press('F9');
  await expect(calls.offer).toHaveAttribute('data-call-id', red.callId);
  await expect(alert).toHaveCount(0);
  await calls.choosePresence('offline');
  for (const call of [green, red]) await hangUp(backend, call.externalRef);
});

test('an offer that rings out makes the nurse unavailable, tells her why, and F9 makes her available again', async ({
  page,
  workstation,
  backend,
}, testInfo) => {
  // The demo region's offer rings for 20 seconds before it runs out.
  test.setTimeout(90_000);
  const calls = await signIn(page, workstation.url, 'SE2321000016-UPPN1');
  await page.keyboard.press('F9');
  await expect(calls.presence).toHaveAttribute('data-state', 'available');
  const call = await injectCall(backend, { regionId: 'uppsala', callerNumber: '018-100 100' });
  await expect(calls.offer).toHaveAttribute('data-call-id', call.callId);

  await expect(calls.presenceNotice).toHaveAttribute('data-reason', 'offer-timeout', { timeout: 30_000 });
  await expect(calls.offer).toHaveCount(0);
  await expect(calls.presence).toHaveAttribute('data-state', 'break');
  await expect(calls.presence).toHaveText('Paus – Obesvarat samtal');
  await expect(calls.presenceNotice).toContainText('Du är inte tillgänglig');
  await expect(calls.presenceNotice).toContainText('utan svar');
  await expect(calls.presenceNotice).toContainText('F9');
  await expect(calls.queueRow(call.callId)).toContainText('Väntar');
  await calls.screenshotBoth(testInfo, 'calls-rang-out');

  await page.keyboard.press('F9');
  await expect(calls.presence).toHaveAttribute('data-state', 'available');
  await expect(calls.presenceNotice).toHaveCount(0);
  // The call kept its place and rings again.
  await expect(calls.offer).toHaveAttribute('data-call-id', call.callId);
  await calls.choosePresence('offline');
  await hangUp(backend, call.externalRef);
});

test('a nurse books a callback from the call, sees it in the list and records a failed attempt', async ({
  page,
  workstation,
  backend,
}, testInfo) => {
  test.setTimeout(90_000);
  const patient = generatePersonnummer({ birthDate: '2019-06-21', sex: 'female' });
  const calls = await signIn(page, workstation.url, 'SE2321000016-VNLN1');
  await page.keyboard.press('F9');
  const call = await injectCall(backend, {
    regionId: 'vasternorrland',
    callerNumber: '060-12 34 56',
    personnummer: patient.normalized,
    answers: [{ code: 'worsening', answer: 'yes' }],
  });
  await expect(calls.offer).toHaveAttribute('data-call-id', call.callId);
  await page.keyboard.press('F2');
  await expect(calls.callBar).toHaveAttribute('data-state', 'on-call');
  await expect(new CaseViewPage(page).patientNumber).toHaveText(patient.display);

  await calls.callBar.getByTestId('book-callback-from-call').click();
  await expect(calls.callbackForm).toBeVisible();
  const phone = calls.callbackForm.getByTestId('callback-phone');
  // The caller's number as the phone platform gave it (international form).
  await expect(phone).toHaveValue('+4660123456');
  await phone.fill('12ab');
  await calls.callbackForm.getByTestId('callback-reason').fill('Återkoppling: feber hos barnet i kväll');
  await calls.callbackForm.getByTestId('callback-urgency-yellow').click();
  await page.keyboard.press('Control+Enter');
  await expect(calls.callbackForm).toContainText('Numret ska ha 6–15 siffror');
  // Ctrl+Enter in the form books (or says what is wrong); it does not try to sign the note behind it.
  await expect(page.getByRole('dialog', { name: 'Anteckningen kan inte signeras än' })).toHaveCount(0);
  await screenshot(page, testInfo, 'calls-callback-form-error');
  await phone.fill('070-123 45 67');
  await calls.callbackForm.getByRole('button', { name: 'Om 30 min' }).click();
  await page.keyboard.press('Control+Enter');
  await expect(calls.callbackForm).toHaveCount(0);

  await calls.open();
  const item = calls.callbackItems.filter({ hasText: 'Återkoppling: feber hos barnet i kväll' });
  await expect(item).toHaveCount(1);
  await expect(item).toContainText('+46701234567');
  await expect(item.getByTestId('callback-due')).toHaveText(/^Om (29|30) min$/);
  await expect(item).toContainText('0 av 3 försök');
  await expect(calls.callbacksPanel).toContainText('Återuppringning bokad');
  await expect(page.getByTestId('callbacks-due-count')).toHaveText(
    '1 återuppringning att ringa inom en timme',
  );
  await calls.screenshotBoth(testInfo, 'calls-callbacks');

  await item.getByTestId('record-attempt').click();
  await page.getByTestId('attempt-no-answer').click();
  await expect(item).toContainText('1 av 3 försök');
  await expect(item).toContainText('Senast: inget svar');

  // The parent calls in again and gets help: the callback is cancelled, with the reason, and leaves the list.
  await item.getByTestId('cancel-callback').click();
  const cancelDialog = page.getByTestId('cancel-callback-dialog');
  await expect(cancelDialog).toContainText('+46701234567');
  await expect(page.getByTestId('cancel-callback-reason')).toBeFocused();
  await page.keyboard.type('Ja');
  await page.keyboard.press('Control+Enter');
  await expect(cancelDialog).toContainText('Skriv minst tre tecken om varför.');
  await page.keyboard.type(', ringde själv och fick hjälp');
  await screenshot(page, testInfo, 'calls-callback-cancel');
  await page.keyboard.press('Control+Enter');
  await expect(cancelDialog).toHaveCount(0);
  await expect(item).toHaveCount(0);
  await expect(calls.callbacksPanel).not.toContainText('Återuppringning bokad');
  await expect(page.getByTestId('callbacks-due-count')).toHaveCount(0);

  await page.keyboard.press('F8');
  await expect(calls.callBar).toHaveAttribute('data-state', 'after-call-work');
  await page.keyboard.press('F9');
  await expect(calls.presence).toHaveAttribute('data-state', 'available');
  await calls.choosePresence('offline');
});

test('without the regional backend the queue says so and the presence cannot change, while cases stay open', async ({
  page,
}, testInfo) => {
  test.setTimeout(180_000);
  // A backend and workstation of its own to stop: the worker's backend serves the other call specs after this one.
  const started = await startProcess('scripts/web.ts', [
    '--backend-only',
    '--data-dir',
    'memory',
    '--no-simulator',
  ]);
  const backend: RunningProcess = { url: started.info.backendUrl!, process: started.process };
  const workstation = await startWorkstation(backend.url);
  try {
    await offlineQueue(page, workstation.url, backend, testInfo);
  } finally {
    await stop(workstation);
    await stop(backend);
  }
});

async function offlineQueue(page: Page, url: string, backend: RunningProcess, testInfo: TestInfo) {
  const calls = await signIn(page, url, 'SE2321000016-OSTN1');
  await expect(calls.queueEmpty).toBeVisible();
  backend.process.kill('SIGTERM');
  await new Promise((resolve) => backend.process.once('exit', resolve));
  await expect(page.getByTestId('offline-banner')).toBeVisible({ timeout: 20_000 });
  await expect(calls.queueOffline).toContainText('Ingen kontakt med regionens server');
  await expect(calls.queueOffline).toContainText('Ärenden och anteckningar fungerar som vanligt');
  await expect(calls.presence).toBeDisabled();
  await calls.screenshotBoth(testInfo, 'calls-queue-offline');
  await page.keyboard.press('Alt+2');
  await expect(page.getByTestId('nav-cases')).toHaveAttribute('aria-selected', 'true');
}
