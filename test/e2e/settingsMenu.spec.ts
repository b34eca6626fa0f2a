// The settings menu in the status bar: switching language or light/dark closes it, and the English shell translates the nurse's title.
import { test, expect, screenshot } from './support/fixtures';
import { SignInPage } from './pages/SignInPage';
import { ShellPage } from './pages/ShellPage';

/** Region Jönköping's second demo nurse (a Distriktssköterska); this test makes no cases. */
const NURSE = 'SE2321000016-JONN2';
const PASSWORD = 'firstline-demo';

test('switching language or theme closes the settings menu; in English the title is translated', async ({
  page,
  workstation,
}, testInfo) => {
  const signIn = new SignInPage(page);
  await signIn.open(workstation.url);
  await signIn.signIn(NURSE, PASSWORD);
  const shell = new ShellPage(page);
  await expect(shell.statusRole).toHaveText('Distriktssköterska');
  const menu = page.getByRole('menu');

  await page.getByRole('button', { name: 'Inställningar' }).click();
  await expect(menu).toBeVisible();
  await page.getByRole('menuitem', { name: 'English' }).click();
  await expect(page.getByRole('tab', { name: 'Calls' })).toBeVisible();
  await expect(menu).toHaveCount(0);
  await expect(shell.statusRole).toHaveText('District nurse');
  await screenshot(page, testInfo, 'settings-english-shell-light');

  await page.getByRole('button', { name: 'Settings' }).click();
  await expect(menu).toBeVisible();
  await page.getByRole('menuitem', { name: 'Dark mode' }).click();
  await expect(menu).toHaveCount(0);
  await screenshot(page, testInfo, 'settings-english-shell-dark');

  await page.getByRole('button', { name: 'Settings' }).click();
  await page.getByRole('menuitem', { name: 'Svenska' }).click();
  await expect(menu).toHaveCount(0);
  await expect(shell.statusRole).toHaveText('Distriktssköterska');
});
