// Steps several end-to-end tests take the same way: a new case through the cases section, starting abdominal-pain triage, and taking it to 2 Omgående.
import { expect, type Page } from '@playwright/test';
import type { generatePersonnummer } from '../../../core/identity/testNumbers';
import { CaseIdentificationPage } from '../pages/CaseIdentificationPage';
import { CaseListPage } from '../pages/CaseListPage';
import { CaseViewPage } from '../pages/CaseViewPage';
import { TriagePanelPage } from '../pages/TriagePanelPage';

/** Makes a case for the patient from the cases section with the keyboard, and waits for it to open. */
export async function newCase(
  page: Page,
  patient: ReturnType<typeof generatePersonnummer>,
  kontaktorsak: string,
): Promise<CaseViewPage> {
  await new CaseListPage(page).open();
  await page.keyboard.press('Alt+N');
  const form = new CaseIdentificationPage(page);
  await expect(form.number).toBeFocused();
  await page.keyboard.type(patient.normalized);
  await expect(form.feedback).toHaveAttribute('data-valid', 'true');
  await form.kontaktorsak.fill(kontaktorsak);
  await form.kontaktorsak.press('Enter');
  const view = new CaseViewPage(page);
  await expect(view.patientNumber).toHaveText(patient.display);
  return view;
}

/**
 * Starts abdominal-pain triage in the open case from the keyboard: Ctrl+K, the search, the protocol, both
 * context questions, and on to the first yes/no question (shock).
 */
export async function startAbdominalPainTriage(page: Page): Promise<TriagePanelPage> {
  const triage = new TriagePanelPage(page);
  // The protocol library (105 protocols and their search index) loads with the first case: slower on a busy machine.
  await expect(triage.chosen).toContainText('Sök och välj ett protokoll för att börja triagen.', {
    timeout: 30_000,
  });
  await page.keyboard.press('Control+k');
  await expect(triage.search).toBeFocused();
  await page.keyboard.type('ont i magen');
  await expect(triage.options.first()).toHaveAttribute('data-protocol-option', 'buksmarta-vuxen');
  await page.keyboard.press('Enter');
  await expect(triage.currentRow).toHaveAttribute('data-row-key', 'buksmarta-vuxen/var-sitter-smartan');
  await page.keyboard.type('Höger sida, nedtill');
  await page.keyboard.press('Enter');
  await page.keyboard.type('I morse');
  await page.keyboard.press('Enter');
  await page.keyboard.press('ArrowDown');
  await expect(triage.currentRow).toHaveAttribute('data-row-key', 'buksmarta-vuxen/chock');
  return triage;
}

/** Triage in the open case: abdominal pain, four times no, and "unsure" about pregnancy gives 2 Omgående. */
export async function triageAbdominalPainToOmgaende(page: Page): Promise<void> {
  const triage = await startAbdominalPainTriage(page);
  for (let i = 0; i < 4; i += 1) await triage.answer('N');
  await expect(triage.currentRow).toHaveAttribute('data-row-key', 'buksmarta-vuxen/kan-vara-gravid');
  await triage.answer('?');
  await expect(triage.level).toHaveText('2 Omgående');
  await expect(triage.saveStatus).toHaveAttribute('data-status', 'saved');
}
