// `npm run backend`: runs the regional backend alone, configured from the environment, and prints where it listens.
import { describePostgresUrl } from './db/database';
import type { LogLevel } from './logging';
import { defaultDataDir, startBackend } from './server';

const LOG_LEVELS: readonly LogLevel[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

function fail(message: string): never {
  console.error(`firstline backend: ${message}`);
  process.exit(1);
}

function portFromEnv(value: string | undefined): number {
  if (value === undefined || value === '') return 8787;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65_535)
    fail(`PORT must be a whole number 0–65535, not "${value}".`);
  return port;
}

function flagFromEnv(name: string): boolean {
  const value = (process.env[name] ?? '').trim().toLowerCase();
  if (['', '0', 'false', 'no'].includes(value)) return false;
  if (['1', 'true', 'yes'].includes(value)) return true;
  fail(`${name} must be 1/true/yes or 0/false/no, not "${process.env[name]}".`);
}

function logLevelFromEnv(): LogLevel {
  const value = process.env.FIRSTLINE_LOG_LEVEL ?? 'info';
  if (!(LOG_LEVELS as readonly string[]).includes(value))
    fail(`FIRSTLINE_LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}.`);
  return value as LogLevel;
}

async function main(): Promise<void> {
  const databaseUrl = process.env.DATABASE_URL || undefined;
  const dataDir = databaseUrl === undefined ? defaultDataDir() : undefined;
  const backend = await startBackend({
    host: process.env.HOST || '127.0.0.1',
    port: portFromEnv(process.env.PORT),
    databaseUrl,
    dataDir,
    seedDemo: flagFromEnv('FIRSTLINE_SEED_DEMO'),
    logLevel: logLevelFromEnv(),
    trustProxy: flagFromEnv('FIRSTLINE_TRUST_PROXY'),
  });
  const where =
    databaseUrl !== undefined ? `PostgreSQL ${describePostgresUrl(databaseUrl)}` : `PGlite in ${dataDir}`;
  console.log(`Firstline backend listening on ${backend.url} (database: ${where})`);

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    backend.app.log.info({ signal }, 'stopping');
    backend.close().then(
      () => process.exit(0),
      (error: unknown) => fail(`could not stop cleanly: ${(error as Error).message}`),
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: unknown) => fail((error as Error).message));
