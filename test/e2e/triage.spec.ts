// Guided triage end to end: the Protokoll section's search, and a nurse triaging a call from the keyboard into a signed note.
import { test, expect, screenshot } from './support/fixtures';
import { SignInPage } from './pages/SignInPage';
import { TriageProtocolLibraryPage } from './pages/TriageProtocolLibraryPage';
import { TriagePanelPage } from './pages/TriagePanelPage';
import { CaseListPage } from './pages/CaseListPage';
import { CaseIdentificationPage } from './pages/CaseIdentificationPage';
import { CaseViewPage } from './pages/CaseViewPage';
import { generatePersonnummer } from '../../core/identity/testNumbers';

const PASSWORD = 'firstline-demo';
/** Region Kronoberg's demo nurses: no other end-to-end test signs in with them (the backend is shared by a worker's tests). */
const LIBRARY_NURSE = 'SE2321000016-KRON1';
const TRIAGE_NURSE = 'SE2321000016-KRON2';
/** Reads no shared data and only makes a case in its own workstation's store, so it may share the library test's account. */
const AGE_NURSE = LIBRARY_NURSE;

test('the Protokoll section finds infant fever first for "feber bebis" and shows its questions', async ({
  page,
  workstation,
}, testInfo) => {
  const signIn = new SignInPage(page);
  await signIn.open(workstation.url);
  await signIn.signIn(LIBRARY_NURSE, PASSWORD);

  const library = new TriageProtocolLibraryPage(page);
  await library.open();
  await expect(library.items.first()).toBeVisible();
  expect((await library.shownIds()).length).toBeGreaterThanOrEqual(40);
  await expect(library.items.first()).toContainText('Demoinnehåll – ej kliniskt validerat');
  await screenshot(page, testInfo, 'protocols-library-light');

  await library.searchFor('feber bebis');
  await expect.poll(async () => (await library.shownIds())[0]).toBe('feber-spadbarn');
  await expect(library.items.first()).toContainText('Feber hos spädbarn under 3 månader');
  await expect(library.items.first()).toContainText('under 3 mån');

  // Enter opens the first match; its questions come most urgent first, each with its level and advice.
  await page.keyboard.press('Enter');
  await expect(library.detail.getByRole('heading', { level: 2 })).toHaveText(
    'Feber hos spädbarn under 3 månader',
  );
  const levels = await library.detail
    .locator('[data-question-id] [data-level]')
    .evaluateAll((nodes) => nodes.map((node) => Number(node.getAttribute('data-level'))));
  expect(levels.length).toBeGreaterThan(2);
  expect(levels).toEqual([...levels].sort((a, b) => a - b));
  await expect(library.detailQuestion('feber-38')).toContainText('Råd');
  await expect(library.detail).toContainText('Referenser');
  await screenshot(page, testInfo, 'protocols-detail-light');

  await page.emulateMedia({ colorScheme: 'dark' });
  await screenshot(page, testInfo, 'protocols-detail-dark');

  // A word no protocol knows gives a plain empty state, not an empty box.
  await library.searchFor('xyzzy');
  await expect(page.getByText('Inget protokoll matchar ”xyzzy”.')).toBeVisible();
  await screenshot(page, testInfo, 'protocols-no-match-dark');
});

