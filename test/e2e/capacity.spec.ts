// Capacity end to end: a team lead sets a care unit red from the Teamledare page with the keyboard, the list shows it with its end time, a nurse's suggestions leave the unit out, and clearing brings it back; offline, a change is refused in plain Swedish while the list keeps the cached states.
import type { Page } from '@playwright/test';
import { test, expect, screenshot, startDemoBackend, startWorkstation, stop } from './support/fixtures';
import { SignInPage } from './pages/SignInPage';
import { CapacityPage } from './pages/CapacityPage';
import { QueueOverviewPage } from './pages/QueueOverviewPage';
import { ReferralPanelPage } from './pages/ReferralPanelPage';
import { newCase, triageAbdominalPainToOmgaende } from './support/caseFlows';
import { generatePersonnummer } from '../../core/identity/testNumbers';

// Region Västernorrland's team lead (she also takes calls): no other end-to-end test uses her region's
// catalog for referral, and Västernorrland has no neighbours, so a red unit here disturbs no other test.
const TEAM_LEAD = 'SE2321000016-VNLTL1';
// Dalarna's team lead, for the offline test on a backend of its own.
const OFFLINE_TEAM_LEAD = 'SE2321000016-DALTL1';
const PASSWORD = 'firstline-demo';
/** Open around the clock, so the test holds at any hour. */
const AKUTEN = 'Akutmottagningen Sundsvalls sjukhus (demo)';

/** A new case through the cases section, triaged to 2 Omgående (abdominal pain, unsure about pregnancy). */
async function caseAtOmgaende(page: Page): Promise<void> {
  await newCase(page, generatePersonnummer({ birthDate: '1984-02-11', sex: 'female' }), 'Ont i magen');
  await triageAbdominalPainToOmgaende(page);
}

test('a team lead sets a unit red until a time, nurses’ suggestions leave it out, and clearing brings it back', async ({
  page,
  workstation,
}, testInfo) => {
  test.setTimeout(180_000);
  const signIn = new SignInPage(page);
  await signIn.open(workstation.url);
  await signIn.signIn(TEAM_LEAD, PASSWORD);

  // Alt+4: the team lead page, capacity first, the region's units grouped by care type.
  const capacity = new CapacityPage(page);
  await capacity.open();
  await expect(capacity.section.getByRole('heading', { name: 'Kapacitet på vårdenheterna' })).toBeVisible();
  await expect(capacity.section).toContainText('Region Västernorrland');
  await expect(
    capacity.section.locator('[data-testid="capacity-group"][data-care-type="akutmottagning"] th'),
  ).toHaveText('Akutmottagning · 2 enheter');
  const row = capacity.row(AKUTEN);
  await expect(row).toHaveAttribute('data-state', 'unknown');
  await expect(row.getByTestId('capacity-status')).toHaveText('Ingen status');
  await expect(capacity.summary).toHaveText('Ingen enhet har gul eller röd status.');
  await expect(capacity.catalogNote).toContainText(/Läget enligt katalogen från \d{2}:\d{2}/);
  await screenshot(page, testInfo, 'capacity-list-light');

  // With the keyboard: Enter on the row's button, arrows to Röd, four hours, Enter saves.
  await capacity.openChange(AKUTEN);
  await expect(capacity.dialog).toContainText(`Kapacitet: ${AKUTEN}`);
  await expect(capacity.dialog.getByRole('radio', { name: /^Grön/ })).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await expect(capacity.dialog.getByRole('radio', { name: /^Röd/ })).toBeChecked();
  await capacity.dialog.getByRole('radio', { name: '4 timmar' }).check();
  await expect(capacity.dialogPreview).toHaveText(
    /^Gäller till (i morgon )?\d{2}:\d{2} \((4 h|3 h 59 min)\)\. Sedan upphör statusen av sig själv\.$/,
  );
  await screenshot(page, testInfo, 'capacity-dialog-light');
  await capacity.dialog.getByRole('radio', { name: /^Röd/ }).focus();
  await page.keyboard.press('Enter');
  await expect(capacity.dialog).toHaveCount(0);

  // The list shows it red, until when, and that she set it; the summary counts it.
  await expect(row).toHaveAttribute('data-state', 'red');
  await expect(row.getByTestId('capacity-status')).toHaveText('Röd');
  await expect(row.getByTestId('capacity-until')).toContainText(/\d{2}:\d{2}om (4 h|3 h 59 min)/);
  await expect(row.getByTestId('capacity-set-by')).toHaveText('du');
  await expect(capacity.outcome).toContainText(`${AKUTEN} är röd till`);
  await expect(capacity.summary).toHaveText('1 röd');
  // Focus is back on the row's button, ready for the next change.
  await expect(capacity.changeButton(AKUTEN)).toBeFocused();
  await screenshot(page, testInfo, 'capacity-red-light');

  // The filter narrows to units with a status.
  await capacity.section.getByLabel('Bara gul och röd').check();
  await expect(capacity.rows).toHaveCount(1);
  await capacity.section.getByLabel('Bara gul och röd').uncheck();

  // Night shift: the same page in dark mode, red in the night palette's own (lighter) red.
  await page.emulateMedia({ colorScheme: 'dark' });
  await expect(row.getByTestId('capacity-status')).toHaveCSS('background-color', 'rgb(255, 138, 128)');
  await screenshot(page, testInfo, 'capacity-red-dark');
  await capacity.openChange(AKUTEN);
  await expect(capacity.dialog.getByTestId('capacity-status').first()).toHaveText('Röd');
  await expect(capacity.dialog.getByTestId('capacity-dialog-current')).toContainText(/^till .*, satt av du$/);
  await screenshot(page, testInfo, 'capacity-dialog-dark');
  await page.keyboard.press('Escape');
  await expect(capacity.dialog).toHaveCount(0);

  // In English too.
  await page.getByRole('button', { name: 'Inställningar' }).click();
  await page.getByRole('menuitem', { name: 'English' }).click();
  await page.keyboard.press('Escape');
  await expect(capacity.section.getByRole('heading', { name: 'Capacity of care units' })).toBeVisible();
  await expect(row.getByTestId('capacity-status')).toHaveText('Red');
  await expect(row.getByTestId('capacity-until')).toContainText(/in (4 h|3 h 59 min)/);
  await expect(row.getByTestId('capacity-set-by')).toHaveText('you');
  await screenshot(page, testInfo, 'capacity-red-dark-english');
  await page.getByRole('button', { name: 'Settings' }).click();
  await page.getByRole('menuitem', { name: 'Svenska' }).click();
  await page.keyboard.press('Escape');
  await expect(capacity.section.getByRole('heading', { name: 'Kapacitet på vårdenheterna' })).toBeVisible();
  await page.emulateMedia({ colorScheme: 'light' });

  // A nurse's suggestions (the team lead takes calls too) leave the red unit out, and say why: with
  // Sundsvall's akutmottagning red, the reserve is the next open one, in Örnsköldsvik.
  await caseAtOmgaende(page);
  const referral = new ReferralPanelPage(page);
  await referral.placePatient('Sundsvall');
  await expect(referral.fallback).toContainText('Akutmottagningen Örnsköldsviks sjukhus (demo)');
  await expect(referral.panel.getByText(AKUTEN)).toHaveCount(0);
  await referral.excludedToggle.click();
  const excluded = referral.excludedUnit(AKUTEN);
  await expect(excluded.locator('[data-criterion]')).toHaveText('Kapacitet');
  await expect(excluded).toContainText('Kapacitet röd');

  // Cleared from the team lead page: the unit is back among the suggestions.
  await capacity.open();
  await capacity.openChange(AKUTEN);
  await capacity.dialog.getByRole('button', { name: 'Ta bort status' }).click();
  await expect(capacity.dialog).toHaveCount(0);
  await expect(row).toHaveAttribute('data-state', 'unknown');
  await expect(capacity.outcome).toContainText('statusen borttagen');
  await expect(capacity.summary).toHaveText('Ingen enhet har gul eller röd status.');
  await page.keyboard.press('Alt+2');
  await expect(referral.card(AKUTEN)).toHaveCount(1);
});

