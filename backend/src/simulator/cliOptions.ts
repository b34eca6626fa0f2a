// The options of `npm run simulate`: one table that both reads the command line and environment and prints --help.
import { MIN_TELEPHONY_KEY_LENGTH } from '../telephony/key';
import { parseRate } from './arrivals';
import { DEFAULT_RED_FLAG_SHARE } from './callers';

export interface SimulatorCliOptions {
  regions: string[];
  /** Mean calls per hour per region over a day. */
  ratePerHour: number;
  backendUrl: string;
  /** undefined: the CLI draws one and prints it, so a run can be repeated. */
  seed: number | undefined;
  curve: 'swedish' | 'flat';
  redFlagShare: number;
  /** undefined: runs until Ctrl+C. */
  durationMs: number | undefined;
  dryRun: boolean;
  /** undefined only with --dry-run, which sends nothing. */
  telephonyKey: string | undefined;
}

export type SimulatorCliParse =
  | { kind: 'help'; text: string }
  | { kind: 'run'; options: SimulatorCliOptions }
  | { kind: 'error'; message: string };

type OptionKey = Exclude<keyof SimulatorCliOptions, 'telephonyKey'>;

interface OptionSpec<K extends OptionKey> {
  name: string;
  key: K;
  /** Placeholder of the value in --help; absent for a flag, which takes no value. */
  placeholder?: string;
  /** The default as the user would type it (parsed by `read` like typed text), or what happens without it. */
  default: { text: string } | { means: string; value: SimulatorCliOptions[K] };
  description: string;
  /** Reads the typed value (flags get ''); throws an Error saying what is expected. */
  read: (text: string, previous: SimulatorCliOptions[K] | undefined) => SimulatorCliOptions[K];
  /** May be given more than once (each use adds to the value). */
  repeatable?: boolean;
}

// The table holds specs of different keys; each is checked where it is written, by `option`.
type AnyOptionSpec = OptionSpec<OptionKey>;
const option = <K extends OptionKey>(spec: OptionSpec<K>): AnyOptionSpec => spec as unknown as AnyOptionSpec;

/** The timer that ends a run holds at most 2^31−1 ms (24.8 days); a week covers any shift or demo. */
const MAX_DURATION_MS = 7 * 24 * 3_600_000;
const DURATION_UNITS: Record<string, number> = { s: 1000, m: 60_000, min: 60_000, h: 3_600_000 };

export function readDuration(text: string): number {
  const match = /^(\d+(?:\.\d+)?)\s*(s|m|min|h)$/.exec(text.trim());
  if (match === null) throw new Error(`a duration like "90s", "30m" or "2h", not "${text}"`);
  const ms = Number(match[1]) * DURATION_UNITS[match[2]!]!;
  if (ms < 1000) throw new Error(`a duration of at least 1s, not "${text}"`);
  if (ms > MAX_DURATION_MS) throw new Error(`a duration of at most 168h (a week), not "${text}"`);
  return ms;
}

function readRegion(text: string, previous: string[] | undefined): string[] {
  // Region ids are short slugs ("skane", "vastra-gotaland"); the telephony contract allows 40 characters.
  if (!/^[a-z0-9][a-z0-9_-]{0,39}$/.test(text))
    throw new Error(
      `a region id of lower-case letters, digits, hyphens and underscores (e.g. skane), not "${text}"`,
    );
  if (previous?.includes(text)) throw new Error(`a different region each time; "${text}" is named twice`);
  return [...(previous ?? []), text];
}

function readRate(text: string): number {
  try {
    return parseRate(text);
  } catch {
    throw new Error(
      `a rate like "170/h", "3/min" or "4000/day", more than 0 and at most 100000/h, not "${text}"`,
    );
  }
}

function readSeed(text: string): number {
  const seed = /^\d+$/.test(text) ? Number(text) : NaN;
  if (!Number.isSafeInteger(seed) || seed > 0xffff_ffff)
    throw new Error(`a whole number from 0 to 4294967295, not "${text}"`);
  return seed;
}

function readShare(text: string): number {
  const share = /^(\d+(\.\d*)?|\.\d+)$/.test(text) ? Number(text) : NaN;
  if (!(share >= 0 && share <= 1)) throw new Error(`a share from 0 to 1 (e.g. 0.06 for 6 %), not "${text}"`);
  return share;
}

