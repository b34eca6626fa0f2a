// Guided triage end to end: the Protokoll section's search, and a nurse triaging a call from the keyboard into a signed note.
import { test, expect, screenshot } from './support/fixtures';
import { SignInPage } from './pages/SignInPage';
import { TriageProtocolLibraryPage } from './pages/TriageProtocolLibraryPage';

const PASSWORD = 'firstline-demo';
/** Accounts no other end-to-end test signs in with (the backend is shared by a worker's tests). */
const LIBRARY_NURSE = 'SE2321000016-KRON1';

test('the Protokoll section finds infant fever first for "feber bebis" and shows its questions', async ({
  page,
  workstation,
}, testInfo) => {
  const signIn = new SignInPage(page);
  await signIn.open(workstation.url);
  await signIn.signIn(LIBRARY_NURSE, PASSWORD);

  const library = new TriageProtocolLibraryPage(page);
  await library.open();
  await expect(library.items.first()).toBeVisible();
  expect((await library.shownIds()).length).toBeGreaterThanOrEqual(40);
  await expect(library.items.first()).toContainText('Demoinnehåll – ej kliniskt validerat');
  await screenshot(page, testInfo, 'protocols-library-light');

  await library.searchFor('feber bebis');
  await expect.poll(async () => (await library.shownIds())[0]).toBe('feber-spadbarn');
  await expect(library.items.first()).toContainText('Feber hos spädbarn under 3 månader');
  await expect(library.items.first()).toContainText('under 3 mån');

  // Enter opens the first match; its questions come most urgent first, each with its level and advice.
  await page.keyboard.press('Enter');
  await expect(library.detail.getByRole('heading', { level: 2 })).toHaveText(
    'Feber hos spädbarn under 3 månader',
  );
  const levels = await library.detail
    .locator('[data-question-id] [data-level]')
    .evaluateAll((nodes) => nodes.map((node) => Number(node.getAttribute('data-level'))));
  expect(levels.length).toBeGreaterThan(2);
  expect(levels).toEqual([...levels].sort((a, b) => a - b));
  await expect(library.detailQuestion('feber-38')).toContainText('Råd');
  await expect(library.detail).toContainText('Referenser');
  await screenshot(page, testInfo, 'protocols-detail-light');

  await page.emulateMedia({ colorScheme: 'dark' });
  await screenshot(page, testInfo, 'protocols-detail-dark');

  // A word no protocol knows gives a plain empty state, not an empty box.
  await library.searchFor('xyzzy');
  await expect(page.getByText('Inget protokoll matchar ”xyzzy”.')).toBeVisible();
  await screenshot(page, testInfo, 'protocols-no-match-dark');
});