test('a nurse triages abdominal pain from the keyboard, adds a protocol, overrides up and signs the pre-filled note', async ({
  page,
  workstation,
}, testInfo) => {
  // One whole call, from search to signed note and a reopened case: longer than the default minute.
  test.setTimeout(180_000);
  const patient = generatePersonnummer({ birthDate: '1984-09-03', sex: 'female' });
  const signIn = new SignInPage(page);
  await signIn.open(workstation.url);
  await signIn.signIn(TRIAGE_NURSE, PASSWORD);

  // A new case for the caller, made the way the cases section makes it.
  const list = new CaseListPage(page);
  await list.open();
  await page.keyboard.press('Alt+N');
  const form = new CaseIdentificationPage(page);
  await expect(form.number).toBeFocused();
  await page.keyboard.type(patient.normalized);
  await expect(form.feedback).toHaveAttribute('data-valid', 'true');
  await form.kontaktorsak.fill('Ont i magen sedan i morse');
  await form.kontaktorsak.press('Enter');
  const view = new CaseViewPage(page);
  await expect(view.patientNumber).toHaveText(patient.display);

  // Ctrl+K to the protocol search; "ont i magen" finds abdominal pain first, Enter picks it.
  const triage = new TriagePanelPage(page);
  // The protocol library (105 protocols and their search index) loads with the first case: slower on a busy machine.
  await expect(triage.chosen).toContainText('Sök och välj ett protokoll för att börja triagen.', {
    timeout: 30_000,
  });
  await page.keyboard.press('Control+k');
  await expect(triage.search).toBeFocused();
  await page.keyboard.type('ont i magen');
  await expect(triage.options.first()).toHaveAttribute('data-protocol-option', 'buksmarta-vuxen');
  await screenshot(page, testInfo, 'triage-search-light');
  await page.keyboard.press('Enter');
  await expect(triage.chosen).toContainText('Buksmärta hos vuxen');
  await expect(triage.shortcuts).toContainText('J');

  // Context questions first: typed answers, recorded but never deciding; Enter moves on.
  await expect(triage.currentRow).toHaveAttribute('data-row-key', 'buksmarta-vuxen/var-sitter-smartan');
  await page.keyboard.type('Höger sida, nedtill');
  await page.keyboard.press('Enter');
  await page.keyboard.type('I morse');
  await page.keyboard.press('Enter');
  await page.keyboard.press('ArrowDown');

  // Nothing answered yet: the protocol's base level, marked Preliminär, with the next question suggested.
  await expect(triage.currentRow).toHaveAttribute('data-row-key', 'buksmarta-vuxen/chock');
  await expect(triage.level).toHaveText('6 Egenvård');
  await expect(triage.preliminary).toHaveText('Preliminär');
  await expect(triage.next).toContainText('Är patienten kallsvettig, blek och slö?');

  await triage.answer('N');
  await expect(triage.currentRow).toHaveAttribute('data-row-key', 'buksmarta-vuxen/kraks-blod');
  await triage.answer('N');
  await triage.answer('N');
  await triage.answer('N');
  // Unsure whether she could be pregnant: "osäker" counts as yes here, and the level jumps at once.
  await expect(triage.currentRow).toHaveAttribute('data-row-key', 'buksmarta-vuxen/kan-vara-gravid');
  await triage.answer('?');
  await expect(triage.level).toHaveText('2 Omgående');
  await expect(triage.deciding).toContainText('Kan patienten vara gravid?');
  await expect(triage.deciding).toContainText('Osäkert svar räknas som ja');
  await expect(triage.question('buksmarta-vuxen', 'kan-vara-gravid')).toHaveAttribute('data-decides', 'true');
  await screenshot(page, testInfo, 'triage-unsure-light');

  // Answers in any order: she is not pregnant after all (arrow up, N), then pain low on the right (J).
  await expect(triage.currentRow).toHaveAttribute('data-row-key', 'buksmarta-vuxen/outhardlig-smarta');
  await triage.answer('N');
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowUp');
  await expect(triage.currentRow).toHaveAttribute('data-row-key', 'buksmarta-vuxen/kan-vara-gravid');
  await triage.answer('N');
  await expect(triage.level).toHaveText('6 Egenvård');
  await expect(triage.currentRow).toHaveAttribute('data-row-key', 'buksmarta-vuxen/hoger-nedre');
  await triage.answer('J');
  await expect(triage.level).toHaveText('3 Skyndsamt');
  await expect(triage.disposition).toHaveAttribute('data-complete', 'true');
  await expect(triage.preliminary).toHaveCount(0);
  await expect(triage.disposition).toContainText('Närakut');
  await expect(triage.deciding).toContainText('Sitter smärtan längst ner till höger i magen?');
  await expect(triage.advice).toContainText('Sök vård på närakut eller akutmottagning inom några timmar');
  await screenshot(page, testInfo, 'triage-checklist-light');

  // A second protocol for the same call: fever. Its red flags reopen the result until answered; abdominal pain still decides.
  await triage.addProtocol.click();
  await expect(triage.search).toBeFocused();
  await page.keyboard.type('feber');
  await expect(triage.options.first()).toHaveAttribute('data-protocol-option', 'feber-vuxen');
  await page.keyboard.press('Enter');
  await expect(triage.chosen).toContainText('Feber hos vuxen');
  await expect(triage.preliminary).toBeVisible();
  await expect(triage.next).toContainText('(Feber hos vuxen)');
  await page.keyboard.press('Escape');
  await triage.question('feber-vuxen', 'svar-att-vacka').click();
  for (let i = 0; i < 6; i += 1) await triage.answer('N');
  await expect(triage.disposition).toHaveAttribute('data-complete', 'true');
  await expect(triage.level).toHaveText('3 Skyndsamt');
  await expect(triage.perProtocol).toContainText('Buksmärta hos vuxen – avgör');
  await expect(triage.perProtocol).toContainText('Feber hos vuxen');
  await screenshot(page, testInfo, 'triage-two-protocols-light');

  // Override up, only with a reason code and a justification.
  await triage.overrideOpen.click();
  await expect(triage.overrideDialog).toBeVisible();
  await triage.overrideDialog.getByRole('button', { name: 'Spara ändring' }).click();
  await expect(triage.overrideDialog.getByRole('alert')).toContainText('Välj en annan nivå än protokollens.');
  await triage.overrideDialog.getByRole('radio', { name: /^Omgående/ }).check();
  await triage.overrideDialog.getByLabel('Orsak').click();
  await page.getByRole('option', { name: 'Tidigare kontakt för samma besvär' }).click();
  await triage.overrideDialog.getByLabel('Motivering').fill('Ringde i går för samma smärta, nu värre.');
  await screenshot(page, testInfo, 'triage-override-dialog-light');
  await triage.overrideDialog.getByRole('button', { name: 'Spara ändring' }).click();
  await expect(triage.overrideDialog).toHaveCount(0);
  await expect(triage.level).toHaveText('2 Omgående');
  await expect(triage.override).toContainText(
    'Ändrad från 3 Skyndsamt till 2 Omgående: Tidigare kontakt för samma besvär – Ringde i går för samma smärta, nu värre.',
  );
  await expect(triage.saveStatus).toHaveAttribute('data-status', 'saved');

  // The note was pre-filled from the triage: bedömning, råd and brådskegrad.
  const bedomning = view.field('Bedömning');
  await expect(bedomning).toHaveValue(
    /Triage enligt Buksmärta hos vuxen \(version 1\.2\.1\), Feber hos vuxen/,
  );
  await expect(bedomning).toHaveValue(/Ja: Sitter smärtan längst ner till höger i magen\?/);
  await expect(bedomning).toHaveValue(
    /Avgörande: Sitter smärtan längst ner till höger i magen\? → 3 Skyndsamt/,
  );
  await expect(bedomning).toHaveValue(
    /Brådskegrad ändrad från 3 Skyndsamt till 2 Omgående: Tidigare kontakt för samma besvär – Ringde i går/,
  );
  await expect(bedomning).toHaveValue(/Bakgrund: Var i magen sitter smärtan\? Höger sida, nedtill/);
  await expect(view.field('Råd')).toHaveValue(/^Sök vård på närakut eller akutmottagning inom några timmar/);
  await expect(view.editor).toContainText('2 · Omgående');
  await screenshot(page, testInfo, 'triage-overridden-light');
  await page.emulateMedia({ colorScheme: 'dark' });
  await screenshot(page, testInfo, 'triage-overridden-dark');
  await page.emulateMedia({ colorScheme: 'light' });

  // Sign with Ctrl+Enter once the referral is written.
  await view.field('Hänvisning').fill('Akutmottagningen, Centrallasarettet Växjö, inom en timme.');
  await expect(view.saveState).toHaveText(/^Utkastet sparat \d\d:\d\d$/);
  await page.keyboard.press('Control+Enter');
  await expect(view.signedNotes).toHaveCount(1);
  await expect(view.signedNotes.first().locator('[data-field="rad"]')).toContainText('Sök vård på närakut');
  await screenshot(page, testInfo, 'triage-note-signed-light');

  // In a fresh window (a reload) the same case is open again, read from the store: its triage record shows
  // the protocol versions, the answers and the override.
  await page.reload();
  await expect(view.patientNumber).toHaveText(patient.display, { timeout: 30_000 });
  await expect(triage.chosen).toContainText('Buksmärta hos vuxen · 1.2.1');
  await expect(triage.chosen).toContainText('Feber hos vuxen · 1.1.0');
  await expect(triage.question('buksmarta-vuxen', 'hoger-nedre')).toHaveAttribute('data-answer', 'yes');
  await expect(triage.question('buksmarta-vuxen', 'kan-vara-gravid')).toHaveAttribute('data-answer', 'no');
  await expect(triage.level).toHaveText('2 Omgående');
  await expect(triage.override).toContainText('Ändrad från 3 Skyndsamt till 2 Omgående');
  await triage.record.getByRole('button').first().click();
  await expect(triage.record).toContainText('Buksmärta hos vuxen – Version 1.2.1');
  await expect(triage.record).toContainText('Feber hos vuxen – Version 1.1.0');
  await expect(triage.record.locator('[data-record-answer]')).toHaveCount(14);
  await expect(triage.record.locator('[data-record-answer="kan-vara-gravid"]')).toHaveCount(2);
  // The context answers are part of the record too, and back in their fields.
  await expect(triage.record.locator('[data-record-context="var-sitter-smartan"]')).toContainText(
    'Var i magen sitter smärtan? Höger sida, nedtill',
  );
  await expect(triage.record.locator('[data-record-context]')).toHaveCount(2);
  await expect(triage.question('buksmarta-vuxen', 'var-sitter-smartan').getByRole('textbox')).toHaveValue(
    'Höger sida, nedtill',
  );
  await expect(triage.record.getByTestId('triage-record-override')).toContainText(
    'Ändrad från 3 Skyndsamt till 2 Omgående: Tidigare kontakt för samma besvär – Ringde i går för samma smärta, nu värre.',
  );
  await triage.record.scrollIntoViewIfNeeded();
  await screenshot(page, testInfo, 'triage-reopened-light');
  await page.emulateMedia({ colorScheme: 'dark' });
  await screenshot(page, testInfo, 'triage-reopened-dark');
});

