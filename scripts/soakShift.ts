// `npm run soak:shift`: a simulated shift of N full calls through the real workstation UI, watching memory and step latencies.
//
// The embedded demo backend runs with the simulator off and gets each call through the telephony route
// (with a personnummer keyed in the phone menu, so the screen-pop opens a case); a browser host serves a
// copy of dist/renderer to Debian's Chromium, driven by Playwright with the keyboard, as a nurse works
// (scripts/soak/shiftCall.ts). Every 10 calls, in the same screen state (the Samtal section, available),
// scripts/soak/shiftProbe.ts samples memory; scripts/soak/shiftVerdict.ts judges the targets at the end.
// Patient data is never printed: the callers are synthetic and only counts and figures are shown.
import { mkdtempSync, rmSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Browser } from '@playwright/test';
import { seededRng } from '../core/identity/testNumbers';
import {
  describeFailure,
  hangUp,
  installSearchTiming,
  recover,
  settleInCalls,
  signInAvailable,
  takeCall,
  type ShiftLine,
} from './soak/shiftCall';
import {
  parseShiftOptions,
  SHIFT_HELP,
  ShiftOptionError,
  soakNurse,
  type ShiftOptions,
} from './soak/shiftOptions';
import { ShiftProbe } from './soak/shiftProbe';
import { rendererSnapshot, startShiftStack, type ShiftStack } from './soak/shiftStack';
import {
  formatShift,
  judgeShift,
  mb,
  shiftFailed,
  type CallTimings,
  type ShiftFigures,
  type ShiftSample,
} from './soak/shiftVerdict';

const SAMPLE_EVERY = 10;
/** Where the screen of a failed call is saved (synthetic patients only; never printed). */
const FAILURE_DIR = path.resolve(import.meta.dirname, '../test-results/soak-shift');
/** A soak that cannot get the nurse back to the queue after a failed call stops there. */
const MAX_FAILURES_IN_A_ROW = 3;

