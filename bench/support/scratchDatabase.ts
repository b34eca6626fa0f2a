// A PostgreSQL database made for one benchmark run and dropped after it, so a bench never writes into the database it was pointed at.
import { randomBytes } from 'node:crypto';
import pg from 'pg';

/**
 * Runs `work` against a fresh database created through `adminUrl` (or against in-memory PGlite,
 * undefined, when no URL is given). The database is dropped afterwards, also when the work fails.
 */
export async function withScratchDatabase<T>(
  adminUrl: string | undefined,
  work: (databaseUrl: string | undefined) => Promise<T>,
): Promise<T> {
  if (adminUrl === undefined || adminUrl === '') return work(undefined);
  const name = `firstline_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  try {
    return await work(url.toString());
  } finally {
    await admin.query(`drop database if exists ${name} with (force)`).catch(() => undefined);
    await admin.end();
  }
}
