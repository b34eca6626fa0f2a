// `npm run simulate`: simulated callers ringing a running regional backend through its telephony API.
//
//   npm run simulate -- --region skane --rate 170/h [--backend-url URL] [--seed N] [--flat]
//                       [--red-flag-share 0.06] [--duration 30m] [--dry-run]
//
// The backend must have FIRSTLINE_TELEPHONY_KEY set, and this process the same key. --dry-run sends
// nothing: it prints the next 24 hours of arrivals per hour, to see the curve and the red-flag share.
import { parseArgs } from 'node:util';
import { seededRng } from '../../../core/identity/testNumbers';
import { TelephonyHttpClient } from '../telephony/httpClient';
import { FLAT_DAY, SWEDISH_ADVICE_LINE_DAY, arrivalsBetween, parseRate, swedishHour } from './arrivals';
import { DEFAULT_RED_FLAG_SHARE, simulatedCaller } from './callers';
import { CallSimulator } from './simulator';

const URGENCY_SV: Record<string, string> = { red: 'röd', orange: 'orange', yellow: 'gul', green: 'grön' };

function print(line: string): void {
  process.stdout.write(`${line}\n`);
}

function fail(message: string): never {
  process.stderr.write(`simulate: ${message}\n`);
  process.exit(1);
}

function parseDuration(text: string): number {
  const match = /^(\d+(?:\.\d+)?)\s*(s|m|min|h)$/.exec(text.trim());
  if (match === null) fail(`--duration looks like "90s", "30m" or "2h", not "${text}"`);
  const value = Number(match[1]);
  return value * (match[2] === 's' ? 1000 : match[2] === 'h' ? 3_600_000 : 60_000);
}

function parseShare(text: string): number {
  const share = Number(text);
  if (!Number.isFinite(share) || share < 0 || share > 1)
    fail(`--red-flag-share is a number 0–1, not "${text}"`);
  return share;
}

const clock = (at: Date) => at.toLocaleTimeString('sv-SE', { timeZone: 'Europe/Stockholm' });

function dryRun(
  region: string,
  ratePerHour: number,
  flat: boolean,
  seed: number,
  redFlagShare: number,
): void {
  const rng = seededRng(seed);
  const from = Date.now();
  const times = arrivalsBetween(from, from + 24 * 3_600_000, {
    ratePerHour,
    curve: flat ? FLAT_DAY : SWEDISH_ADVICE_LINE_DAY,
    rng,
  });
  const perHour = new Array<number>(24).fill(0);
  let redFlags = 0;
  for (const at of times) {
    perHour[swedishHour(at)]! += 1;
    if (simulatedCaller({ rng, today: new Date(at), redFlagShare }).redFlag) redFlags++;
  }
  print(
    `Region ${region}: ${times.length} calls in the next 24 h (${(times.length / 24).toFixed(1)}/h on average)`,
  );
  for (let hour = 0; hour < 24; hour++) {
    print(
      `  ${String(hour).padStart(2, '0')}–${String(hour + 1).padStart(2, '0')}  ${String(perHour[hour]).padStart(5)}  ${'#'.repeat(Math.round(perHour[hour]! / Math.max(1, ratePerHour / 20)))}`,
    );
  }
  print(`Red-flag callers: ${redFlags} (${((100 * redFlags) / Math.max(1, times.length)).toFixed(1)} %)`);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      region: { type: 'string', multiple: true },
      rate: { type: 'string', default: '170/h' },
      'backend-url': { type: 'string', default: 'http://127.0.0.1:8787' },
      seed: { type: 'string' },
      flat: { type: 'boolean', default: false },
      'red-flag-share': { type: 'string' },
      duration: { type: 'string' },
      'dry-run': { type: 'boolean', default: false },
    },
  });
  const regions = values.region ?? [];
  if (regions.length === 0) fail('name a region: --region skane (repeat --region for several)');
  let ratePerHour: number;
  try {
    ratePerHour = parseRate(values.rate);
  } catch (error) {
    fail(`--rate: ${(error as Error).message}`);
  }
  const seed = values.seed === undefined ? Math.floor(Math.random() * 2 ** 31) : Number(values.seed);
  if (!Number.isInteger(seed)) fail(`--seed is a whole number, not "${values.seed}"`);
  const redFlagShare =
    values['red-flag-share'] === undefined ? DEFAULT_RED_FLAG_SHARE : parseShare(values['red-flag-share']);
  if (values['dry-run']) {
    for (const region of regions) dryRun(region, ratePerHour, values.flat, seed, redFlagShare);
    return;
  }
  const key = process.env.FIRSTLINE_TELEPHONY_KEY;
  if (key === undefined || key === '') {
    fail(
      "set FIRSTLINE_TELEPHONY_KEY to the backend's telephony API key (the backend needs the same variable)",
    );
  }
  const ingress = new TelephonyHttpClient(values['backend-url'], key);
  const simulator = new CallSimulator({
    regionIds: regions,
    ratePerHour,
    curve: values.flat ? 'flat' : 'swedish',
    redFlagShare,
    seed,
    ingress,
    onArrival: (arrival) => {
      const flags = arrival.entered.redFlags.map((flag) => flag.label.sv.toLowerCase()).join(', ');
      print(
        `${clock(arrival.at)}  ${arrival.regionId.padEnd(14)} ${URGENCY_SV[arrival.entered.urgencyClass]!.padEnd(6)} ${flags === '' ? '' : `röd flagga: ${flags}  `}tålamod ${Math.round(arrival.patienceSeconds / 60)} min`,
      );
    },
    onError: (error) => process.stderr.write(`simulate: ${error.message}\n`),
  });
  print(
    `Simulating ${ratePerHour.toFixed(1)} calls/h per region (${values.flat ? 'flat' : 'Swedish advice-line day'}) for ${regions.join(', ')} against ${values['backend-url']} (seed ${seed}). Ctrl+C stops.`,
  );
  simulator.start();
  // Arrival timers do not keep the process alive on their own; this does, until stopped.
  const keepAlive = setInterval(() => undefined, 60_000);
  const stop = async () => {
    await simulator.stop();
    clearInterval(keepAlive);
    const s = simulator.stats;
    print(
      `\n${s.entered} calls entered (${s.redFlags} with red flags), ${s.abandoned} hung up waiting, ${s.failed} refused by the backend.`,
    );
    process.exit(0);
  };
  if (values.duration !== undefined) setTimeout(() => void stop(), parseDuration(values.duration));
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

main().catch((error: unknown) => fail((error as Error).message));
