// Referral end to end: a triaged case gets suggestions for the patient's place, the nurse opens the exclusions, picks a unit with the keyboard, and the receipt (PDF download, SMS) shows it.
import { readFile } from 'node:fs/promises';
import { test, expect, screenshot, startDemoBackend, startWorkstation, stop } from './support/fixtures';
import { SignInPage } from './pages/SignInPage';
import { ReferralPanelPage } from './pages/ReferralPanelPage';
import { newCase, triageAbdominalPainToOmgaende } from './support/caseFlows';
import { generatePersonnummer } from '../../core/identity/testNumbers';
import { pdfText } from '../main/referral/pdfText';

// Region Uppsala's second demo nurse: no other end-to-end test signs in with this account.
const NURSE = { hsaId: 'SE2321000016-UPPN2', name: 'David Sundqvist', title: 'Distriktssköterska' };
const PASSWORD = 'firstline-demo';
/** The akutmottagning of Uppsala's demo catalog: open around the clock, so the test holds at any hour. */
const AKUTEN = 'Akutmottagningen Akademiska sjukhuset (demo)';
const KONTAKTORSAK = 'Ont i magen sedan i morse';

test('a triaged case gets referral suggestions, the nurse reads the exclusions, picks a unit and hands out the receipt', async ({
  page,
  workstation,
}, testInfo) => {
  test.setTimeout(180_000);
  const signIn = new SignInPage(page);
  await signIn.open(workstation.url);
  await signIn.signIn(NURSE.hsaId, PASSWORD);
  const view = await newCase(
    page,
    generatePersonnummer({ birthDate: '1979-05-22', sex: 'female' }),
    KONTAKTORSAK,
  );

  // No disposition yet: no referral panel.
  const referral = new ReferralPanelPage(page);
  await expect(referral.panel).toHaveCount(0);
  await triageAbdominalPainToOmgaende(page);

  // The referral panel appears with the disposition; the age comes from the case.
  await expect(referral.panel).toBeVisible();
  await expect(referral.panel.locator('[data-level]').first()).toHaveAttribute('data-level', '2');
  await expect(referral.panel).toContainText('Omgående');
  await expect(referral.age).toContainText('Ålder: 4');
  await expect(referral.panel).toContainText('Skriv var patienten är för att få förslag.');
  // The receipt says what it still lacks before it offers anything: no unit is chosen, no hänvisning written.
  await expect(referral.panel.getByTestId('receipt-missing')).toHaveText(
    'Kvittot kan inte göras än. Fyll i: hänvisning (välj en enhet).',
  );
  await expect(referral.receiptPdf).toBeDisabled();

  // A place that is not in the table gets a clear answer; then Alt+H back to the field, and the town.
  await referral.placePatient('Kiruna');
  await expect(referral.panel).toContainText('Orten "Kiruna" finns inte i ortstabellen. Prova postnumret.');
  await page.keyboard.press('Alt+H');
  await expect(referral.location).toBeFocused();
  await referral.placePatient('753 20');
  await expect(referral.locality).toContainText('Uppsala, Region Uppsala');

  // Suggestions: the akutmottagning first, open around the clock, with why and the rule behind it.
  await expect(referral.cards.first()).toContainText(AKUTEN);
  const first = referral.cards.first();
  await expect(first).toContainText('Akutmottagning');
  await expect(first.getByTestId('referral-open-state')).toHaveText('Öppet dygnet runt');
  await expect(first).toContainText('Kapacitet');
  await expect(first).toContainText('km');
  await expect(first.getByTestId('referral-rule-source')).toHaveText('Nationell standard v1');
  await expect(first).toContainText(/handsval för Omgående \(2\)/);
  await expect(referral.panel).toContainText('↑');
  await referral.panel.scrollIntoViewIfNeeded();
  await screenshot(page, testInfo, 'referral-suggestions-light');
  await referral.panel.screenshot({ path: testInfo.outputPath('referral-panel.png') });

  // The exclusions, on demand: each unit left out with the first criterion it failed.
  const toggle = referral.excludedToggle;
  await expect(toggle).toHaveText(/^Visa uteslutna \(\d+\)$/);
  const count = Number((await toggle.textContent())!.match(/\((\d+)\)/)![1]);
  await toggle.click();
  await expect(referral.excludedUnits).toHaveCount(count);
  const narakut = referral.excludedUnit('Närakuten Uppsala (demo)');
  await expect(narakut.locator('[data-criterion]')).toHaveText('Vårdnivå');
  await expect(narakut).toContainText('Närakut används inte för Omgående (2)');
  const barnakut = referral.excludedUnit('Barnakuten Akademiska sjukhuset (demo)');
  await expect(barnakut.locator('[data-criterion]')).toHaveText('Ålder');
  await expect(barnakut).toContainText('Tar bara emot upp till 17 år');
  await barnakut.scrollIntoViewIfNeeded();
  await screenshot(page, testInfo, 'referral-exclusions-light');
  await toggle.click();
  await expect(referral.excluded).toHaveCount(0);

  // Keyboard: from the place field down into the suggestions, Enter chooses the focused one.
  await referral.location.focus();
  await page.keyboard.press('ArrowDown');
  await expect(first).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(first).toHaveAttribute('aria-selected', 'true');
  await expect(first).toContainText('Vald');
  // The note's hänvisning is filled with the chosen unit (the nurse can still edit it).
  await expect(view.field('Hänvisning')).toHaveValue(
    /^Akutmottagningen Akademiska sjukhuset \(demo\) \(akutmottagning\), /,
  );
  // The advice names the same unit, not the protocol's generic place.
  await expect(view.field('Råd')).toHaveValue(
    /Akutmottagningen Akademiska sjukhuset \(demo\) \(akutmottagning\)/,
  );
  await expect(view.saveState).toContainText('Utkastet sparat');
  await expect(referral.panel.getByTestId('receipt-missing')).toHaveCount(0);

  // The manual search finds units by town without å/ä/ö.
  await referral.search.fill('enkoping');
  await expect(referral.searchResults.first()).toContainText('Enköping');
  await referral.search.fill('');

  // The receipt as PDF: downloaded, and its text shows the note and the chosen unit.
  const downloading = page.waitForEvent('download');
  await referral.receiptPdf.click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^hanvisningskvitto-\d{4}-\d{2}-\d{2}-\d{4}\.pdf$/);
  const pdf = await readFile((await download.path())!);
  const text = pdfText(pdf);
  for (const expected of [
    'Hänvisningskvitto',
    'Region Uppsala',
    'DEMO',
    'Ont i magen sedan i morse',
    AKUTEN,
    'Telefon:',
    'Öppet i dag: dygnet runt',
    '2 – Omgående: inom 1 timme',
    `${NURSE.name}, ${NURSE.title}`,
    'ring 112',
  ]) {
    expect(text).toContain(expected);
  }

  // By SMS: a landline is refused on the spot; a mobile number is confirmed, then sent.
  await referral.phone.fill('018-611 00 00');
  await referral.phone.blur();
  await expect(referral.panel).toContainText('Ett mobilnummer har tio siffror och börjar med 07');
  await expect(referral.sendSms).toBeDisabled();
  await referral.phone.fill('070-174 06 05');
  await referral.phone.press('Enter');
  await expect(referral.smsConfirm).toBeVisible();
  await expect(referral.smsConfirm).toContainText('070-174 06 05');
  await expect(referral.smsConfirm).toContainText('inte kontaktorsaken');
  await screenshot(page, testInfo, 'referral-sms-confirm-light');
  await referral.smsConfirm.getByRole('button', { name: 'Skicka' }).click();
  await expect(referral.smsSent).toContainText('Skickat till +46 7••••••05');
  await referral.panel.scrollIntoViewIfNeeded();
  await screenshot(page, testInfo, 'referral-receipt-light');

  // Night shift: the same panel in dark mode.
  await page.emulateMedia({ colorScheme: 'dark' });
  await referral.panel.scrollIntoViewIfNeeded();
  await screenshot(page, testInfo, 'referral-panel-dark');

  // The receipt itself, as Chromium shows the downloaded PDF.
  const receiptPage = await page.context().newPage();
  await receiptPage.setContent(
    `<!doctype html><html lang="sv"><head><title>Hänvisningskvitto</title></head><body style="margin:0">` +
      `<embed src="data:application/pdf;base64,${pdf.toString('base64')}" type="application/pdf" style="width:100%;height:100vh">` +
      `</body></html>`,
  );
  await receiptPage.waitForTimeout(1500);
  await screenshot(receiptPage, testInfo, 'referral-receipt-pdf');
  await receiptPage.close();
});

