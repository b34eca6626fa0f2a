// Page object for the triage panel inside a case: protocol search, keyboard checklist, live disposition, override and saved record.
import type { Locator, Page } from '@playwright/test';

export class TriagePanelPage {
  readonly panel: Locator;
  readonly search: Locator;
  readonly options: Locator;
  readonly chosen: Locator;
  readonly addProtocol: Locator;
  readonly checklist: Locator;
  readonly currentRow: Locator;
  readonly disposition: Locator;
  readonly level: Locator;
  readonly preliminary: Locator;
  readonly deciding: Locator;
  readonly advice: Locator;
  readonly next: Locator;
  readonly perProtocol: Locator;
  readonly override: Locator;
  readonly overrideOpen: Locator;
  readonly overrideDialog: Locator;
  readonly saveStatus: Locator;
  readonly shortcuts: Locator;
  readonly record: Locator;

  constructor(readonly page: Page) {
    this.panel = page.getByTestId('triage-panel');
    this.search = page.getByTestId('triage-protocol-search');
    this.options = page.locator('[data-protocol-option]');
    this.chosen = this.panel.getByTestId('triage-chosen');
    this.addProtocol = this.panel.getByTestId('triage-add-protocol');
    this.checklist = this.panel.getByTestId('triage-checklist');
    this.currentRow = this.checklist.locator('[data-current="true"]');
    this.disposition = this.panel.getByTestId('triage-disposition');
    this.level = this.disposition.getByTestId('triage-level');
    this.preliminary = this.disposition.getByTestId('triage-preliminary');
    this.deciding = this.disposition.getByTestId('triage-deciding');
    this.advice = this.disposition.getByTestId('triage-advice');
    this.next = this.disposition.getByTestId('triage-next');
    this.perProtocol = this.disposition.getByTestId('triage-per-protocol');
    this.override = this.disposition.getByTestId('triage-override');
    this.overrideOpen = this.disposition.getByTestId('triage-override-open');
    this.overrideDialog = page.getByRole('dialog', { name: 'Ändra brådskegrad' });
    this.saveStatus = this.panel.getByTestId('triage-save-status');
    this.shortcuts = this.panel.getByTestId('triage-shortcuts');
    this.record = this.panel.getByTestId('triage-record');
  }

  /** A triage question's row in the checklist, by protocol and question id. */
  question(protocolId: string, questionId: string): Locator {
    return this.checklist.locator(`[data-row-key="${protocolId}/${questionId}"]`);
  }

  /** Answers the current question with its key (J, N or ?) and waits for the row to show the answer. */
  async answer(key: 'J' | 'N' | '?') {
    const row = this.currentRow;
    const rowKey = await row.getAttribute('data-row-key');
    await this.page.keyboard.press(key === '?' ? '?' : key.toLowerCase());
    const value = key === 'J' ? 'yes' : key === 'N' ? 'no' : 'unsure';
    await this.checklist.locator(`[data-row-key="${rowKey}"][data-answer="${value}"]`).waitFor();
  }
}
