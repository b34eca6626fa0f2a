// Sign-in end to end: a demo nurse lands in the Swedish shell; wrong passwords and roles behave as they must.
import { test, expect, screenshot, startWorkstation, stop } from './support/fixtures';
import { SignInPage } from './pages/SignInPage';
import { ShellPage } from './pages/ShellPage';

const NURSE = 'SE2321000016-SKAN1';
const TEAM_LEAD = 'SE2321000016-SKATL1';
const PASSWORD = 'firstline-demo';

test('a nurse signs in with the keyboard and sees the shell in Swedish', async ({
  page,
  workstation,
}, testInfo) => {
  const signIn = new SignInPage(page);
  await signIn.open(workstation.url);
  await expect(page.getByRole('heading', { name: 'Logga in' })).toBeVisible();
  await expect(page.getByTestId('connection-state')).toHaveAttribute('data-state', 'online');
  await screenshot(page, testInfo, 'sign-in');

  await signIn.signIn(NURSE, PASSWORD);
  const shell = new ShellPage(page);
  await expect(shell.tab('Samtal')).toBeVisible();
  await expect(shell.tab('Ärenden')).toBeVisible();
  await expect(shell.tab('Protokoll')).toBeVisible();
  await expect(shell.tab('Teamledare')).toHaveCount(0);
  await expect(shell.statusRole).toHaveText('Sjuksköterska');
  await expect(shell.statusUser).toContainText(NURSE);
  await expect(shell.statusRegion).toHaveText('Region Skåne');
  await expect(shell.connection).toContainText('Ansluten till regionen');
  await screenshot(page, testInfo, 'shell-nurse');

  // The page never holds a token: nothing token-like in storage or globals.
  const leaked = await page.evaluate(() =>
    JSON.stringify({ ...sessionStorage, ...localStorage, cookie: document.cookie }).match(
      /eyJ[\w-]+\.[\w-]+/,
    ),
  );
  expect(leaked).toBeNull();
});

test('a wrong password shows a clear Swedish error and keeps the nurse on sign-in', async ({
  page,
  workstation,
}, testInfo) => {
  const signIn = new SignInPage(page);
  await signIn.open(workstation.url);
  await signIn.signIn('SE2321000016-SKAN2', 'fel-lösenord');
  await expect(signIn.error).toHaveText(
    'Fel HSA-id eller lösenord. Kontrollera uppgifterna och försök igen.',
  );
  await expect(page.getByRole('navigation', { name: 'Huvudmeny' })).toHaveCount(0);
  await screenshot(page, testInfo, 'sign-in-wrong-password');
});

test('a team lead sees Teamledare; the status bar shows the role', async ({
  page,
  workstation,
}, testInfo) => {
  const signIn = new SignInPage(page);
  await signIn.open(workstation.url);
  await signIn.signIn(TEAM_LEAD, PASSWORD);
  const shell = new ShellPage(page);
  await expect(shell.tab('Teamledare')).toBeVisible();
  await expect(shell.statusRole).toHaveText('Teamledare, sjuksköterska');
  await shell.tab('Teamledare').click();
  await expect(page.getByRole('heading', { name: 'Teamledare', level: 1 })).toBeVisible();
  await screenshot(page, testInfo, 'shell-team-lead');

  await shell.signOut();
  await expect(page.getByRole('heading', { name: 'Logga in' })).toBeVisible();
});

test('the shell switches to English and to dark mode, and keeps them', async ({
  page,
  workstation,
}, testInfo) => {
  const signIn = new SignInPage(page);
  await signIn.open(workstation.url);
  await signIn.signIn(NURSE, PASSWORD);
  await page.getByRole('button', { name: 'Inställningar' }).click();
  await page.getByRole('menuitem', { name: 'Mörkt läge' }).click();
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: 'Inställningar' }).click();
  await page.getByRole('menuitem', { name: 'English' }).click();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('tab', { name: 'Calls' })).toBeVisible();
  const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  expect(background).toBe('rgb(14, 18, 23)');
  await screenshot(page, testInfo, 'shell-dark-english');
  await page.reload();
  await expect(page.getByRole('tab', { name: 'Calls' })).toBeVisible();
});

test('five wrong passwords lock the account, and the nurse is told until when', async ({
  page,
  workstation,
}, testInfo) => {
  const signIn = new SignInPage(page);
  await signIn.open(workstation.url);
  for (let attempt = 1; attempt <= 4; attempt++) {
    await signIn.signIn('SE2321000016-GOTN2', `fel-${attempt}`);
    await expect(signIn.error).toContainText('Fel HSA-id eller lösenord');
    // Dismiss the message so the next answer is a new one, not the old one still on screen.
    await signIn.error.getByRole('button', { name: 'Stäng' }).click();
    await signIn.password.fill('');
  }
  // The fifth failure locks the account, and even the right password is refused while it is locked.
  await signIn.signIn('SE2321000016-GOTN2', 'fel-5');
  await expect(signIn.error).toContainText(/Kontot är låst .* Försök igen efter kl\. \d\d:\d\d/);
  await signIn.error.getByRole('button', { name: 'Stäng' }).click();
  await signIn.password.fill('');
  await signIn.signIn('SE2321000016-GOTN2', PASSWORD);
  await expect(signIn.error).toContainText(/Kontot är låst .* Försök igen efter kl\. \d\d:\d\d/);
  await screenshot(page, testInfo, 'sign-in-locked');
});

test('an unreachable backend gets its own clear message', async ({ page }, testInfo) => {
  // A workstation whose regional backend does not answer (nothing listens on port 9).
  const offline = await startWorkstation('http://127.0.0.1:9');
  try {
    const signIn = new SignInPage(page);
    await signIn.open(offline.url);
    await expect(page.getByTestId('connection-state')).toHaveAttribute('data-state', 'offline');
    await signIn.signIn(NURSE, PASSWORD);
    await expect(signIn.error).toHaveText(/^Regionens server svarar inte\./);
    await screenshot(page, testInfo, 'sign-in-backend-unreachable');
  } finally {
    await stop(offline);
  }
});
