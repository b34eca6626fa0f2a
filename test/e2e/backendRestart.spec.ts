// The regional backend restarts in the middle of a call: the call survives, the workstation reconnects and resyncs, and nothing is duplicated.
import { expect, test, type Page } from '@playwright/test';
import { mkdtemp } from 'node:fs/promises';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { generatePersonnummer } from '../../core/identity/testNumbers';
import { CallsPage } from './pages/CallsPage';
import { CaseViewPage } from './pages/CaseViewPage';
import { SignInPage } from './pages/SignInPage';
import { pullRegion } from '../sync/support/regionReader';
import { injectCall, type CallsBackend } from './support/calls';
import { startProcess, stop, type RunningProcess } from './support/fixtures';

const PASSWORD = 'firstline-demo';
const NURSE = 'SE2321000016-UPPN2';

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** The demo backend on a fixed port with its data on disk, so it can be killed and started again on the same. */
async function startBackendOnDisk(dataDir: string, port: number): Promise<CallsBackend> {
  const { info, process } = await startProcess('scripts/web.ts', [
    '--backend-only',
    '--data-dir',
    dataDir,
    '--backend-port',
    String(port),
    '--no-simulator',
  ]);
  return { url: info.backendUrl!, process, telephonyKey: info.telephonyKey! };
}

async function signInAvailable(page: Page, url: string): Promise<CallsPage> {
  const signInPage = new SignInPage(page);
  await signInPage.open(url);
  await signInPage.signIn(NURSE, PASSWORD);
  const calls = new CallsPage(page);
  await calls.section.waitFor();
  await page.keyboard.press('F9');
  await expect(calls.presence).toHaveAttribute('data-state', 'available');
  return calls;
}

test('the backend restarts mid-call: the call and its case survive, the workstation resyncs, one case and one note reach the backend', async ({
  page,
}) => {
  test.setTimeout(300_000);
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'firstline-e2e-backend-'));
  const port = await freePort();
  let backend = await startBackendOnDisk(dataDir, port);
  const profileDir = await mkdtemp(path.join(os.tmpdir(), 'firstline-e2e-profile-'));
  const { info, process: hostProcess } = await startProcess('main/host/start.ts', [
    '--backend-url',
    backend.url,
    '--profile-dir',
    profileDir,
  ]);
  const host: RunningProcess = { url: info.workstationUrl!, process: hostProcess };
  try {
    const patient = generatePersonnummer({ birthDate: '1971-03-22', sex: 'female' });
    const calls = await signInAvailable(page, host.url);
    const view = new CaseViewPage(page);
    const call = await injectCall(backend, {
      regionId: 'uppsala',
      callerNumber: '+46 18 12 34 56',
      personnummer: patient.normalized,
    });
    await expect(calls.offer).toHaveAttribute('data-call-id', call.callId);
    await page.keyboard.press('F2');
    await expect(view.patientNumber).toHaveText(patient.display);
    await view.field('Kontaktorsak').fill('Hosta och feber.');
    await view.field('Bedömning').fill('Hosta sedan fem dagar, feber 38,5.');
    await expect(view.saveState).toHaveText(/^Utkastet sparat \d\d:\d\d$/);

    // The backend dies with the call connected; the nurse keeps writing.
    backend.process.kill('SIGKILL');
    await new Promise((resolve) => backend.process.once('exit', resolve));
    await expect(page.getByTestId('connection-state')).toHaveAttribute('data-state', 'offline', {
      timeout: 60_000,
    });
    await view.field('Råd').fill('Vila och vätska. Ring igen vid andningsbesvär.');
    await view.field('Hänvisning').fill('Egenvård.');
    await view.chooseBradskegrad('6 · Egenvård');
    await expect(view.saveState).toHaveText(/^Utkastet sparat \d\d:\d\d$/);
    await expect(calls.callBar).toHaveAttribute('data-state', 'on-call');

    backend = await startBackendOnDisk(dataDir, port);
    await expect(page.getByTestId('connection-state')).toHaveAttribute('data-state', 'online', {
      timeout: 60_000,
    });
    // The call is still connected in the backend: she ends it and signs, as on any call.
    await expect(calls.callBar).toHaveAttribute('data-state', 'on-call');
    await expect(calls.presence).toHaveAttribute('data-state', 'on-call');
    await expect(calls.callBar.getByRole('button', { name: 'Visa ärendet' })).toBeVisible();
    await view.field('Råd').click();
    await page.keyboard.press('F8');
    await expect(calls.callBar).toHaveAttribute('data-state', 'after-call-work', { timeout: 30_000 });
    await page.keyboard.press('Control+Enter');
    await expect(view.signedNotes).toHaveCount(1);
    await expect(calls.presence).toHaveAttribute('data-state', 'available', { timeout: 30_000 });
    await expect(page.getByTestId('sync-state')).toHaveAttribute('data-state', 'synced', { timeout: 60_000 });

    const records = await pullRegion(backend.url, 'SE2321000016-UPPTL1', PASSWORD);
    const cases = records.flatMap((r) =>
      r.entity === 'case' && r.payload.callId === call.callId ? [r.payload] : [],
    );
    expect(cases).toHaveLength(1);
    const notes = records.flatMap((r) =>
      r.entity === 'note' && r.payload.caseId === cases[0]!.id ? [r.payload] : [],
    );
    expect(notes).toHaveLength(1);
    expect(notes[0]!.rad).toBe('Vila och vätska. Ring igen vid andningsbesvär.');
  } finally {
    await stop(host);
    await stop(backend);
  }
});