function readBackendUrl(text: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new Error(`an http:// or https:// URL (e.g. http://127.0.0.1:8787), not "${text}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new Error(`an http:// or https:// URL (e.g. http://127.0.0.1:8787), not "${text}"`);
  return text;
}

const CURVES = ['swedish', 'flat'] as const;

function readCurve(text: string): SimulatorCliOptions['curve'] {
  const curve = CURVES.find((name) => name === text);
  if (curve === undefined) throw new Error(`one of ${CURVES.join(', ')}, not "${text}"`);
  return curve;
}

/** Every option, in the order --help lists them. */
export const SIMULATOR_OPTIONS: readonly AnyOptionSpec[] = [
  option({
    name: 'region',
    key: 'regions',
    placeholder: '<id>',
    repeatable: true,
    default: { means: 'none (required)', value: [] },
    description: 'region whose queue the callers ring (e.g. skane); repeat it for several regions',
    read: readRegion,
  }),
  option({
    name: 'rate',
    key: 'ratePerHour',
    placeholder: '<rate>',
    default: { text: '170/h' },
    description:
      'mean calls per region over the day, as "170/h", "3/min" or "4000/day" (more than 0, at most 100000/h)',
    read: readRate,
  }),
  option({
    name: 'curve',
    key: 'curve',
    placeholder: `<${CURVES.join('|')}>`,
    default: { text: 'swedish' },
    description:
      'how the rate follows the clock: "swedish" peaks 08–10 and 18–21 like an advice line, "flat" is the same all day',
    read: readCurve,
  }),
  option({
    name: 'flat',
    key: 'curve',
    default: { means: 'off', value: 'swedish' },
    description: 'the same as --curve flat',
    read: () => 'flat',
  }),
  option({
    name: 'red-flag-share',
    key: 'redFlagShare',
    placeholder: '<0–1>',
    default: { text: String(DEFAULT_RED_FLAG_SHARE) },
    description: 'share of callers whose phone-menu answers raise a red flag (0.06: 6 in 100)',
    read: readShare,
  }),
  option({
    name: 'seed',
    key: 'seed',
    placeholder: '<n>',
    default: { means: 'random (printed at the start)', value: undefined },
    description:
      'seed of arrivals and callers, a whole number 0–4294967295; the same seed gives the same calls',
    read: readSeed,
  }),
  option({
    name: 'duration',
    key: 'durationMs',
    placeholder: '<time>',
    default: { means: 'until Ctrl+C', value: undefined },
    description: 'stop after this long, as "90s", "30m" or "2h" (at least 1s, at most 168h)',
    read: readDuration,
  }),
  option({
    name: 'backend-url',
    key: 'backendUrl',
    placeholder: '<url>',
    default: { text: 'http://127.0.0.1:8787' },
    description: 'the regional backend whose telephony API the calls go to',
    read: readBackendUrl,
  }),
  option({
    name: 'dry-run',
    key: 'dryRun',
    default: { means: 'off', value: false },
    description:
      'send nothing: print the next 24 hours of arrivals per hour and the red-flag share, then exit',
    read: () => true,
  }),
];

export interface EnvironmentSpec {
  name: string;
  default: string;
  description: string;
}

/** Every environment variable the simulator reads. */
export const SIMULATOR_ENVIRONMENT: readonly EnvironmentSpec[] = [
  {
    name: 'FIRSTLINE_TELEPHONY_KEY',
    default: 'none (required unless --dry-run)',
    description: `the backend's telephony API key, the same value the backend has (at least ${MIN_TELEPHONY_KEY_LENGTH} characters)`,
  },
];

function readTelephonyKey(env: Readonly<Record<string, string | undefined>>): string {
  const key = env.FIRSTLINE_TELEPHONY_KEY;
  if (key === undefined || key === '')
    throw new Error(
      "FIRSTLINE_TELEPHONY_KEY is not set: set it to the backend's telephony API key (the backend needs the same value), or use --dry-run",
    );
  if (key.length < MIN_TELEPHONY_KEY_LENGTH)
    throw new Error(
      `FIRSTLINE_TELEPHONY_KEY must be at least ${MIN_TELEPHONY_KEY_LENGTH} characters (the backend refuses shorter keys), not ${key.length}`,
    );
  return key;
}

const signature = (spec: AnyOptionSpec) => `--${spec.name}${spec.placeholder ? ` ${spec.placeholder}` : ''}`;
const defaultText = (spec: AnyOptionSpec) =>
  'text' in spec.default ? spec.default.text : spec.default.means;

function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line !== '' && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line === '' ? word : `${line} ${word}`;
  }
  return [...lines, line];
}