function options(): ShiftOptions {
  try {
    const parsed = parseShiftOptions(process.argv.slice(2));
    if (parsed.kind === 'help') {
      console.log(SHIFT_HELP);
      process.exit(0);
    }
    return parsed.options;
  } catch (error) {
    if (!(error instanceof ShiftOptionError)) throw error;
    console.error(`soak:shift: ${error.message}\n\n${SHIFT_HELP}`);
    process.exit(2);
  }
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

function sampleLine(
  sample: ShiftSample,
  calls: number,
  recent: readonly CallTimings[],
  since: number,
): string {
  const totals = recent.map((t) => t.totalMs);
  const mean = totals.length === 0 ? 0 : totals.reduce((a, b) => a + b, 0) / totals.length;
  return (
    `call ${sample.call}/${calls} (${seconds(performance.now() - since)} in): heap ${mb(sample.heapBytes)} MB, ` +
    `nodes ${sample.nodes}, listeners ${sample.listeners}, websockets ${sample.webSockets}, ` +
    `renderer RSS ${mb(sample.rendererRssBytes)} MB, host RSS ${mb(sample.hostRssBytes)} MB; ` +
    `${totals.length} calls since the last sample, ${seconds(mean)} each on average`
  );
}

async function shift(opts: ShiftOptions, stack: ShiftStack, browser: Browser): Promise<ShiftFigures> {
  const context = await browser.newContext({
    locale: 'sv-SE',
    timezoneId: 'Europe/Stockholm',
    viewport: { width: 1440, height: 900 },
  });
  const page = await context.newPage();
  await page.addInitScript(installSearchTiming);
  const probe = await ShiftProbe.attach(browser, page, stack.hostPid);
  const line: ShiftLine = {
    backendUrl: stack.backendUrl,
    telephonyKey: stack.telephonyKey,
    regionId: opts.regionId,
    rng: seededRng(opts.seed),
    used: new Set(),
  };
  const samples: ShiftSample[] = [];
  const timings: CallTimings[] = [];
  let failures = 0;
  let inARow = 0;
  await signInAvailable(page, stack.workstationUrl, soakNurse(opts.regionId));
  await settleInCalls(page);
  samples.push(await probe.sample(0));
  console.log(sampleLine(samples[0]!, opts.calls, [], performance.now()));
  const started = performance.now();
  const gapMs = opts.ratePerHour === null ? 0 : 3_600_000 / opts.ratePerHour;
  for (let call = 1; call <= opts.calls; call += 1) {
    const due = started + (call - 1) * gapMs;
    if (performance.now() < due) await page.waitForTimeout(due - performance.now());
    try {
      timings.push(await takeCall(page, line, call));
      inARow = 0;
    } catch (error) {
      failures += 1;
      inARow += 1;
      const picture = path.join(FAILURE_DIR, `call-${call}.png`);
      await mkdir(FAILURE_DIR, { recursive: true });
      const shot = await page.screenshot({ path: picture, fullPage: true }).then(
        () => `; screen: ${path.relative(process.cwd(), picture)}`,
        () => '',
      );
      console.log(`call ${call}: FAILED: ${describeFailure(error)}${shot}`);
      await hangUp(line, call);
      try {
        await recover(page);
      } catch (again) {
        console.log(`call ${call}: the workstation could not be brought back: ${describeFailure(again)}`);
        break;
      }
      if (inARow >= MAX_FAILURES_IN_A_ROW) {
        console.log(`stopping after ${inARow} failed calls in a row`);
        break;
      }
    }
    if (call % SAMPLE_EVERY === 0 || call === opts.calls) {
      await settleInCalls(page);
      const sample = await probe.sample(call);
      samples.push(sample);
      const previous = samples.at(-2)?.call ?? 0;
      console.log(
        sampleLine(
          sample,
          opts.calls,
          timings.filter((t) => t.call > previous),
          started,
        ),
      );
    }
  }
  await probe.detach();
  await context.close();
  return { samples, timings, failures, calls: opts.calls };
}

async function main(): Promise<void> {
  const opts = options();
  const pace = opts.ratePerHour === null ? 'as fast as the UI allows' : `${opts.ratePerHour} calls/h`;
  console.log(
    `Shift soak: ${opts.calls} calls, ${pace}, region ${opts.regionId} (${soakNurse(opts.regionId)}), seed ${opts.seed}`,
  );
  const dir = mkdtempSync(path.join(tmpdir(), 'firstline-soak-shift-'));
  let stack: ShiftStack | null = null;
  let browser: Browser | null = null;
  // Ctrl+C (or a kill) mid-shift must not leave the backend, the host or Chromium running.
  for (const signal of ['SIGINT', 'SIGTERM'] as const)
    process.once(signal, () => {
      console.log(`\n${signal}: stopping the soak`);
      void Promise.allSettled([browser?.close(), stack?.close()]).then(() => {
        rmSync(dir, { recursive: true, force: true });
        process.exit(130);
      });
    });
  try {
    const rendererDir = rendererSnapshot(dir);
    const startedAt = performance.now();
    stack = await startShiftStack(dir, rendererDir);
    browser = await chromium.launch({
      executablePath: process.env.FIRSTLINE_CHROMIUM ?? '/usr/bin/chromium',
      headless: !opts.headed,
      args: ['--no-sandbox', '--js-flags=--expose-gc', '--disable-gpu', '--no-first-run'],
    });
    console.log(`backend, host and browser started in ${seconds(performance.now() - startedAt)}`);
    const figures = await shift(opts, stack, browser);
    const results = judgeShift(figures);
    console.log(`\n${formatShift(figures, results)}\nseed: ${opts.seed}`);
    process.exitCode = shiftFailed(results) ? 1 : 0;
  } finally {
    await browser?.close();
    await stack?.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(`soak:shift: ${describeFailure(error)}`);
  if (error instanceof Error && error.stack)
    console.error(error.stack.replace(/\d{8}-?\d{4}/g, '[personnummer]'));
  process.exit(1);
});
