// Cases end to end: identify a patient, write and sign the advice-contact note with the keyboard, amend it, find the case, and see a repeat caller flagged.
import { test, expect, screenshot } from './support/fixtures';
import { SignInPage } from './pages/SignInPage';
import { CaseListPage } from './pages/CaseListPage';
import { CaseIdentificationPage } from './pages/CaseIdentificationPage';
import { CaseViewPage } from './pages/CaseViewPage';
import { generatePersonnummer, withWrongCheckDigit } from '../../core/identity/testNumbers';

// Region Örebro's demo nurses; no other end-to-end test signs in with them.
const NURSE = { hsaId: 'SE2321000016-OREN1', name: 'Frida Holmberg', title: 'Sjuksköterska' };
const SECOND_NURSE = 'SE2321000016-OREN2';
const PASSWORD = 'firstline-demo';

function ageOn(birthDate: string, today = new Date()): number {
  const [year, month, day] = birthDate.split('-').map(Number) as [number, number, number];
  const hadBirthday =
    today.getMonth() + 1 > month || (today.getMonth() + 1 === month && today.getDate() >= day);
  return today.getFullYear() - year - (hadBirthday ? 0 : 1);
}

test('a nurse identifies a patient, signs the note with Ctrl+Enter, amends it, finds the case and sees the repeat caller', async ({
  page,
  workstation,
}, testInfo) => {
  // One nurse's whole contact, from identification to the repeat call: longer than the default budget.
  test.setTimeout(120_000);
  const patient = generatePersonnummer({ birthDate: '1986-02-14', sex: 'female' });
  const signIn = new SignInPage(page);
  await signIn.open(workstation.url);
  await signIn.signIn(NURSE.hsaId, PASSWORD);

  const list = new CaseListPage(page);
  await list.open();
  await expect(list.mineToday).toHaveAttribute('aria-selected', 'true');
  await expect(list.empty).toContainText('Du har inga ärenden i dag ännu.');
  await expect(list.empty).toContainText('Alt+N');
  await screenshot(page, testInfo, 'cases-list-empty');

  // "Nytt ärende" with its shortcut; an invalid number gets the parser's precise Swedish error.
  await page.keyboard.press('Alt+N');
  const form = new CaseIdentificationPage(page);
  await expect(form.dialog).toBeVisible();
  await expect(form.number).toBeFocused();
  await page.keyboard.type(withWrongCheckDigit(patient.normalized));
  await expect(form.feedback).toHaveText('Kontrollsiffran stämmer inte – kontrollera numret');
  await expect(form.number).toHaveAttribute('aria-invalid', 'true');
  await screenshot(page, testInfo, 'cases-identification-error');
  await form.number.fill('19860230-9802');
  await expect(form.feedback).toHaveText('Datumet 1986-02-30 finns inte');
  await form.create.click();
  await expect(form.dialog).toBeVisible();

  // The correct number, typed in the 10-digit form with a hyphen: birth date, age and sex appear.
  await form.number.fill(`${patient.tenDigits.slice(0, 6)}-${patient.tenDigits.slice(6)}`);
  const age = ageOn(patient.birthDate);
  await expect(form.feedback).toHaveText(`Personnummer · född 1986-02-14 · ${age} år · Kvinna`);
  await form.kontaktorsak.fill('Feber och hosta sedan tre dagar');
  await screenshot(page, testInfo, 'cases-identification-valid');
  await form.kontaktorsak.press('Enter');

  const view = new CaseViewPage(page);
  await expect(view.patientNumber).toHaveText(patient.display);
  await expect(view.patientFacts).toHaveText(`${age} år · Kvinna · Född 1986-02-14`);
  await expect(view.caller).toHaveText('Uppringare: Patienten själv');
  await expect(view.repeatWarning).toHaveCount(0);
  await expect(view.field('Kontaktorsak')).toHaveValue('Feber och hosta sedan tre dagar');
  await expect(view.responsible).toHaveText(`${NURSE.name}, ${NURSE.title} (${NURSE.hsaId})`);

  // Ctrl+Enter with parts missing lists them instead of signing.
  await view.field('Bedömning').click();
  await page.keyboard.press('Control+Enter');
  await expect(view.missingDialog).toBeVisible();
  await expect(view.missingDialog.getByTestId('missing-for-signing')).toHaveText(
    /Bedömning.*Råd.*Brådskegrad/,
  );
  await view.missingDialog.getByRole('button', { name: 'Tillbaka till anteckningen' }).click();
  await expect(view.field('Bedömning')).toBeFocused();
  await expect(view.signedNotes).toHaveCount(0);

  await page.keyboard.type('Opåverkad i telefon, andas utan besvär, dricker bra. Feber 38,6.');
  await view
    .field('Råd')
    .fill('Vila, drick mycket, febernedsättande vid behov. Ring igen vid andningsbesvär.');
  await view.field('Hänvisning').fill('Vårdcentral inom ett dygn om febern kvarstår.');
  await view.chooseBradskegrad('4 · Inom ett dygn');
  await expect(view.saveState).toHaveText(/^Utkastet sparat \d\d:\d\d$/);
  await page.locator('main').evaluate((main) => main.scrollTo(0, 0));
  await screenshot(page, testInfo, 'case-view');

  await view.field('Råd').click();
  await page.keyboard.press('Control+Enter');
  await expect(view.signedNotes).toHaveCount(1);
  await expect(view.editor).toHaveCount(0);
  const signed = view.signedNotes.first();
  await expect(signed.getByTestId('signed-by')).toContainText(
    `av ${NURSE.name}, ${NURSE.title} (${NURSE.hsaId})`,
  );
  await expect(signed.locator('[data-field="rad"]')).toHaveText(
    'Vila, drick mycket, febernedsättande vid behov. Ring igen vid andningsbesvär.',
  );
  await expect(signed.getByRole('textbox')).toHaveCount(0);
  await screenshot(page, testInfo, 'case-note-signed');

  // Amend: a new draft prefilled from the signed note, signed in turn; the first version is kept, superseded.
  await signed.getByRole('button', { name: 'Ändra/komplettera' }).click();
  await expect(view.editor).toContainText('Komplettering (utkast) av version 1');
  await expect(view.field('Råd')).toHaveValue(
    'Vila, drick mycket, febernedsättande vid behov. Ring igen vid andningsbesvär.',
  );
  await view.field('Råd').press('End');
  await page.keyboard.type(' Återkommer i kväll med temperaturen.');
  await page.keyboard.press('Control+Enter');
  await expect(view.signedNotes).toHaveCount(2);
  await expect(view.signedNotes.nth(0)).toHaveAttribute('data-superseded', 'true');
  await expect(view.signedNotes.nth(0)).toContainText('Ersatt av en senare komplettering');
  await expect(view.signedNotes.nth(1)).toContainText('Version 2');
  await expect(view.signedNotes.nth(1)).toContainText('Komplettering av anteckningen signerad i dag');
  await expect(view.signedNotes.nth(1).locator('[data-field="rad"]')).toHaveText(/Återkommer i kväll/);
  await expect(view.signedNotes.nth(1).getByRole('button', { name: 'Ändra/komplettera' })).toBeVisible();
  await expect(view.signedNotes.nth(0).getByRole('button', { name: 'Ändra/komplettera' })).toHaveCount(0);
  await screenshot(page, testInfo, 'case-note-amended');

  // Back to the list: the case is there, and the search finds it by the number in another form.
  await page.keyboard.press('Alt+L');
  await expect(list.rows).toHaveCount(1);
  await expect(list.row(patient.display)).toContainText('Signerad');
  await expect(list.row(patient.display).locator('[data-level="4"]')).toHaveText(/Inom ett dygn/);
  await list.region.click();
  await list.searchFor(patient.tenDigits);
  await expect(list.searchChip).toHaveText(`Visar ärenden för ${patient.display}`);
  await expect(list.rows).toHaveCount(1);
  await expect(list.row(patient.display)).toContainText('Feber och hosta sedan tre dagar');
  await list.searchFor(withWrongCheckDigit(patient.normalized));
  await expect(page.getByText('Kontrollsiffran stämmer inte – kontrollera numret')).toBeVisible();
  await list.searchFor(patient.normalized);
  await expect(list.rows).toHaveCount(1);
  await screenshot(page, testInfo, 'cases-list-search');
  await list.mineToday.click();
  await page.getByRole('button', { name: 'Rensa sökningen' }).click();
  await expect(list.searchChip).toHaveCount(0);
  await expect(list.rows).toHaveCount(1);
  await screenshot(page, testInfo, 'cases-list-filled');

  // A second contact for the same patient raises the repeat-caller warning, in red, with the earlier time.
  await page.keyboard.press('Alt+N');
  await expect(form.number).toBeFocused();
  await page.keyboard.type(patient.normalized);
  await expect(form.kontaktorsak).toHaveValue('');
  await expect(form.feedback).toHaveAttribute('data-valid', 'true');
  await form.create.click();
  await expect(view.patientNumber).toHaveText(patient.display);
  await expect(view.repeatWarning).toBeVisible();
  await expect(view.repeatWarning).toHaveAttribute('data-severity', 'error');
  await expect(view.repeatWarning).toContainText('Upprepad kontakt');
  await expect(view.repeatWarning).toContainText(/i dag \d\d:\d\d \(\d+ min sedan\) · Frida Holmberg/);
  await expect(view.repeatWarning).toContainText('Kontaktorsak: Feber och hosta sedan tre dagar');
  // The cursor waits in the note's first field.
  await expect(view.field('Kontaktorsak')).toBeFocused();
  await screenshot(page, testInfo, 'case-repeat-caller');

  // The same case view at night.
  await page.getByRole('button', { name: 'Inställningar' }).click();
  await page.getByRole('menuitem', { name: 'Mörkt läge' }).click();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('menu')).toHaveCount(0);
  await expect
    .poll(() => page.evaluate(() => getComputedStyle(document.body).backgroundColor))
    .toBe('rgb(14, 18, 23)');
  await screenshot(page, testInfo, 'case-view-dark');
  await page.keyboard.press('Alt+L');
  await expect(list.rows.first()).toBeVisible();
  await screenshot(page, testInfo, 'cases-list-dark');
});

