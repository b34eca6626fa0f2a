// Findings and the signing gate end to end: a febrile newborn's temperature decides the level, and a provisional triage is signed only with a reason.
import { test, expect, screenshot } from './support/fixtures';
import { SignInPage } from './pages/SignInPage';
import { TriagePanelPage } from './pages/TriagePanelPage';
import { CaseListPage } from './pages/CaseListPage';
import { CaseIdentificationPage } from './pages/CaseIdentificationPage';
import { CaseViewPage } from './pages/CaseViewPage';

const PASSWORD = 'firstline-demo';
/** Region Östergötland's second demo nurse: no other end-to-end test signs in with this account. */
const NURSE = 'SE2321000016-OSTN2';

test('the temperature entered once decides infant fever, and a provisional triage is signed only with a reason', async ({
  page,
  workstation,
}, testInfo) => {
  test.setTimeout(120_000);
  const signIn = new SignInPage(page);
  await signIn.open(workstation.url);
  await signIn.signIn(NURSE, PASSWORD);
  const list = new CaseListPage(page);
  await list.open();
  await page.keyboard.press('Alt+N');
  const form = new CaseIdentificationPage(page);
  await form.unidentified.check();
  await form.description.fill('Pappa ringer om sin son, fem veckor');
  await form.create.click();

  const triage = new TriagePanelPage(page);
  const view = new CaseViewPage(page);
  const findings = page.getByTestId('triage-findings');
  await page.getByTestId('triage-age-input').fill('5 v');
  await findings.getByRole('radio', { name: 'Man', exact: true }).check();
  // A boy: pregnancy week and the risk factors of pregnancy and birth are not offered.
  await expect(page.getByTestId('finding-pregnancyWeek')).toHaveCount(0);
  await expect(findings.getByRole('checkbox', { name: 'Graviditet' })).toHaveCount(0);

  await page.keyboard.press('Control+k');
  await page.keyboard.type('feber bebis');
  await expect(triage.options.first()).toHaveAttribute('data-protocol-option', 'feber-spadbarn');
  await page.keyboard.press('Enter');
  await expect(triage.chosen).toContainText('Feber hos spädbarn under 3 månader');

  // Before a temperature is entered, the rule that reads it keeps the level provisional and the field says so.
  await expect(triage.preliminary).toBeVisible();
  await expect(findings).toContainText('Behövs för bedömningen');
  const temperature = page.getByTestId('finding-temperatureC');
  await temperature.fill('384');
  await expect(findings).toContainText('Ska vara mellan 34 och 43,5.');
  await temperature.fill('38,4');
  await expect(triage.level).toHaveText('2 Omgående');
  await expect(triage.deciding).toContainText('Spädbarn med uppmätt temperatur 38,0 grader eller mer');
  await screenshot(page, testInfo, 'triage-findings-light');
  await page.emulateMedia({ colorScheme: 'dark' });
  await screenshot(page, testInfo, 'triage-findings-dark');
  await page.emulateMedia({ colorScheme: 'light' });

  // The level-1 red flags are still unasked: signing is refused and the nurse is asked why.
  await expect(triage.preliminary).toBeVisible();
  await expect(triage.saveStatus).toHaveAttribute('data-status', 'saved');
  const bedomning = view.field('Bedömning');
  await expect(bedomning).toHaveValue(/Uppgifter: temperatur 38,4 °C\./);
  // The caller's words hold an alarm word the level does not answer: an alert until the nurse has dealt with it.
  await view
    .field('Kontaktorsak')
    .fill('Feber hos bebis, fem veckor. Pappa tyckte att han var blå runt munnen.');
  const alarm = page.getByTestId('triage-alarm-words');
  await expect(alarm).toContainText(
    '”blå” (kontaktorsak): Blå eller grå hudfärg – kan betyda 1 Ring 112 nu.',
  );
  await screenshot(page, testInfo, 'triage-alarm-word-light');
  await alarm.getByRole('button', { name: 'Kvittera' }).click();
  await expect(alarm).toHaveCount(0);
  await view.field('Hänvisning').fill('Barnakuten, Universitetssjukhuset i Linköping, inom en timme.');
  await expect(view.saveState).toHaveText(/^Utkastet sparat \d\d:\d\d$/);
  await view.signButton.click();
  const gate = page.getByRole('dialog', { name: 'Triaget är preliminärt' });
  await expect(gate).toBeVisible();
  await expect(gate.getByTestId('provisional-open-items')).toContainText('1 Ring 112 nu');
  await expect(view.signedNotes).toHaveCount(0);
  await screenshot(page, testInfo, 'triage-provisional-gate-light');

  // Back to the questions first: nothing is signed; then the call drops, and the reason is signed with the note.
  await gate.getByRole('button', { name: 'Tillbaka till frågorna' }).click();
  await expect(gate).toHaveCount(0);
  await expect(view.signedNotes).toHaveCount(0);
  await view.signButton.click();
  await expect(gate).toBeVisible();
  await gate.getByRole('button', { name: 'Signera: Samtalet bröts' }).click();
  await expect(gate).toHaveCount(0);
  await expect(view.signedNotes).toHaveCount(1);
  await expect(view.signedNotes.first()).toContainText('Signerad som preliminär: Samtalet bröts.');
  await expect(view.signedNotes.first()).toContainText('temperatur 38,4 °C');

  // The case's stored triage keeps the findings and the reason.
  await triage.record.getByRole('button').first().click();
  await expect(triage.record.getByTestId('triage-record-findings')).toHaveText(
    'Uppgifter: Temperatur (°C): 38,4',
  );
});
