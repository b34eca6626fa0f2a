// The shift soak's command line: options with their defaults, and a clear refusal naming a bad value.
import { parseArgs } from 'node:util';
import { DEMO_REGIONS } from '../../backend/src/seed/demoStaff';

export const SHIFT_HELP = `Usage: npm run soak:shift -- [options]

A simulated shift through the real workstation UI in Chromium (Playwright), against the embedded demo
backend with the simulator off: each call is injected through the telephony route, offered, answered with
F2, triaged (Ctrl+K "ont i magen", answers), documented, ended with F8 and signed with Ctrl+Enter.
Every 10 calls, back in the Samtal section, it samples the JS heap after GC, DOM nodes, event listeners,
open WebSockets, renderer and host RSS; it times every step of every call, then prints the series, the
growth and a met/NOT met verdict per target. Exit code 1 when a target is not met or a call failed.

Needs a renderer build in dist/renderer (made with \`npm run build:renderer\` when missing).

Options:
  --calls N        number of calls, at least 30 (default 300)
  --rate R         pace the calls at R calls per hour, e.g. 300 (default: as fast as the UI allows)
  --region ID      demo region whose first nurse takes the calls (default skane; one of
                   ${DEMO_REGIONS.map((r) => r.id).join(', ')})
  --seed S         seed of the callers' personnummer, an integer 0…4294967295 (default: random, printed)
  --headed         show the browser window (default: headless)
  --help           print this help`;

export interface ShiftOptions {
  calls: number;
  /** Calls per hour, or null for as fast as the UI allows. */
  ratePerHour: number | null;
  regionId: string;
  seed: number;
  headed: boolean;
}

export type ParsedShiftOptions = { kind: 'help' } | { kind: 'run'; options: ShiftOptions };

/** A bad command line; the message names the option and what it takes. */
export class ShiftOptionError extends Error {}

/** The baseline is the sample at call 20; growth needs a sample after it. */
const MIN_CALLS = 30;

/** Parses the arguments after `--`; `random` draws the seed when none is given. */
export function parseShiftOptions(
  args: readonly string[],
  random: () => number = Math.random,
): ParsedShiftOptions {
  let values;
  try {
    values = parseArgs({
      args: [...args],
      options: {
        calls: { type: 'string', default: '300' },
        rate: { type: 'string' },
        region: { type: 'string', default: 'skane' },
        seed: { type: 'string' },
        headed: { type: 'boolean', default: false },
        help: { type: 'boolean', default: false },
      },
    }).values;
  } catch (error) {
    throw new ShiftOptionError(error instanceof Error ? error.message : String(error));
  }
  if (values.help) return { kind: 'help' };
  const calls = wholeNumber(values.calls);
  if (calls === null || calls < MIN_CALLS)
    throw new ShiftOptionError(
      `--calls must be a whole number ≥ ${MIN_CALLS} (samples at call 20 and after it are compared), not '${values.calls}'`,
    );
  let ratePerHour: number | null = null;
  if (values.rate !== undefined) {
    ratePerHour = Number(values.rate);
    if (values.rate.trim() === '' || !Number.isFinite(ratePerHour) || ratePerHour <= 0)
      throw new ShiftOptionError(`--rate must be calls per hour, a number > 0, not '${values.rate}'`);
  }
  const region = DEMO_REGIONS.find((r) => r.id === values.region);
  if (!region)
    throw new ShiftOptionError(
      `--region must be a demo region (${DEMO_REGIONS.map((r) => r.id).join(', ')}), not '${values.region}'`,
    );
  const seed = values.seed === undefined ? Math.floor(random() * 2 ** 32) : wholeNumber(values.seed);
  if (seed === null || seed >= 2 ** 32)
    throw new ShiftOptionError(`--seed must be an integer from 0 to 4294967295, not '${values.seed}'`);
  return {
    kind: 'run',
    options: { calls, ratePerHour, regionId: region.id, seed, headed: values.headed },
  };
}

function wholeNumber(text: string): number | null {
  return /^\d+$/.test(text) ? Number(text) : null;
}

/** The demo nurse who takes the soak's calls: the region's first nurse. */
export function soakNurse(regionId: string): string {
  const region = DEMO_REGIONS.find((r) => r.id === regionId);
  if (!region) throw new Error(`unknown demo region '${regionId}'`);
  return `SE2321000016-${region.code}N1`;
}
