// `npm run simulate` options: --help lists every option and variable with its default; bad input is named and refused.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import {
  SIMULATOR_ENVIRONMENT,
  SIMULATOR_OPTIONS,
  parseSimulatorCli,
  readDuration,
  simulatorHelp,
} from '../../../backend/src/simulator/cliOptions';
import type { SimulatorCliOptions } from '../../../backend/src/simulator/cliOptions';

const KEY = { FIRSTLINE_TELEPHONY_KEY: 'k'.repeat(32) };

function run(argv: string[], env: Record<string, string | undefined> = KEY): SimulatorCliOptions {
  const parsed = parseSimulatorCli(argv, env);
  if (parsed.kind !== 'run') throw new Error(`expected options, got ${JSON.stringify(parsed)}`);
  return parsed.options;
}

function refusal(argv: string[], env: Record<string, string | undefined> = KEY): string {
  const parsed = parseSimulatorCli(argv, env);
  if (parsed.kind !== 'error') throw new Error(`expected a refusal, got ${JSON.stringify(parsed)}`);
  return parsed.message;
}

describe('npm run simulate -- --help', () => {
  it('lists every option of the parser with its default and what it does', () => {
    const help = simulatorHelp();
    for (const spec of SIMULATOR_OPTIONS) {
      const line = help.split('\n').findIndex((text) => text.trimStart().startsWith(`--${spec.name}`));
      expect(line, `--${spec.name} in --help`).toBeGreaterThan(-1);
      // The entry runs until the next line that starts a new option or section.
      const rest = help.split('\n').slice(line + 1);
      const next = rest.findIndex((text) => !text.startsWith(' '.repeat(30)));
      const entry = [help.split('\n')[line]!, ...rest.slice(0, next)].join(' ').replace(/\s+/g, ' ');
      const shown = 'text' in spec.default ? spec.default.text : spec.default.means;
      expect(entry).toContain(`Default: ${shown}.`);
      expect(entry).toContain(spec.description.split(' ').slice(0, 3).join(' '));
    }
  });

  it('lists every environment variable it reads, with its default', () => {
    const help = simulatorHelp().replace(/\s+/g, ' ');
    expect(SIMULATOR_ENVIRONMENT.map((env) => env.name)).toEqual(['FIRSTLINE_TELEPHONY_KEY']);
    for (const env of SIMULATOR_ENVIRONMENT) {
      expect(help).toContain(env.name);
      expect(help).toContain(`Default: ${env.default}.`);
    }
  });

  it('is answered by --help and -h, whatever else is on the line, without needing the key', () => {
    for (const argv of [['--help'], ['-h'], ['--region', 'skane', '--bogus', '--help']]) {
      expect(parseSimulatorCli(argv, {})).toEqual({ kind: 'help', text: simulatorHelp() });
    }
  });

  it('shows defaults that are what the parser uses when the option is left out', () => {
    expect(run(['--region', 'skane'])).toEqual({
      regions: ['skane'],
      ratePerHour: 170,
      curve: 'swedish',
      redFlagShare: 0.06,
      seed: undefined,
      durationMs: undefined,
      backendUrl: 'http://127.0.0.1:8787',
      dryRun: false,
      telephonyKey: KEY.FIRSTLINE_TELEPHONY_KEY,
    });
  });
});

