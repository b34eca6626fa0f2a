// Page object for call handling: presence in the top bar, the Samtal section's queue, the offer card, the call bar, alerts and callbacks.
import type { Locator, Page, TestInfo } from '@playwright/test';
import { screenshot } from '../support/fixtures';

export class CallsPage {
  readonly presence: Locator;
  readonly becomeAvailable: Locator;
  readonly endAfterCallWork: Locator;
  readonly presenceNotice: Locator;
  readonly section: Locator;
  readonly queueRows: Locator;
  readonly queueEmpty: Locator;
  readonly queueOffline: Locator;
  readonly offer: Locator;
  readonly offerPersonnummer: Locator;
  readonly acceptButton: Locator;
  readonly callBar: Locator;
  readonly callTimer: Locator;
  readonly endCallButton: Locator;
  readonly redFlagAlerts: Locator;
  readonly callbacksPanel: Locator;
  readonly callbackItems: Locator;
  readonly callbackForm: Locator;

  constructor(readonly page: Page) {
    this.presence = page.getByTestId('presence-status');
    this.becomeAvailable = page.getByTestId('become-available');
    this.endAfterCallWork = page.getByTestId('end-after-call-work');
    this.presenceNotice = page.getByTestId('presence-notice');
    this.section = page.getByTestId('calls-section');
    this.queueRows = page.getByTestId('queue-regional').getByTestId('queue-row');
    this.queueEmpty = page.getByTestId('queue-regional').getByTestId('queue-empty');
    this.queueOffline = page.getByTestId('queue-offline');
    this.offer = page.getByTestId('call-offer');
    this.offerPersonnummer = page.getByTestId('offer-personnummer');
    this.acceptButton = page.getByTestId('accept-call');
    this.callBar = page.getByTestId('active-call-bar');
    this.callTimer = page.getByTestId('call-timer');
    this.endCallButton = page.getByTestId('end-call');
    this.redFlagAlerts = page.getByTestId('red-flag-alert');
    this.callbacksPanel = page.getByTestId('callbacks-panel');
    this.callbackItems = page.getByTestId('callback-item');
    this.callbackForm = page.getByTestId('callback-form');
  }

  /** The Samtal section, with the keyboard (Alt+1). */
  async open() {
    await this.page.keyboard.press('Alt+1');
    await this.section.waitFor();
  }

  queueRow(callId: string): Locator {
    return this.page.locator(`[data-testid="queue-row"][data-call-id="${callId}"]`);
  }

  /** Chooses a status from the menu opened with Alt+S (e.g. "short-break", "offline"). */
  async choosePresence(key: string) {
    await this.page.keyboard.press('Alt+S');
    await this.page.getByTestId(`presence-choice-${key}`).click();
  }

  /** The section scrolled to its top, so a picture shows the patient header. */
  async scrollToTop() {
    await this.page.locator('main').evaluate((main) => main.scrollTo(0, 0));
  }

  async setTheme(mode: 'dark' | 'light') {
    await this.page.getByRole('button', { name: 'Inställningar' }).click();
    const item = this.page.getByRole('menuitem', { name: mode === 'dark' ? 'Mörkt läge' : 'Ljust läge' });
    await item.click();
    await this.page.keyboard.press('Escape');
    await this.page.waitForFunction((dark) => {
      const background = getComputedStyle(document.body).backgroundColor;
      const [r = 255] = background.match(/\d+/g)?.map(Number) ?? [];
      return dark ? r < 60 : r > 200;
    }, mode === 'dark');
  }

  /** The same screen in the light and the dark theme (night shifts). */
  async screenshotBoth(testInfo: TestInfo, name: string) {
    await screenshot(this.page, testInfo, `${name}-light`);
    await this.setTheme('dark');
    await screenshot(this.page, testInfo, `${name}-dark`);
    await this.setTheme('light');
  }
}
