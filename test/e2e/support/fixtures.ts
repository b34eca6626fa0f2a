// Playwright fixtures: each test gets its own demo stack (backend on PGlite in memory + browser host).
import { test as base, expect, type Page, type TestInfo } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { mkdir, mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

export interface RunningProcess {
  url: string;
  process: ChildProcess;
}

const root = path.resolve(import.meta.dirname, '../../..');

/** Seeding the demo (PGlite start-up, hashing the demo passwords) takes most of a minute on a busy machine. */
const STARTUP_TIMEOUT_MS = 90_000;

/** Starts a TypeScript entry point as its own process and waits for the JSON line it prints when ready. */
export async function startProcess(
  entry: string,
  args: string[],
): Promise<{ info: Record<string, string>; process: ChildProcess }> {
  const child = spawn(process.execPath, ['--import', 'tsx', entry, '--json', ...args], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (chunk) => (stderr += chunk));
  const lines = createInterface({ input: child.stdout! });
  const first = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      // A process that never said it was ready must not outlive the test run.
      child.kill('SIGKILL');
      reject(new Error(`${entry} did not start in time:\n${stderr}`));
    }, STARTUP_TIMEOUT_MS);
    lines.once('line', (line) => {
      clearTimeout(timer);
      resolve(line);
    });
    child.once('exit', (code) => reject(new Error(`${entry} exited with ${code}:\n${stderr}`)));
  });
  return { info: JSON.parse(first) as Record<string, string>, process: child };
}

/** The embedded demo backend alone (PGlite in memory, demo data), as `npm start` runs it. */
export async function startDemoBackend(): Promise<RunningProcess> {
  const { info, process } = await startProcess('scripts/web.ts', ['--backend-only', '--data-dir', 'memory']);
  return { url: info.backendUrl!, process };
}

/** A workstation (browser host) with its own profile, talking to the given backend. */
export async function startWorkstation(backendUrl: string): Promise<RunningProcess> {
  const profileDir = await mkdtemp(path.join(os.tmpdir(), 'firstline-e2e-profile-'));
  const { info, process } = await startProcess('main/host/start.ts', [
    '--backend-url',
    backendUrl,
    '--profile-dir',
    profileDir,
  ]);
  return { url: info.workstationUrl!, process };
}

export async function stop(running: RunningProcess): Promise<void> {
  if (running.process.exitCode !== null) return;
  const exited = new Promise((resolve) => running.process.once('exit', resolve));
  running.process.kill('SIGTERM');
  await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5000))]);
  running.process.kill('SIGKILL');
}

/**
 * Saves a full-page screenshot with the test results, named for the screen it shows, and checks the screen
 * as it is (light or dark) with axe-core against WCAG 2.1 A and AA: every screen photographed is also checked.
 */
export async function screenshot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  const dir = path.join(root, 'test-results', 'screenshots');
  await mkdir(dir, { recursive: true });
  const file = path.join(dir, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  await testInfo.attach(name, { path: file, contentType: 'image/png' });
  await expectAccessible(page, name);
}

/** axe-core's WCAG 2.1 A/AA rules on the page as shown; a violation names the rule and the elements. */
export async function expectAccessible(page: Page, screen: string): Promise<void> {
  const { violations } = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  const found = violations.map(
    (v) => `${v.id} (${v.impact ?? 'n/a'}): ${v.help} – ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
  );
  expect(found, `accessibility of screen "${screen}"`).toEqual([]);
}

/**
 * One demo backend per worker (starting PGlite and seeding takes seconds; tests use different demo
 * accounts so they do not disturb each other) and a fresh workstation per test, since a workstation
 * holds one nurse's session.
 */
export const test = base.extend<{ workstation: RunningProcess }, { backend: RunningProcess }>({
  backend: [
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const backend = await startDemoBackend();
      await use(backend);
      await stop(backend);
    },
    { scope: 'worker' },
  ],
  workstation: async ({ backend }, use) => {
    const workstation = await startWorkstation(backend.url);
    await use(workstation);
    await stop(workstation);
  },
});

export { expect };
