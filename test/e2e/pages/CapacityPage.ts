// Page object for the team lead page's capacity section: the units with their status, and the change dialog.
import type { Locator, Page } from '@playwright/test';

export class CapacityPage {
  readonly heading: Locator;
  readonly section: Locator;
  readonly rows: Locator;
  readonly summary: Locator;
  readonly outcome: Locator;
  readonly offline: Locator;
  readonly catalogNote: Locator;
  readonly dialog: Locator;
  readonly dialogError: Locator;
  readonly dialogPreview: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { name: 'Teamledare', level: 1 });
    this.section = page.getByTestId('capacity-section');
    this.rows = this.section.getByTestId('capacity-row');
    this.summary = this.section.getByTestId('capacity-summary');
    this.outcome = this.section.getByTestId('capacity-outcome');
    this.offline = this.section.getByTestId('capacity-offline');
    this.catalogNote = this.section.getByTestId('capacity-catalog-note');
    this.dialog = page.getByTestId('capacity-dialog');
    this.dialogError = this.dialog.getByTestId('capacity-dialog-error');
    this.dialogPreview = this.dialog.getByTestId('capacity-dialog-preview');
  }

  /** Opens the team lead page with its keyboard shortcut. */
  async open() {
    await this.page.getByRole('tab', { name: 'Teamledare' }).waitFor();
    await this.page.keyboard.press('Alt+4');
    await this.heading.waitFor();
  }

  row(unitName: string): Locator {
    return this.rows.filter({ hasText: unitName });
  }

  changeButton(unitName: string): Locator {
    return this.section.getByRole('button', { name: `Ändra kapacitet för ${unitName}` });
  }

  /** Opens the change dialog from the keyboard: focus the row's button, Enter. */
  async openChange(unitName: string) {
    await this.changeButton(unitName).focus();
    await this.page.keyboard.press('Enter');
    await this.dialog.waitFor();
  }
}
