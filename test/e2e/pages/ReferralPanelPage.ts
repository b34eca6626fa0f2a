// Page object for the referral panel inside a case: the patient's place, suggestions, exclusions, catalog search and the receipt.
import type { Locator, Page } from '@playwright/test';

export class ReferralPanelPage {
  readonly panel: Locator;
  readonly location: Locator;
  readonly locality: Locator;
  readonly age: Locator;
  readonly suggestions: Locator;
  readonly cards: Locator;
  readonly notice: Locator;
  readonly fallback: Locator;
  readonly excludedToggle: Locator;
  readonly excluded: Locator;
  readonly excludedUnits: Locator;
  readonly search: Locator;
  readonly searchResults: Locator;
  readonly catalogNote: Locator;
  readonly receiptPdf: Locator;
  readonly phone: Locator;
  readonly sendSms: Locator;
  readonly smsConfirm: Locator;
  readonly smsSent: Locator;

  constructor(readonly page: Page) {
    this.panel = page.getByTestId('referral-panel');
    this.location = this.panel.getByTestId('referral-location');
    this.locality = this.panel.getByTestId('referral-locality');
    this.age = this.panel.getByTestId('referral-age');
    this.suggestions = this.panel.getByTestId('referral-suggestions');
    this.cards = this.panel.getByTestId('referral-suggestion');
    this.notice = this.panel.getByTestId('referral-notice');
    this.fallback = this.panel.getByTestId('referral-fallback');
    this.excludedToggle = this.panel.getByRole('button', { name: /Visa uteslutna|Dölj uteslutna/ });
    this.excluded = this.panel.getByTestId('referral-excluded');
    this.excludedUnits = this.panel.getByTestId('referral-excluded-unit');
    this.search = this.panel.getByLabel('Sök i katalogen (Alt+K)');
    this.searchResults = this.panel.getByTestId('referral-search-result');
    this.catalogNote = this.panel.getByTestId('referral-catalog-note');
    this.receiptPdf = this.panel.getByRole('button', { name: 'Hänvisningskvitto (PDF)' });
    this.phone = this.panel.getByLabel('Mobilnummer');
    this.sendSms = this.panel.getByRole('button', { name: 'Skicka SMS' });
    this.smsConfirm = page.getByRole('dialog', { name: 'Skicka hänvisningskvittot?' });
    this.smsSent = this.panel.getByTestId('referral-sms-sent');
  }

  /** Types where the patient is and presses Enter, as a nurse would after asking. */
  async placePatient(query: string) {
    await this.location.fill(query);
    await this.location.press('Enter');
  }

  card(name: string): Locator {
    return this.cards.filter({ hasText: name });
  }

  excludedUnit(name: string): Locator {
    return this.excludedUnits.filter({ hasText: name });
  }
}