test('for an unidentified caller the nurse types the age; questions and protocols for other ages are greyed out with the reason', async ({
  page,
  workstation,
}, testInfo) => {
  const signIn = new SignInPage(page);
  await signIn.open(workstation.url);
  await signIn.signIn(AGE_NURSE, PASSWORD);
  const list = new CaseListPage(page);
  await list.open();
  await page.keyboard.press('Alt+N');
  const form = new CaseIdentificationPage(page);
  await form.unidentified.check();
  await form.description.fill('Kvinna, ringer från en bensinmack');
  await form.create.click();

  const triage = new TriagePanelPage(page);
  const age = page.getByTestId('triage-age-input');
  await expect(age).toBeVisible();
  await age.fill('ca sjuttio');
  await expect(page.getByText('Skriv åldern som ett tal, t.ex. 40, 2,5 eller 6 mån.')).toBeVisible();
  await age.fill('70');

  // Infant fever is found but marked as not for her age (protocols for her age rank first, so the
  // search names the age group); abdominal pain is picked.
  await page.keyboard.press('Control+k');
  await page.keyboard.type('spädbarn');
  await expect(triage.options.filter({ hasText: 'Feber hos spädbarn' })).toContainText(
    'Gäller inte patientens ålder',
  );
  await page.keyboard.press('Escape');
  await triage.search.fill('');
  await page.keyboard.type('magont');
  await expect(triage.options.first()).toHaveAttribute('data-protocol-option', 'buksmarta-vuxen');
  await page.keyboard.press('Enter');

  const pregnancy = triage.question('buksmarta-vuxen', 'kan-vara-gravid');
  await expect(pregnancy).toHaveAttribute('data-applicable', 'false');
  await expect(pregnancy).toContainText('Ställs inte vid patientens ålder (gäller 12 år till under 55 år)');
  // The arrows skip it: from the question above, one step down lands on the question below.
  await triage.question('buksmarta-vuxen', 'hard-som-bradda').click();
  await page.keyboard.press('ArrowDown');
  await expect(triage.currentRow).toHaveAttribute('data-row-key', 'buksmarta-vuxen/outhardlig-smarta');
  await triage.answer('J');
  await expect(triage.level).toHaveText('2 Omgående');
  await screenshot(page, testInfo, 'triage-unidentified-light');
  await page.emulateMedia({ colorScheme: 'dark' });
  await screenshot(page, testInfo, 'triage-unidentified-dark');
  await page.emulateMedia({ colorScheme: 'light' });

  // The typed age is saved with the triage: opened again, the case asks the same questions.
  await expect(triage.saveStatus).toHaveAttribute('data-status', 'saved');
  await page.reload();
  await expect(page.getByTestId('case-view')).toContainText('Kvinna, ringer från en bensinmack', {
    timeout: 30_000,
  });
  await expect(age).toHaveValue('70');
  await expect(pregnancy).toHaveAttribute('data-applicable', 'false');
  await expect(triage.level).toHaveText('2 Omgående');
  await triage.record.getByRole('button').first().click();
  await expect(triage.record.getByTestId('triage-record-age')).toHaveText(
    'Ålder som sjuksköterskan angav: 70 år',
  );

  // Typed as a baby instead, the abdominal-pain protocol for adults no longer applies.
  await age.fill('6 mån');
  await expect(triage.checklist).toContainText(
    'Protokollet gäller från 18 år och påverkar inte bedömningen.',
  );
  await expect(triage.disposition).toContainText('Inget av de valda protokollen gäller patientens ålder.');
});