function entry(left: string, description: string, defaultDescription: string): string {
  const column = 30;
  const body = wrap(`${description}. Default: ${defaultDescription}.`, 100 - column);
  const first =
    left.length < column - 2
      ? `  ${left.padEnd(column - 2)}${body[0]}`
      : `  ${left}\n${' '.repeat(column)}${body[0]}`;
  return [first, ...body.slice(1).map((line) => `${' '.repeat(column)}${line}`)].join('\n');
}

/** The --help text, made from the same tables the parser reads. */
export function simulatorHelp(): string {
  return [
    'Usage: npm run simulate -- --region <id> [options]',
    '',
    "Simulated callers ring a running regional backend's queue through its telephony API, with generated",
    'personnummer and phone-menu answers, and hang up when their patience runs out.',
    '',
    'Options:',
    ...SIMULATOR_OPTIONS.map((spec) => entry(signature(spec), spec.description, defaultText(spec))),
    entry('--help, -h', 'print this help and exit', 'off'),
    '',
    'Environment:',
    ...SIMULATOR_ENVIRONMENT.map((env) => entry(env.name, env.description, env.default)),
    '',
    'Example: npm run simulate -- --region skane --rate 170/h --duration 30m',
  ].join('\n');
}

const usageError = (message: string): SimulatorCliParse => ({
  kind: 'error',
  message: `${message}\nRun npm run simulate -- --help to see every option.`,
});

/** Reads the command line (without node and the script) and the environment; starts nothing. */
export function parseSimulatorCli(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): SimulatorCliParse {
  const end = argv.indexOf('--');
  const options = end === -1 ? argv : argv.slice(0, end);
  if (options.includes('--help') || options.includes('-h')) return { kind: 'help', text: simulatorHelp() };

  const values: Partial<Record<OptionKey, unknown>> = {};
  const setBy = new Map<OptionKey, string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (i === end || !arg.startsWith('-')) {
      const extra = i === end ? argv[i + 1] : arg;
      if (extra === undefined) break;
      return usageError(`Unexpected argument "${extra}": every setting is an --option.`);
    }
    const [flag, inline] =
      arg.startsWith('--') && arg.includes('=')
        ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)]
        : [arg, undefined];
    const spec = SIMULATOR_OPTIONS.find((candidate) => `--${candidate.name}` === flag);
    if (spec === undefined) return usageError(`Unknown option ${flag}.`);
    let text = '';
    if (spec.placeholder === undefined) {
      if (inline !== undefined) return usageError(`--${spec.name} takes no value, not "${inline}".`);
    } else if (inline !== undefined) {
      text = inline;
    } else {
      const next = argv[i + 1];
      if (next === undefined || next.startsWith('--'))
        return usageError(`--${spec.name} needs a value: --${spec.name} ${spec.placeholder}.`);
      text = next;
      i++;
    }
    const earlier = setBy.get(spec.key);
    if (earlier !== undefined && !(earlier === spec.name && spec.repeatable))
      return usageError(
        earlier === spec.name
          ? `--${spec.name} is given twice; give it once.`
          : `--${earlier} and --${spec.name} both set the ${SIMULATOR_OPTIONS.find((other) => other.key === spec.key)!.name}; give one of them.`,
      );
    try {
      values[spec.key] = spec.read(text, values[spec.key] as never);
    } catch (error) {
      return usageError(`--${spec.name} must be ${(error as Error).message}.`);
    }
    setBy.set(spec.key, spec.name);
  }

  for (const spec of SIMULATOR_OPTIONS) {
    if (setBy.has(spec.key)) continue;
    values[spec.key] = 'text' in spec.default ? spec.read(spec.default.text, undefined) : spec.default.value;
  }
  const parsed = values as Omit<SimulatorCliOptions, 'telephonyKey'>;
  if (parsed.regions.length === 0)
    return usageError('Name a region: --region skane (repeat --region for several).');
  let telephonyKey: string | undefined;
  if (!parsed.dryRun) {
    try {
      telephonyKey = readTelephonyKey(env);
    } catch (error) {
      return usageError(`${(error as Error).message}.`);
    }
  }
  return { kind: 'run', options: { ...parsed, telephonyKey } };
}
