// Page object for "Nytt ärende": the patient identification form.
import type { Locator, Page } from '@playwright/test';

export class CaseIdentificationPage {
  readonly dialog: Locator;
  readonly number: Locator;
  readonly feedback: Locator;
  readonly unidentified: Locator;
  readonly description: Locator;
  readonly thirdParty: Locator;
  readonly callerName: Locator;
  readonly callerPhone: Locator;
  readonly kontaktorsak: Locator;
  readonly create: Locator;

  constructor(readonly page: Page) {
    this.dialog = page.getByRole('dialog', { name: 'Nytt ärende – identifiera patienten' });
    this.number = this.dialog.getByLabel('Personnummer, samordningsnummer eller reservnummer');
    this.feedback = this.dialog.getByTestId('patient-id-feedback');
    this.unidentified = this.dialog.getByRole('radio', { name: 'Oidentifierad patient' });
    this.description = this.dialog.getByLabel('Beskrivning av patienten');
    this.thirdParty = this.dialog.getByRole('radio', { name: 'Någon annan ringer för patienten' });
    this.callerName = this.dialog.getByLabel('Uppringarens namn');
    this.callerPhone = this.dialog.getByLabel('Telefonnummer till uppringaren');
    this.kontaktorsak = this.dialog.getByLabel('Kontaktorsak (frivilligt)');
    this.create = this.dialog.getByRole('button', { name: 'Skapa ärende' });
  }

  async relation(label: string) {
    await this.dialog.getByLabel('Relation till patienten').click();
    await this.page.getByRole('option', { name: label }).click();
  }
}
