// Page object for an open case: patient header, repeat-caller warning, the note editor and signed notes.
import type { Locator, Page } from '@playwright/test';

export class CaseViewPage {
  readonly view: Locator;
  readonly patientNumber: Locator;
  readonly patientFacts: Locator;
  readonly caller: Locator;
  readonly repeatWarning: Locator;
  readonly editor: Locator;
  readonly saveState: Locator;
  readonly responsible: Locator;
  readonly signButton: Locator;
  readonly signedNotes: Locator;
  readonly missingDialog: Locator;
  readonly back: Locator;

  constructor(readonly page: Page) {
    this.view = page.getByTestId('case-view');
    this.patientNumber = page.getByTestId('patient-number');
    this.patientFacts = page.getByTestId('patient-facts');
    this.caller = page.getByTestId('case-caller');
    this.repeatWarning = page.getByTestId('repeat-caller-warning');
    this.editor = page.getByTestId('note-editor');
    this.saveState = page.getByTestId('note-save-state');
    this.responsible = page.getByTestId('note-responsible');
    this.signButton = page.getByTestId('sign-note');
    this.signedNotes = page.getByTestId('signed-note');
    this.missingDialog = page.getByRole('dialog', { name: 'Anteckningen kan inte signeras än' });
    this.back = page.getByRole('button', { name: 'Ärendelistan' });
  }

  field(label: string): Locator {
    return this.editor.getByLabel(label, { exact: true });
  }

  async chooseBradskegrad(label: string) {
    await this.editor.getByLabel('Brådskegrad').click();
    await this.page.getByRole('option', { name: label }).click();
  }
}