test('when the backend goes away, referral goes on from the catalog on the workstation and says how old it is', async ({
  page,
}, testInfo) => {
  test.setTimeout(240_000);
  // A backend of its own, since this test stops it (the worker's shared one must stay up).
  const backend = await startDemoBackend();
  const workstation = await startWorkstation(backend.url);
  try {
    const signIn = new SignInPage(page);
    await signIn.open(workstation.url);
    await signIn.signIn('SE2321000016-GOTN1', PASSWORD);
    await newCase(page, generatePersonnummer({ birthDate: '1991-11-03', sex: 'female' }), KONTAKTORSAK);
    await triageAbdominalPainToOmgaende(page);

    const referral = new ReferralPanelPage(page);
    await referral.placePatient('Visby');
    await expect(referral.cards.first()).toContainText('Akutmottagningen Visby lasarett (demo)');
    await expect(referral.catalogNote).not.toContainText('ingen anslutning');

    await stop(backend);
    // The catalog in use is the one fetched at sign-in: its time is shown once the connection is gone.
    await expect(referral.catalogNote).toContainText(/Katalog från \d{2}:\d{2} · ingen anslutning/, {
      timeout: 40_000,
    });
    // Suggestions still come, from the workstation's own copy: a need changes them at once.
    await referral.panel.getByRole('button', { name: 'gips' }).click();
    await expect(referral.panel.getByRole('button', { name: 'gips' })).toHaveAttribute(
      'aria-pressed',
      'true',
    );
    await expect(referral.cards.first()).toContainText('Akutmottagningen Visby lasarett (demo)');
    await expect(referral.cards.first()).toContainText('Har gips');
    await referral.panel.scrollIntoViewIfNeeded();
    await screenshot(page, testInfo, 'referral-offline-light');
  } finally {
    await stop(workstation);
    await stop(backend);
  }
});
