// Page object for the Protokoll section: the searchable protocol library and one protocol's details.
import type { Locator, Page } from '@playwright/test';

export class TriageProtocolLibraryPage {
  readonly search: Locator;
  readonly list: Locator;
  readonly items: Locator;
  readonly detail: Locator;

  constructor(readonly page: Page) {
    this.search = page.getByTestId('protocol-library-search');
    this.list = page.getByTestId('protocol-library-list');
    this.items = this.list.locator('[data-protocol-id]');
    this.detail = page.getByTestId('protocol-detail');
  }

  /** Opens the section with its keyboard shortcut (Alt+3), as a nurse in a call would. */
  async open() {
    await this.page.getByRole('tab', { name: 'Protokoll' }).waitFor();
    await this.page.keyboard.press('Alt+3');
    await this.search.waitFor();
  }

  async searchFor(text: string) {
    await this.search.fill(text);
  }

  /** The protocol ids in the order the list shows them. */
  async shownIds(): Promise<string[]> {
    return this.items.evaluateAll((nodes) =>
      nodes.map((node) => node.getAttribute('data-protocol-id') ?? ''),
    );
  }

  detailQuestion(questionId: string): Locator {
    return this.detail.locator(`[data-question-id="${questionId}"]`);
  }
}
