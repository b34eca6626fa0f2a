// One call of the shift soak through the real UI, as a nurse takes it with the keyboard, with each step timed.
//
// Offer → F2 → the screen-pop case → Ctrl+K "ont i magen" → Enter → context answers and four "no" →
// "yes" to a level-2 question (2 Omgående) → the note (Kontaktorsak, Bedömning added to, Råd and brådskegrad
// from the triage, Hänvisning) →
// F8 → Ctrl+Enter (signed, available) → Alt+1, the Samtal section. The locators are the e2e page objects'.
import { expect as baseExpect, type Page } from '@playwright/test';
import {
  CALL_ROUTES,
  TELEPHONY_KEY_HEADER,
  callRoute,
  type TelephonyCallEnteredResponse,
} from '../../core/backend-api/calls';
import { generateRandomPersonnummer, type Rng } from '../../core/identity/testNumbers';
import { CallsPage } from '../../test/e2e/pages/CallsPage';
import { CaseViewPage } from '../../test/e2e/pages/CaseViewPage';
import { SignInPage } from '../../test/e2e/pages/SignInPage';
import { TriagePanelPage } from '../../test/e2e/pages/TriagePanelPage';
import type { CallTimings, Phase, Step } from './shiftVerdict';

/** Each wait of a step; generous, as the soak runs on busy machines too. */
const expect = baseExpect.configure({ timeout: 30_000 });
const QUERY = 'ont i magen';
const DEMO_PASSWORD = 'firstline-demo';

export interface ShiftLine {
  backendUrl: string;
  telephonyKey: string;
  regionId: string;
  rng: Rng;
  /** Personnummer already used: every caller is a new patient, so each call opens a new case. */
  used: Set<string>;
}

/** The phone platform's reference of the soak's call number `call`. */
export const externalRefOf = (call: number) => `soak-shift-${process.pid}-${call}`;

declare global {
  interface Window {
    /** Keydown → next frame, ms, of each character typed in the protocol search (the soak's instrumentation). */
    __soakSearchKeys?: number[];
  }
}

/**
 * Keystroke → search results, measured in the page: from the keydown's own time stamp to just after the
 * next frame. The search runs synchronously in the render the keystroke causes, so the results are on
 * screen by then; measured in the page, Playwright's own round trips are not counted.
 */
export function installSearchTiming(): void {
  window.__soakSearchKeys = [];
  document.addEventListener(
    'keydown',
    (event) => {
      const target = event.target as HTMLElement | null;
      if (target?.getAttribute('data-testid') !== 'triage-protocol-search') return;
      if (event.key.length !== 1 || event.ctrlKey || event.altKey) return;
      const start = event.timeStamp;
      requestAnimationFrame(() =>
        setTimeout(() => window.__soakSearchKeys!.push(performance.now() - start), 0),
      );
    },
    true,
  );
}

export async function signInAvailable(page: Page, url: string, hsaId: string): Promise<CallsPage> {
  const signIn = new SignInPage(page);
  await signIn.open(url);
  await signIn.signIn(hsaId, DEMO_PASSWORD);
  const calls = new CallsPage(page);
  await calls.section.waitFor({ timeout: 60_000 });
  // A nurse starts her shift away from the queue ("Utloggad"); F9 makes her available.
  await expect(calls.presence).toHaveAttribute('data-state', 'offline');
  await page.keyboard.press('F9');
  await expect(calls.presence).toHaveAttribute('data-state', 'available');
  return calls;
}

/** A caller with a personnummer keyed in the phone menu enters the queue, as the phone platform reports it. */
async function injectCall(line: ShiftLine, call: number): Promise<{ callId: string; display: string }> {
  let patient;
  do {
    const today = new Date();
    patient = generateRandomPersonnummer({ today, rng: line.rng, minAgeYears: 18, maxAgeYears: 80 });
  } while (line.used.has(patient.normalized));
  line.used.add(patient.normalized);
  const response = await fetch(new URL(CALL_ROUTES.telephonyCalls, line.backendUrl), {
    method: 'POST',
    headers: { 'content-type': 'application/json', [TELEPHONY_KEY_HEADER]: line.telephonyKey },
    body: JSON.stringify({
      externalRef: externalRefOf(call),
      regionId: line.regionId,
      callerNumber: '+46 40 123 45 67',
      personnummer: patient.normalized,
      answers: [{ code: 'chest-pain', answer: 'no' }],
    }),
  });
  if (response.status !== 201)
    throw new Error(`injecting call ${call} failed: HTTP ${response.status} ${await response.text()}`);
  const { callId } = (await response.json()) as TelephonyCallEnteredResponse;
  return { callId, display: patient.display };
}

async function timed(into: number[], action: () => Promise<unknown>): Promise<void> {
  const started = performance.now();
  await action();
  into.push(performance.now() - started);
}

