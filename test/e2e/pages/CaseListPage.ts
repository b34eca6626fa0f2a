// Page object for the cases section's list: tabs, personnummer search, rows and the "Nytt ärende" button.
import type { Locator, Page } from '@playwright/test';

export class CaseListPage {
  readonly heading: Locator;
  readonly newCase: Locator;
  readonly mineToday: Locator;
  readonly region: Locator;
  readonly search: Locator;
  readonly searchChip: Locator;
  readonly rows: Locator;
  readonly empty: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { name: 'Ärenden', level: 1 });
    this.newCase = page.getByTestId('new-case');
    this.mineToday = page.getByRole('tab', { name: 'Mina ärenden idag' });
    this.region = page.getByRole('tab', { name: 'Alla i regionen' });
    this.search = page.getByLabel('Sök på personnummer');
    this.searchChip = page.getByTestId('search-chip');
    this.rows = page.getByTestId('case-row');
    this.empty = page.getByTestId('cases-empty');
  }

  /** Opens the section with its keyboard shortcut, as a nurse would. */
  async open() {
    await this.page.getByRole('tab', { name: 'Ärenden' }).waitFor();
    await this.page.keyboard.press('Alt+2');
    await this.heading.waitFor();
  }

  async searchFor(number: string) {
    await this.search.fill(number);
    await this.search.press('Enter');
  }

  row(text: string): Locator {
    return this.rows.filter({ hasText: text });
  }
}
