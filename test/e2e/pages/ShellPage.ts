// Page object for the workstation shell: navigation and status bar.
import type { Locator, Page } from '@playwright/test';

export class ShellPage {
  readonly navigation: Locator;
  readonly statusUser: Locator;
  readonly statusRole: Locator;
  readonly statusRegion: Locator;
  readonly connection: Locator;

  constructor(readonly page: Page) {
    this.navigation = page.getByRole('navigation', { name: 'Huvudmeny' });
    this.statusUser = page.getByTestId('status-user');
    this.statusRole = page.getByTestId('status-role');
    this.statusRegion = page.getByTestId('status-region');
    this.connection = page.getByTestId('connection-state').last();
  }

  tab(name: string): Locator {
    return this.navigation.getByRole('tab', { name });
  }

  async signOut() {
    await this.page.getByRole('button', { name: 'Inställningar' }).click();
    await this.page.getByRole('menuitem', { name: 'Logga ut' }).click();
  }
}
