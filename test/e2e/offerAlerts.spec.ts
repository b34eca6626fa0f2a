// An offered call can't be missed: the window title, a desktop notification that answers on a click, and a ring that repeats until she answers; the ring's volume in Inställningar.
import { test, expect, screenshot, injectCall } from './support/calls';
import { SignInPage } from './pages/SignInPage';
import { CallsPage } from './pages/CallsPage';
import { generatePersonnummer } from '../../core/identity/testNumbers';

/** Region Östergötland's second nurse: no other call test rings in Östergötland. */
const NURSE = 'SE2321000016-OSTN2';
const PASSWORD = 'firstline-demo';

interface Recorded {
  notifications: { title: string; body: string; closed: boolean }[];
  oscillators: number;
}

test.beforeEach(async ({ context }) => {
  await context.grantPermissions(['notifications']);
  // Headless Chromium shows no notifications and plays into no speaker: record what the page asks for instead.
  await context.addInitScript(() => {
    const recorded = { notifications: [] as unknown[], oscillators: 0 };
    Object.assign(window, { __offerAlerts: recorded });
    class RecordingNotification extends EventTarget {
      // A test may set window.__notificationPermission in an init script of its own.
      static get permission() {
        return (window as { __notificationPermission?: string }).__notificationPermission ?? 'granted';
      }
      static requestPermission = async () => RecordingNotification.permission;
      closed = false;
      body: string;
      constructor(
        public title: string,
        options: NotificationOptions = {},
      ) {
        super();
        this.body = options.body ?? '';
        recorded.notifications.push(this);
      }
      close() {
        this.closed = true;
      }
    }
    Object.defineProperty(window, 'Notification', { value: RecordingNotification, configurable: true });
    const start = OscillatorNode.prototype.start;
    OscillatorNode.prototype.start = function (...args: Parameters<typeof start>) {
      recorded.oscillators += 1;
      return start.apply(this, args);
    };
  });
});