describe('npm run simulate options', () => {
  it('reads every option, as --name value and --name=value', () => {
    const options = run([
      '--region',
      'skane',
      '--region=uppsala',
      '--rate',
      '3/min',
      '--curve=flat',
      '--red-flag-share',
      '0.2',
      '--seed',
      '4294967295',
      '--duration',
      '30m',
      '--backend-url',
      'https://backend.example:8443',
    ]);
    expect(options).toMatchObject({
      regions: ['skane', 'uppsala'],
      ratePerHour: 180,
      curve: 'flat',
      redFlagShare: 0.2,
      seed: 4294967295,
      durationMs: 30 * 60_000,
      backendUrl: 'https://backend.example:8443',
    });
    expect(run(['--region', 'skane', '--flat']).curve).toBe('flat');
  });

  it('refuses an unknown option, a stray argument and a missing value, naming them', () => {
    expect(refusal(['--region', 'skane', '--rat', '10'])).toMatch(/^Unknown option --rat\./);
    expect(refusal(['-x'])).toMatch(/^Unknown option -x\./);
    expect(refusal(['skane'])).toMatch(/^Unexpected argument "skane"/);
    expect(refusal(['--region', 'skane', '--', 'extra'])).toMatch(/^Unexpected argument "extra"/);
    expect(refusal(['--region', 'skane', '--rate'])).toMatch(/^--rate needs a value: --rate <rate>\./);
    expect(refusal(['--region', '--rate', '10'])).toMatch(/^--region needs a value/);
    expect(refusal(['--region', 'skane', '--dry-run=yes'])).toMatch(/^--dry-run takes no value, not "yes"/);
  });

  it('refuses a value that is not a number where a number is wanted', () => {
    expect(refusal(['--region', 'skane', '--seed', 'abc'])).toMatch(
      /^--seed must be a whole number from 0 to 4294967295, not "abc"/,
    );
    expect(refusal(['--region', 'skane', '--seed', '0x10'])).toMatch(/^--seed must be a whole number/);
    expect(refusal(['--region', 'skane', '--seed', ''])).toMatch(/^--seed must be a whole number/);
    expect(refusal(['--region', 'skane', '--red-flag-share', 'many'])).toMatch(
      /^--red-flag-share must be a share from 0 to 1/,
    );
    expect(refusal(['--region', 'skane', '--rate', 'fast'])).toMatch(/^--rate must be a rate like "170\/h"/);
    expect(refusal(['--region', 'skane', '--duration', '30'])).toMatch(
      /^--duration must be a duration like "90s", "30m" or "2h", not "30"/,
    );
  });

  it('refuses values out of range', () => {
    expect(refusal(['--region', 'skane', '--seed', '4294967296'])).toMatch(/^--seed must be a whole number/);
    expect(refusal(['--region', 'skane', '--seed', '-1'])).toMatch(/^--seed must be a whole number/);
    expect(refusal(['--region', 'skane', '--red-flag-share', '1.5'])).toMatch(
      /^--red-flag-share .* not "1\.5"/,
    );
    expect(refusal(['--region', 'skane', '--rate', '0/h'])).toMatch(/^--rate must be .*more than 0/);
    expect(refusal(['--region', 'skane', '--rate', '200000/h'])).toMatch(
      /^--rate must be .*at most 100000\/h/,
    );
    expect(refusal(['--region', 'skane', '--duration', '0s'])).toMatch(/^--duration must be .*at least 1s/);
    expect(refusal(['--region', 'skane', '--duration', '900h'])).toMatch(
      /^--duration must be .*at most 168h/,
    );
    expect(readDuration('168h')).toBe(168 * 3_600_000);
  });

  it('refuses a bad choice, URL or region id', () => {
    expect(refusal(['--region', 'skane', '--curve', 'round'])).toMatch(
      /^--curve must be one of swedish, flat, not "round"/,
    );
    expect(refusal(['--region', 'skane', '--backend-url', '127.0.0.1:8787'])).toMatch(
      /^--backend-url must be an http:\/\/ or https:\/\/ URL/,
    );
    expect(refusal(['--region', 'skane', '--backend-url', 'ftp://x'])).toMatch(
      /^--backend-url must be an http/,
    );
    expect(refusal(['--region', 'Skåne'])).toMatch(/^--region must be a region id .*not "Skåne"/);
    expect(refusal(['--region', 'skane', '--region', 'skane'])).toMatch(/"skane" is named twice/);
  });

  it('refuses options given twice or contradicting each other', () => {
    expect(refusal(['--region', 'skane', '--rate', '1', '--rate', '2'])).toMatch(/^--rate is given twice/);
    expect(refusal(['--region', 'skane', '--flat', '--curve', 'swedish'])).toMatch(
      /^--flat and --curve both set the curve/,
    );
  });

  it('needs a region', () => {
    expect(refusal([])).toMatch(/^Name a region: --region skane/);
  });

  it('ends every refusal by pointing to --help', () => {
    expect(refusal(['--bogus'])).toMatch(/\nRun npm run simulate -- --help to see every option\.$/);
  });
});

describe('npm run simulate environment', () => {
  it('needs FIRSTLINE_TELEPHONY_KEY of the backend’s minimum length, unless --dry-run', () => {
    expect(refusal(['--region', 'skane'], {})).toMatch(/^FIRSTLINE_TELEPHONY_KEY is not set/);
    expect(refusal(['--region', 'skane'], { FIRSTLINE_TELEPHONY_KEY: '' })).toMatch(
      /^FIRSTLINE_TELEPHONY_KEY is not set/,
    );
    expect(refusal(['--region', 'skane'], { FIRSTLINE_TELEPHONY_KEY: 'short' })).toMatch(
      /^FIRSTLINE_TELEPHONY_KEY must be at least 24 characters/,
    );
    expect(run(['--region', 'skane', '--dry-run'], {})).toMatchObject({
      dryRun: true,
      telephonyKey: undefined,
    });
  });
});

describe('npm run simulate as a process', () => {
  const exec = promisify(execFile);
  const root = path.resolve(import.meta.dirname, '../../..');
  const simulate = (...argv: string[]) =>
    exec(path.join(root, 'node_modules/.bin/tsx'), ['backend/src/simulator/cli.ts', ...argv], {
      cwd: root,
      env: { ...process.env, FIRSTLINE_TELEPHONY_KEY: '' },
      timeout: 30_000,
    });

  it('prints the help and exits 0 for --help', async () => {
    const { stdout } = await simulate('--help');
    expect(stdout).toBe(`${simulatorHelp()}\n`);
  });

  it('exits non-zero with the message and starts nothing for a bad option', async () => {
    const failure = await simulate('--region', 'skane', '--seed', 'x').then(
      () => null,
      (error: { code: number; stdout: string; stderr: string }) => error,
    );
    expect(failure?.code).toBe(2);
    expect(failure?.stdout).toBe('');
    expect(failure?.stderr).toMatch(/^simulate: --seed must be a whole number/);
  });
});
