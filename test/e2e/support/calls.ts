// End-to-end support for call handling: a demo backend without simulated callers, and calls injected through the telephony route as the phone platform would.
import {
  CALL_ROUTES,
  TELEPHONY_KEY_HEADER,
  callRoute,
  type TelephonyCallEnteredRequest,
  type TelephonyCallEnteredResponse,
  type TelephonyHangUpResponse,
} from '../../../core/backend-api/calls';
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { test as base, startProcess, stop, type RunningProcess } from './fixtures';

export interface CallsBackend extends RunningProcess {
  /** The telephony API key the backend was started with. */
  telephonyKey: string;
}

/**
 * The tests of calls.spec.ts get their own demo backend with the simulator off, so the only calls in
 * the queue are the ones they inject (a simulated caller would change who is offered first).
 */
export const test = base.extend<{ workstation: RunningProcess }, { backend: CallsBackend }>({
  // FIRSTLINE_E2E_RENDERER_DIR points at a renderer build of one's own, so a rebuild of dist/renderer
  // running beside these tests cannot pull the page away under them.
  workstation: async ({ backend }, use) => {
    const profileDir = await mkdtemp(path.join(os.tmpdir(), 'firstline-e2e-calls-'));
    const rendererDir = process.env.FIRSTLINE_E2E_RENDERER_DIR;
    const { info, process: child } = await startProcess('main/host/start.ts', [
      '--backend-url',
      backend.url,
      '--profile-dir',
      profileDir,
      ...(rendererDir ? ['--renderer-dir', rendererDir] : []),
    ]);
    const workstation: RunningProcess = { url: info.workstationUrl!, process: child };
    await use(workstation);
    await stop(workstation);
  },
  backend: [
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const { info, process } = await startProcess('scripts/web.ts', [
        '--backend-only',
        '--data-dir',
        'memory',
        '--no-simulator',
      ]);
      if (!info.telephonyKey) throw new Error('The demo backend did not report its telephony key.');
      const backend: CallsBackend = { url: info.backendUrl!, process, telephonyKey: info.telephonyKey };
      await use(backend);
      await stop(backend);
    },
    // Starting and seeding the demo takes most of a minute on a busy machine.
    { scope: 'worker', timeout: 120_000 },
  ],
});

export { expect, screenshot } from './fixtures';

let injected = 0;

/** A call that passed the phone menu enters the region's queue; returns the ACD's answer and the platform's reference. */
export async function injectCall(
  backend: CallsBackend,
  call: Omit<TelephonyCallEnteredRequest, 'externalRef'>,
): Promise<TelephonyCallEnteredResponse & { externalRef: string }> {
  injected += 1;
  const externalRef = `e2e-${process.pid}-${Date.now()}-${injected}`;
  const response = await fetch(new URL(CALL_ROUTES.telephonyCalls, backend.url), {
    method: 'POST',
    headers: { 'content-type': 'application/json', [TELEPHONY_KEY_HEADER]: backend.telephonyKey },
    body: JSON.stringify({ externalRef, ...call }),
  });
  if (response.status !== 201) {
    throw new Error(`Injecting a call failed: HTTP ${response.status} ${await response.text()}`);
  }
  return { ...((await response.json()) as TelephonyCallEnteredResponse), externalRef };
}

/** The caller hangs up (a waiting caller leaves the queue; a connected call ends). */
export async function hangUp(backend: CallsBackend, externalRef: string): Promise<TelephonyHangUpResponse> {
  const response = await fetch(new URL(callRoute(CALL_ROUTES.telephonyHangUp, externalRef), backend.url), {
    method: 'POST',
    headers: { 'content-type': 'application/json', [TELEPHONY_KEY_HEADER]: backend.telephonyKey },
    body: '{}',
  });
  if (!response.ok) throw new Error(`Hang-up failed: HTTP ${response.status} ${await response.text()}`);
  return (await response.json()) as TelephonyHangUpResponse;
}