/** One whole call; throws (with no patient data in the message) when a step does not happen in time. */
export async function takeCall(page: Page, line: ShiftLine, call: number): Promise<CallTimings> {
  const calls = new CallsPage(page);
  const view = new CaseViewPage(page);
  const triage = new TriagePanelPage(page);
  const steps: Record<Step, number[]> = { accept: [], search: [], answer: [], end: [], sign: [] };
  const started = performance.now();
  const phases = {} as Record<Phase, number>;
  let phaseStart = started;
  const phaseDone = (phase: Phase) => {
    const now = performance.now();
    phases[phase] = now - phaseStart;
    phaseStart = now;
  };
  const { callId, display } = await injectCall(line, call);
  await expect(calls.offer).toHaveAttribute('data-call-id', callId);
  phaseDone('ring');

  await timed(steps.accept, async () => {
    await page.keyboard.press('F2');
    await expect(view.patientNumber).toHaveText(display);
  });
  await expect(calls.callBar).toHaveAttribute('data-state', 'on-call');
  await expect(triage.chosen).toContainText('Sök och välj ett protokoll för att börja triagen.');
  phaseDone('accept');

  await page.keyboard.press('Control+k');
  await expect(triage.search).toBeFocused();
  await page.evaluate(() => window.__soakSearchKeys?.splice(0));
  await page.keyboard.type(QUERY);
  await expect(triage.options.first()).toHaveAttribute('data-protocol-option', 'buksmarta-vuxen');
  await page.waitForFunction((n) => (window.__soakSearchKeys?.length ?? 0) >= n, QUERY.length);
  steps.search.push(...(await page.evaluate(() => window.__soakSearchKeys?.splice(0) ?? [])));
  await page.keyboard.press('Enter');
  await expect(triage.currentRow).toHaveAttribute('data-row-key', 'buksmarta-vuxen/var-sitter-smartan');
  phaseDone('search');
  await page.keyboard.type('Höger sida, nedtill');
  await page.keyboard.press('Enter');
  await page.keyboard.type('I morse');
  await page.keyboard.press('Enter');
  // A woman is asked for her last period too (a context field); the first yes/no question is "chock".
  for (
    let i = 0;
    i < 3 && (await triage.currentRow.getAttribute('data-row-key')) !== 'buksmarta-vuxen/chock';
    i += 1
  )
    await page.keyboard.press('ArrowDown');
  await expect(triage.currentRow).toHaveAttribute('data-row-key', 'buksmarta-vuxen/chock');
  for (let i = 0; i < 4; i += 1) {
    const asked = await triage.currentRow.getAttribute('data-row-key');
    await timed(steps.answer, async () => {
      await page.keyboard.press('n');
      await expect(triage.checklist.locator(`[data-row-key="${asked}"]`)).toHaveAttribute(
        'data-answer',
        'no',
      );
      await expect(triage.currentRow).not.toHaveAttribute('data-row-key', asked!);
    });
  }
  // Then a level-2 question: "kan vara gravid" for a woman, "outhärdlig smärta" for a man; yes gives 2 Omgående.
  await triage.answer('J');
  await expect(triage.level).toHaveText('2 Omgående');
  await expect(triage.saveStatus).toHaveAttribute('data-status', 'saved');
  phaseDone('questions');

  // The note: the triage fills Bedömning, Råd and brådskegrad; the nurse writes kontaktorsak and Hänvisning and adds to Bedömning.
  const bedomning = view.field('Bedömning');
  await expect(bedomning).toHaveValue(/Triage enligt Buksmärta hos vuxen/);
  await expect(view.field('Råd')).not.toHaveValue('');
  await expect(view.editor).toContainText('2 · Omgående');
  await view.field('Kontaktorsak').press('Control+End');
  await page.keyboard.type('\nOnt i magen sedan i morse.');
  await bedomning.press('Control+End');
  await page.keyboard.type('\nOpåverkad i telefon, smärtan tilltar.');
  await view.field('Hänvisning').fill('Akutmottagningen inom en timme.');
  await expect(view.saveState).toHaveText(/^Utkastet sparat \d\d:\d\d$/);
  phaseDone('note');

  await view.field('Råd').click();
  await timed(steps.end, async () => {
    await page.keyboard.press('F8');
    await expect(calls.callBar).toHaveAttribute('data-state', 'after-call-work');
  });
  // Ctrl+Enter signs from the note, so the focus goes back to it first (as in calls.spec.ts).
  await view.field('Råd').click();
  await timed(steps.sign, async () => {
    await page.keyboard.press('Control+Enter');
    await expect(view.signedNotes).toHaveCount(1);
    await expect(calls.presence).toHaveAttribute('data-state', 'available');
  });
  await expect(calls.callBar).toHaveCount(0);
  phaseDone('endAndSign');
  await calls.open();
  phaseDone('back');
  return { call, steps, phases, totalMs: performance.now() - started };
}

/** The Samtal section, available and with nothing on screen but the queue: where every sample is taken. */
export async function settleInCalls(page: Page): Promise<void> {
  const calls = new CallsPage(page);
  await calls.open();
  await expect(calls.presence).toHaveAttribute('data-state', 'available');
  await expect(calls.queueEmpty).toBeVisible();
  await expect(calls.offer).toHaveCount(0);
}

/** An error's first lines without personnummer (the soak prints no patient data, even synthetic). */
export function describeFailure(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text
    .split('\n')
    .filter((l) => l.trim() !== '')
    .slice(0, 4)
    .join(' | ')
    .replace(/\d{8}-?\d{4}/g, '[personnummer]');
}

/** The caller hangs up (after a failed call, so it does not ring again). */
export async function hangUp(line: ShiftLine, call: number): Promise<void> {
  await fetch(new URL(callRoute(CALL_ROUTES.telephonyHangUp, externalRefOf(call)), line.backendUrl), {
    method: 'POST',
    headers: { 'content-type': 'application/json', [TELEPHONY_KEY_HEADER]: line.telephonyKey },
    body: '{}',
  }).catch(() => undefined);
}

/** After a failed call: the page started over and the nurse available again in the Samtal section. */
export async function recover(page: Page): Promise<void> {
  const calls = new CallsPage(page);
  await page.keyboard.press('Escape');
  await page.reload();
  // The page comes back where it was (a case, perhaps); the Samtal section is one shortcut away.
  await expect(calls.presence).toBeVisible({ timeout: 60_000 });
  await calls.open();
  await expect(calls.presence).not.toHaveAttribute('data-state', 'on-call');
  if ((await calls.presence.getAttribute('data-state')) !== 'available') await page.keyboard.press('F9');
  await settleInCalls(page);
}
