// `npm run simulate`: simulated callers ringing a running regional backend through its telephony API.
//
//   npm run simulate -- --help     every option and environment variable, with its default
//
// Options are read by cliOptions.ts (pure and tested); nothing starts until all of them are valid.
// --dry-run sends nothing: it prints the next 24 hours of arrivals per hour, to see the curve and the red-flag share.
import { seededRng } from '../../../core/identity/testNumbers';
import { TelephonyHttpClient } from '../telephony/httpClient';
import { FLAT_DAY, SWEDISH_ADVICE_LINE_DAY, arrivalsBetween, swedishHour } from './arrivals';
import { simulatedCaller } from './callers';
import { parseSimulatorCli } from './cliOptions';
import { CallSimulator } from './simulator';

const URGENCY_SV: Record<string, string> = { red: 'röd', orange: 'orange', yellow: 'gul', green: 'grön' };

function print(line: string): void {
  process.stdout.write(`${line}\n`);
}

function fail(message: string): never {
  process.stderr.write(`simulate: ${message}\n`);
  process.exit(1);
}

const clock = (at: Date) => at.toLocaleTimeString('sv-SE', { timeZone: 'Europe/Stockholm' });

function printDryRun(
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
    `Region ${region}: ${times.length} calls in the next 24 h (${(times.length / 24).toFixed(1)}/h on average, seed ${seed})`,
  );
  for (let hour = 0; hour < 24; hour++) {
    print(
      `  ${String(hour).padStart(2, '0')}–${String(hour + 1).padStart(2, '0')}  ${String(perHour[hour]).padStart(5)}  ${'#'.repeat(Math.round(perHour[hour]! / Math.max(1, ratePerHour / 20)))}`,
    );
  }
  print(`Red-flag callers: ${redFlags} (${((100 * redFlags) / Math.max(1, times.length)).toFixed(1)} %)`);
}

async function main(): Promise<void> {
  const parsed = parseSimulatorCli(process.argv.slice(2), process.env);
  if (parsed.kind === 'help') {
    print(parsed.text);
    return;
  }
  if (parsed.kind === 'error') {
    process.stderr.write(`simulate: ${parsed.message}\n`);
    process.exit(2);
  }
  const { regions, ratePerHour, backendUrl, curve, redFlagShare, durationMs, dryRun, telephonyKey } =
    parsed.options;
  const seed = parsed.options.seed ?? Math.floor(Math.random() * 2 ** 31);
  if (dryRun) {
    for (const region of regions) printDryRun(region, ratePerHour, curve === 'flat', seed, redFlagShare);
    return;
  }
  const ingress = new TelephonyHttpClient(backendUrl, telephonyKey!);
  const simulator = new CallSimulator({
    regionIds: regions,
    ratePerHour,
    curve,
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
    `Simulating ${ratePerHour.toFixed(1)} calls/h per region (${curve === 'flat' ? 'flat' : 'Swedish advice-line day'}) for ${regions.join(', ')} against ${backendUrl} (seed ${seed}). Ctrl+C stops.`,
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
  if (durationMs !== undefined) setTimeout(() => void stop(), durationMs);
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

main().catch((error: unknown) => fail((error as Error).message));
