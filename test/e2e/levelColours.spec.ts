// One colour per disposition level: the level triage gives wears the same colour in the triage, the signed note and the case list, light and dark.
import { test, expect, screenshot } from './support/fixtures';
import { SignInPage } from './pages/SignInPage';
import { CaseListPage } from './pages/CaseListPage';
import { TriagePanelPage } from './pages/TriagePanelPage';
import { newCase, triageAbdominalPainToOmgaende } from './support/caseFlows';
import { generatePersonnummer } from '../../core/identity/testNumbers';
import { levelColors, type ColorMode } from '../../core/triage/dispositionLadder';
import type { Locator } from '@playwright/test';

/** Region Jönköping's second demo nurse: no other end-to-end test signs in with her. */
const NURSE = 'SE2321000016-JONN2';
const PASSWORD = 'firstline-demo';

/** The background a nurse sees behind an element: its own, or the nearest ancestor's that is not transparent. */
function backgroundOf(locator: Locator): Promise<string> {
  return locator.evaluate((element) => {
    for (let node: Element | null = element; node; node = node.parentElement) {
      const colour = getComputedStyle(node).backgroundColor;
      if (colour !== 'rgba(0, 0, 0, 0)' && colour !== 'transparent') return colour;
    }
    return 'none';
  });
}

function rgb(hex: string): string {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
  return `rgb(${r}, ${g}, ${b})`;
}

test('level 2 Omgående has the ladder colour in the triage, the signed note and the case list', async ({
  page,
  workstation,
}, testInfo) => {
  test.setTimeout(120_000);
  const patient = generatePersonnummer({ birthDate: '1984-06-21', sex: 'female' });
  const signIn = new SignInPage(page);
  await signIn.open(workstation.url);
  await signIn.signIn(NURSE, PASSWORD);

  const view = await newCase(page, patient, 'Ont i magen sedan i morse');
  await triageAbdominalPainToOmgaende(page);
  const triage = new TriagePanelPage(page);
  await view.field('Hänvisning').fill('Akutmottagningen inom en timme.');
  await expect(view.saveState).toHaveText(/^Utkastet sparat \d\d:\d\d$/);
  await view.field('Hänvisning').click();
  await page.keyboard.press('Control+Enter');
  // Questions that could raise the level are unasked: the triage is provisional, signed with a reason.
  await page.getByRole('button', { name: 'Signera: Samtalet bröts' }).click();
  await expect(view.signedNotes).toHaveCount(1);
  const noteChip = view.signedNotes.first().locator('[data-field="bradskegrad"] [data-level="2"]');
  await expect(noteChip).toHaveText(/Omgående/);

  const check = async (mode: ColorMode) => {
    const expected = rgb(levelColors(2, mode).background);
    expect(await backgroundOf(triage.level), `triage, ${mode}`).toBe(expected);
    expect(await backgroundOf(noteChip), `signed note, ${mode}`).toBe(expected);
  };
  await check('light');
  await page.emulateMedia({ colorScheme: 'dark' });
  await check('dark');
  await page.emulateMedia({ colorScheme: 'light' });

  const list = new CaseListPage(page);
  await view.back.click();
  await expect(list.heading).toBeVisible();
  const listChip = list.row(patient.display).locator('[data-level="2"]');
  await expect(listChip).toHaveText(/Omgående/);
  expect(await backgroundOf(listChip), 'case list, light').toBe(rgb(levelColors(2, 'light').background));
  await screenshot(page, testInfo, 'level-colours-case-list-light');
  await page.emulateMedia({ colorScheme: 'dark' });
  expect(await backgroundOf(listChip), 'case list, dark').toBe(rgb(levelColors(2, 'dark').background));
  await screenshot(page, testInfo, 'level-colours-case-list-dark');
});
