// Page object for the team lead page's queue monitoring section (Köövervakning): queue tiles, nurses per state, today's figures.
import type { Locator, Page } from '@playwright/test';

export class QueueOverviewPage {
  readonly heading: Locator;
  readonly section: Locator;
  readonly offline: Locator;
  readonly error: Locator;
  readonly quiet: Locator;
  readonly updated: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { name: 'Teamledare', level: 1 });
    this.section = page.getByTestId('queue-overview');
    this.offline = this.section.getByTestId('queue-overview-offline');
    this.error = this.section.getByTestId('queue-overview-error');
    this.quiet = this.section.getByTestId('queue-overview-quiet');
    this.updated = this.section.getByTestId('queue-overview-updated');
  }

  /** Opens the team lead page with its keyboard shortcut and goes to the section from the page's own links. */
  async open() {
    await this.page.getByRole('tab', { name: 'Teamledare' }).waitFor();
    await this.page.keyboard.press('Alt+4');
    await this.heading.waitFor();
    await this.page
      .getByRole('navigation', { name: 'Avsnitt' })
      .getByRole('button', { name: 'Köövervakning' })
      .click();
    await this.section.waitFor();
  }

  tile(queueId: string): Locator {
    return this.section.locator(`[data-testid="queue-tile"][data-queue-id="${queueId}"]`);
  }

  waiting(queueId: string): Locator {
    return this.tile(queueId).getByTestId('queue-waiting');
  }

  longestWait(queueId: string): Locator {
    return this.tile(queueId).getByTestId('queue-longest-wait');
  }

  redFlags(queueId: string): Locator {
    return this.tile(queueId).getByTestId('queue-red-flag');
  }

  nurses(state: string): Locator {
    return this.section
      .locator(`[data-testid="queue-nurse-state"][data-state="${state}"]`)
      .getByTestId('queue-nurse-count');
  }

  metric(id: string): Locator {
    return this.section.locator(`[data-testid="queue-metric"][data-metric="${id}"]`);
  }

  async setTheme(mode: 'dark' | 'light') {
    await this.page.getByRole('button', { name: 'Inställningar' }).click();
    await this.page.getByRole('menuitem', { name: mode === 'dark' ? 'Mörkt läge' : 'Ljust läge' }).click();
    await this.page.keyboard.press('Escape');
    await this.page.getByRole('menu').waitFor({ state: 'hidden' });
    await this.page.waitForFunction((dark) => {
      const background = getComputedStyle(document.body).backgroundColor;
      const [r = 255] = background.match(/\d+/g)?.map(Number) ?? [];
      return dark ? r < 60 : r > 200;
    }, mode === 'dark');
  }
}