test('a ringing red-flag call marks the window title, rings until answered, and its notification answers it on a click', async ({
  page,
  workstation,
  backend,
}, testInfo) => {
  test.setTimeout(120_000);
  const recorded = () =>
    page.evaluate(() => {
      const { notifications, oscillators } = (window as unknown as { __offerAlerts: Recorded }).__offerAlerts;
      return {
        oscillators,
        notifications: notifications.map(({ title, body, closed }) => ({ title, body, closed })),
      };
    });
  const signIn = new SignInPage(page);
  await signIn.open(workstation.url);
  await signIn.signIn(NURSE, PASSWORD);
  const calls = new CallsPage(page);
  await calls.section.waitFor();
  await expect(page).toHaveTitle('Firstline');

  await test.step('the ring volume in Inställningar', async () => {
    await page.getByRole('button', { name: 'Inställningar' }).click();
    await expect(page.getByRole('menuitem', { name: 'Ringsignal: 70 %' })).toBeVisible();
    await screenshot(page, testInfo, 'ring-settings-menu-light');
    await page.getByRole('menuitem', { name: 'Ringsignal: 70 %' }).click();
    const dialog = page.getByTestId('ring-settings');
    await expect(dialog).toBeVisible();
    await expect(dialog.getByTestId('notification-access')).toHaveText('Skrivbordsaviseringar är på.');
    await screenshot(page, testInfo, 'ring-settings-light');
    await dialog.getByRole('slider', { name: 'Volym' }).focus();
    await page.keyboard.press('ArrowLeft');
    await expect(dialog.getByTestId('ring-volume-value')).toHaveText('60 %');
    // Playing the ring to hear it starts its tones.
    const before = (await recorded()).oscillators;
    await dialog.getByRole('button', { name: 'Spela ringsignalen' }).click();
    await expect.poll(async () => (await recorded()).oscillators).toBeGreaterThan(before);
    await dialog.getByRole('button', { name: 'Stäng' }).click();
    await page.getByRole('button', { name: 'Inställningar' }).click();
    await expect(page.getByRole('menuitem', { name: 'Ringsignal: 60 %' })).toBeVisible();
    await page.keyboard.press('Escape');
  });

  await page.keyboard.press('F9');
  await expect(calls.presence).toHaveAttribute('data-state', 'available');
  const patient = generatePersonnummer({ birthDate: '1962-04-18', sex: 'female' });
  const call = await injectCall(backend, {
    regionId: 'ostergotland',
    callerNumber: '013-100 100',
    personnummer: patient.normalized,
    answers: [{ code: 'chest-pain', answer: 'yes' }],
  });
  await expect(calls.offer).toHaveAttribute('data-call-id', call.callId);

  await test.step('title, notification and ring while it is offered', async () => {
    await expect(page).toHaveTitle('● Akut samtal – Firstline');
    await expect.poll(async () => (await recorded()).notifications).toHaveLength(1);
    const [notification] = (await recorded()).notifications;
    expect(notification!.title).toBe('Akut samtal – röd flagga');
    expect(notification!.body).toContain('Brådska: Röd · Kö: Region Östergötland');
    expect(notification!.body).toContain('Röda flaggor: Bröstsmärta');
    // Nothing in it identifies the caller: it may show on a locked screen.
    for (const secret of [
      patient.normalized,
      patient.display,
      patient.normalized.slice(2, 8),
      '013',
      '100 100',
    ]) {
      expect(notification!.body).not.toContain(secret);
    }
    // The red-flag ring: six tones a burst, and it comes again after two seconds.
    await expect
      .poll(async () => (await recorded()).oscillators, { timeout: 5_000 })
      .toBeGreaterThanOrEqual(6);
    const first = (await recorded()).oscillators;
    await expect
      .poll(async () => (await recorded()).oscillators, { timeout: 5_000 })
      .toBeGreaterThanOrEqual(first + 6);
    // No picture here: axe takes longer than the 20 s the offer rings on a busy machine, and the card
    // itself is the one calls.spec.ts photographs (light and dark).
  });

  await test.step('a click on the notification answers the call, and everything goes quiet', async () => {
    await page.evaluate(() => {
      const { notifications } = (window as unknown as { __offerAlerts: { notifications: EventTarget[] } })
        .__offerAlerts;
      notifications[0]!.dispatchEvent(new Event('click'));
    });
    await expect(calls.callBar).toHaveAttribute('data-state', 'on-call');
    await expect(calls.offer).toHaveCount(0);
    await expect(page).toHaveTitle('Firstline');
    expect((await recorded()).notifications[0]!.closed).toBe(true);
    const after = (await recorded()).oscillators;
    await page.waitForTimeout(3_000);
    expect((await recorded()).oscillators).toBe(after);
  });

  await calls.setTheme('dark');
  await page.getByRole('button', { name: 'Inställningar' }).click();
  await expect(page.getByRole('menuitem', { name: 'Ringsignal: 60 %' })).toBeVisible();
  await screenshot(page, testInfo, 'ring-settings-menu-dark');
  await page.getByRole('menuitem', { name: 'Ringsignal: 60 %' }).click();
  await expect(page.getByTestId('ring-settings')).toBeVisible();
  await screenshot(page, testInfo, 'ring-settings-dark');
});

test('blocked notifications are named in Inställningar, where the nurse can see why no notification comes', async ({
  page,
  workstation,
}, testInfo) => {
  await page.addInitScript(() => Object.assign(window, { __notificationPermission: 'denied' }));
  const signIn = new SignInPage(page);
  await signIn.open(workstation.url);
  await signIn.signIn('SE2321000016-OSTTL1', PASSWORD);
  await new CallsPage(page).section.waitFor();
  await page.getByRole('button', { name: 'Inställningar' }).click();
  const item = page.getByRole('menuitem', { name: /Ringsignal: 70 %/ });
  await expect(item).toContainText('Skrivbordsaviseringar är blockerade');
  await item.click();
  const note = page.getByTestId('ring-settings').getByTestId('notification-access');
  await expect(note).toHaveAttribute('data-access', 'denied');
  await expect(note).toContainText('Tillåt aviseringar för Firstline i webbläsarens inställningar');
  await screenshot(page, testInfo, 'ring-settings-notifications-blocked-light');
});
