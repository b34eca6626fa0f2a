// Page object for the sign-in screen.
import type { Locator, Page } from '@playwright/test';

export class SignInPage {
  readonly hsaId: Locator;
  readonly password: Locator;
  readonly submit: Locator;
  readonly error: Locator;

  constructor(readonly page: Page) {
    this.hsaId = page.getByLabel('HSA-id');
    this.password = page.getByLabel('Lösenord');
    this.submit = page.getByRole('button', { name: 'Logga in' });
    this.error = page.getByRole('alert');
  }

  async open(url: string) {
    await this.page.goto(url);
    await this.hsaId.waitFor();
  }

  /** Signs in with the keyboard only, as a nurse would: type, Tab, type, Enter. */
  async signIn(hsaId: string, password: string) {
    await this.hsaId.fill(hsaId);
    await this.page.keyboard.press('Tab');
    await this.page.keyboard.type(password);
    await this.page.keyboard.press('Enter');
  }
}