test('offline, the list keeps the cached states with their age and a change is refused in plain Swedish', async ({
  page,
}, testInfo) => {
  test.setTimeout(240_000);
  // A backend of its own, since this test stops it (the worker's shared one must stay up).
  const backend = await startDemoBackend();
  const workstation = await startWorkstation(backend.url);
  try {
    const signIn = new SignInPage(page);
    await signIn.open(workstation.url);
    await signIn.signIn(OFFLINE_TEAM_LEAD, PASSWORD);
    const capacity = new CapacityPage(page);
    await capacity.open();
    await expect(capacity.rows.first()).toBeVisible();
    const count = await capacity.rows.count();
    // The queue monitoring below has its figures too before the connection goes.
    const queues = new QueueOverviewPage(page);
    await expect(queues.tile('dalarna')).toBeVisible();

    // The dialog was open when the connection went: it says so, and a save is refused in plain Swedish.
    const unit = (await capacity.rows.first().locator('p').first().textContent())!;
    await capacity.openChange(unit);
    await stop(backend);
    await expect(capacity.dialog.getByTestId('capacity-dialog-offline')).toContainText(
      'ändringen kan inte göras nu',
      { timeout: 40_000 },
    );
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await expect(capacity.dialogError).toHaveText(
      'Regionens server svarar inte, så kapaciteten ändrades inte. Försök igen när anslutningen är tillbaka.',
      { timeout: 30_000 },
    );
    await screenshot(page, testInfo, 'capacity-offline-light');
    await page.keyboard.press('Escape');
    await expect(capacity.dialog).toHaveCount(0);
    await expect(capacity.offline).toContainText(
      /Ingen anslutning till regionens server\. Listan visar läget från katalogen \d{2}:\d{2} \((nyss|\d+ min sedan)\)/,
    );
    await expect(capacity.rows).toHaveCount(count);
    await expect(capacity.rows.first()).toHaveAttribute('data-state', 'unknown');
    // Offline no change is offered: "Ändra…" is disabled and says why.
    await expect(capacity.changeButton(unit)).toBeDisabled();
    await expect(capacity.rows.first().getByTestId('capacity-change-offline')).toHaveText(
      'Kan ändras när anslutningen är tillbaka',
    );
    await screenshot(page, testInfo, 'capacity-offline-list-light');

    // Queue monitoring keeps its last figures, says it is offline and from when they are.
    await expect(queues.offline).toContainText(
      /Ingen anslutning till regionens server\. Siffrorna nedan är från kl\. \d{2}:\d{2}/,
    );
    await expect(queues.tile('dalarna')).toBeVisible();
    await queues.offline.scrollIntoViewIfNeeded();
    await screenshot(page, testInfo, 'queue-overview-offline-light');
  } finally {
    await stop(workstation);
    await stop(backend);
  }
});
