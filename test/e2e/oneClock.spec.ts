// One clock end to end: on a computer set to Tokyo time, the note's save and signing times and the case list read Swedish time.
import { test, expect, screenshot } from './support/fixtures';
import { SignInPage } from './pages/SignInPage';
import { CaseListPage } from './pages/CaseListPage';
import { newCase } from './support/caseFlows';
import { generatePersonnummer } from '../../core/identity/testNumbers';

// Region Kalmar's second demo nurse; no other end-to-end test signs in with her.
const NURSE = { hsaId: 'SE2321000016-KALN2', name: 'Peter Nyström' };
const PASSWORD = 'firstline-demo';

// Tokyo is 8 hours ahead of Swedish winter time and 7 of summer time, and has no clock change.
test.use({ timezoneId: 'Asia/Tokyo' });

const swedishClock = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Europe/Stockholm',
  hourCycle: 'h23',
  hour: '2-digit',
  minute: '2-digit',
});

/** Every Swedish hh:mm from `fromMs` to now: what a time shown during the test may read. */
function swedishMinutesSince(fromMs: number): string[] {
  const minutes: string[] = [];
  for (let at = fromMs - (fromMs % 60_000); at <= Date.now(); at += 60_000) {
    minutes.push(swedishClock.format(new Date(at)));
  }
  return minutes;
}

test('on a computer in Tokyo, the note and the case list show Swedish time', async ({
  page,
  workstation,
}, testInfo) => {
  const started = Date.now();
  const signIn = new SignInPage(page);
  await signIn.open(workstation.url);
  expect(await page.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone)).toBe('Asia/Tokyo');
  await signIn.signIn(NURSE.hsaId, PASSWORD);

  const patient = generatePersonnummer({ birthDate: '1979-05-21', sex: 'male' });
  const view = await newCase(page, patient, 'Hosta sedan en vecka');
  await view.field('Bedömning').fill('Opåverkad, andas utan besvär.');
  await view.field('Råd').fill('Egenvård, ring igen vid feber eller andnöd.');
  await view.chooseBradskegrad('6 · Egenvård');
  await expect(view.saveState).toHaveText(/^Utkastet sparat \d\d:\d\d$/);
  const saved = /(\d\d:\d\d)$/.exec((await view.saveState.textContent()) ?? '')?.[1];
  expect(swedishMinutesSince(started)).toContain(saved);

  await view.field('Råd').click();
  await page.keyboard.press('Control+Enter');
  await expect(view.signedNotes).toHaveCount(1);
  const signedBy = view.signedNotes.first().getByTestId('signed-by');
  await expect(signedBy).toContainText(`av ${NURSE.name}`);
  const signedAt = /Signerad i dag (\d\d:\d\d) av/.exec((await signedBy.textContent()) ?? '')?.[1];
  expect(swedishMinutesSince(started)).toContain(signedAt);
  await screenshot(page, testInfo, 'one-clock-note-signed-tokyo');

  await page.keyboard.press('Alt+L');
  const list = new CaseListPage(page);
  await expect(list.rows).toHaveCount(1);
  const row = (await list.row(patient.display).textContent()) ?? '';
  const listed = /i dag (\d\d:\d\d)/.exec(row)?.[1];
  expect(swedishMinutesSince(started)).toContain(listed);
  await screenshot(page, testInfo, 'one-clock-cases-list-tokyo');
});