test('an unidentified patient is documented with a third-party caller', async ({
  page,
  workstation,
}, testInfo) => {
  const signIn = new SignInPage(page);
  await signIn.open(workstation.url);
  await signIn.signIn(SECOND_NURSE, PASSWORD);
  const list = new CaseListPage(page);
  await list.open();
  await list.newCase.click();

  const form = new CaseIdentificationPage(page);
  await form.unidentified.check();
  await expect(form.description).toBeFocused();
  await form.create.click();
  await expect(form.dialog.getByText('Beskriv patienten, t.ex. ungefärlig ålder och kön.')).toBeVisible();
  await form.description.fill('Man omkring 80 år, förvirrad');
  await form.thirdParty.check();
  await form.callerName.fill('Maria Lund');
  await form.relation('Barn');
  await form.callerPhone.fill('070-111 22 33');
  await screenshot(page, testInfo, 'cases-identification-unidentified');
  await form.create.click();

  const view = new CaseViewPage(page);
  await expect(view.patientNumber).toHaveText('Man omkring 80 år, förvirrad');
  await expect(view.caller).toHaveText('Uppringare: Maria Lund (Barn), tel. 070-111 22 33');
  await expect(view.repeatWarning).toHaveCount(0);
  await page.keyboard.press('Alt+L');
  await expect(list.row('Man omkring 80 år, förvirrad')).toContainText('Oidentifierad patient');
});
