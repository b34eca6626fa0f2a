// The servers of the sync benchmark, each in a process of its own as on a real network: Firstline's backend, or the PouchDB reference's express-pouchdb.
//
// Started through startSyncServer (syncServerProcess.ts) as `node --import tsx syncServers.ts '<spec as JSON>'`;
// answers `{ url }` (or `{ error }`) over the IPC channel once it listens, and closes on the message
// 'close'. The workstations stay in the benchmark's process, so the two sides do not share one thread
// (and one core) in either measurement.
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { z } from 'zod';
import { createStaffAccount, ensureRegion } from '../../backend/src/auth/staffAccounts';
import { startBackend } from '../../backend/src/server';

const SyncServerSpecSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('firstline'),
    /** PostgreSQL; without it PGlite with its data directory in `dataDir`. */
    databaseUrl: z.string().optional(),
    dataDir: z.string(),
    regions: z.array(z.object({ id: z.string(), name: z.string() })),
    staff: z.array(z.object({ hsaId: z.string(), regionId: z.string() })),
    password: z.string(),
  }),
  z.object({ kind: z.literal('pouchdb'), dir: z.string() }),
]);
export type SyncServerSpec = z.infer<typeof SyncServerSpecSchema>;

/** What the process says once it listens, or why it could not start. */
export type SyncServerMessage = { url: string } | { error: string };

interface ExpressApp {
  use(mountPath: string, handler: unknown): void;
  listen(port: number, host: string, listening: () => void): Server;
}
type PouchConstructor = { defaults(options: { prefix: string }): PouchConstructor };

async function startFirstline(spec: Extract<SyncServerSpec, { kind: 'firstline' }>) {
  const backend = await startBackend({
    databaseUrl: spec.databaseUrl,
    dataDir: spec.databaseUrl === undefined ? spec.dataDir : undefined,
    logLevel: 'silent',
    authRateLimit: { max: 100_000, windowMs: 60_000 },
    poolSize: 20,
  });
  for (const region of spec.regions) await ensureRegion(backend.db, region);
  for (const { hsaId, regionId } of spec.staff) {
    await createStaffAccount(backend.db, {
      hsaId,
      name: `Bänk ${hsaId.slice(-2)}`,
      title: 'Sjuksköterska',
      roles: ['nurse'],
      regionId,
      password: spec.password,
    });
  }
  return { url: backend.url, close: () => backend.close() };
}

async function startPouchDb(spec: Extract<SyncServerSpec, { kind: 'pouchdb' }>) {
  const require = createRequire(import.meta.url);
  const PouchDB = require('pouchdb-node') as PouchConstructor;
  const expressPouchDb = require('express-pouchdb') as (pouch: PouchConstructor, options: object) => unknown;
  const express = require('express') as () => ExpressApp;
  const serverDir = path.join(spec.dir, 'pouch-server');
  mkdirSync(serverDir, { recursive: true });
  const app = express();
  app.use(
    '/',
    expressPouchDb(PouchDB.defaults({ prefix: `${serverDir}${path.sep}` }), {
      mode: 'minimumForPouchDB',
      logPath: path.join(spec.dir, 'pouch-log.txt'),
    }),
  );
  const server = await new Promise<Server>((resolve) => {
    const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
  });
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

async function main(): Promise<void> {
  const send = (message: SyncServerMessage) => process.send?.(message);
  try {
    const spec = SyncServerSpecSchema.parse(JSON.parse(process.argv[2] ?? ''));
    const server = spec.kind === 'firstline' ? await startFirstline(spec) : await startPouchDb(spec);
    process.on('message', (message) => {
      if (message !== 'close') return;
      void server.close().finally(() => process.exit(0));
    });
    // The benchmark went away without saying so: do not outlive it.
    process.on('disconnect', () => void server.close().finally(() => process.exit(0)));
    send({ url: server.url });
  } catch (error) {
    send({ error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
    process.exit(1);
  }
}

void main();
