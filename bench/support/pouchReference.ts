// The sync benchmark's reference: the same notes replicated by PouchDB to express-pouchdb, as offline-first health apps do.
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { z } from 'zod';
import type { Note } from '../../core/case';
import { startSyncServer } from './syncServerProcess';

/** Batch sizes the same as Firstline's engines use, and how many workstations reconnect in the reference. */
export interface PouchReferenceBatches {
  drainBatchSize: number;
  fleetBatchSize: number;
  workstations: number;
}

/** What the bench uses of PouchDB (pouchdb-node ships no types). */
interface PouchDatabase {
  bulkDocs(docs: object[]): Promise<{ ok?: boolean; error?: string }[]>;
  replicate: { to(target: string, options: { batch_size: number }): Promise<PouchReplication> };
  close(): Promise<void>;
}
interface PouchReplication {
  ok: boolean;
  docs_written: number;
  doc_write_failures: number;
  errors: unknown[];
}
interface PouchConstructor {
  new (name: string): PouchDatabase;
  defaults(options: { prefix: string }): PouchConstructor;
}
export interface PouchReferenceResult {
  drainMs: number;
  reconnectMs: number;
  /** Workstations (databases) that reconnected in the reference; fewer than Firstline's when scaled. */
  reconnectWorkstations: number;
  reconnectNotes: number;
}

/**
 * Notes are kept for the reference as JSON in Buffers, outside the JS heap: 210,000 live note objects
 * would make every garbage collection during Firstline's own runs slower than in a workstation or backend.
 */
export function keepForReference(notes: Note[]): Buffer {
  return Buffer.from(JSON.stringify(notes));
}

/** Replicates one database to the server and checks that every note was written. */
async function replicateAll(db: PouchDatabase, target: string, batchSize: number, expected: number) {
  const result = await db.replicate.to(target, { batch_size: batchSize });
  if (!result.ok || result.docs_written !== expected || result.doc_write_failures !== 0) {
    throw new Error(
      `PouchDB replication to ${target} wrote ${result.docs_written} of ${expected} notes (${result.doc_write_failures} failures, ${result.errors.length} errors)`,
    );
  }
}

/** Documents on the express-pouchdb server, asked over HTTP as a client would. */
async function serverDocCount(url: string): Promise<number> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url} answered ${response.status}`);
  return z.object({ doc_count: z.number() }).parse(await response.json()).doc_count;
}

/**
 * The reference, when its packages are installed: the same notes replicated by PouchDB from in-process
 * databases (leveldb adapter, on disk) to express-pouchdb (leveldb, on disk) on loopback, with the same
 * batch sizes as Firstline's engines. Loading the databases is not timed; the replications are.
 */
export async function pouchReference(
  batches: PouchReferenceBatches,
  dir: string,
  warmupNotes: Buffer,
  drainNotes: Buffer,
  workstationNotes: Buffer[],
): Promise<PouchReferenceResult | string> {
  const require = createRequire(import.meta.url);
  let PouchDB: PouchConstructor;
  try {
    PouchDB = require('pouchdb-node') as PouchConstructor;
    require.resolve('express-pouchdb');
    require.resolve('express');
  } catch {
    return 'not measured: the packages pouchdb-node, express-pouchdb and express are not installed (npm ci installs them)';
  }
  const localDir = path.join(dir, 'pouch-local');
  mkdirSync(localDir);
  const server = await startSyncServer({ kind: 'pouchdb', dir });
  const base = server.url;
  const LocalPouch = PouchDB.defaults({ prefix: `${localDir}${path.sep}` });
  const locals: PouchDatabase[] = [];
  const load = async (name: string, kept: Buffer) => {
    const notes = JSON.parse(kept.toString('utf8')) as Note[];
    const db = new LocalPouch(name);
    locals.push(db);
    const written = await db.bulkDocs(notes.map(({ id, ...rest }) => ({ _id: id, ...rest })));
    const failed = written.filter((row) => row.error !== undefined).length;
    if (failed > 0) throw new Error(`PouchDB refused ${failed} of ${notes.length} notes in ${name}`);
    return { db, count: notes.length };
  };
  try {
    const warmup = await load('warmup', warmupNotes);
    await replicateAll(warmup.db, `${base}/region-warmup`, batches.drainBatchSize, warmup.count);
    const single = await load('drain', drainNotes);
    let t = performance.now();
    await replicateAll(single.db, `${base}/region-drain`, batches.drainBatchSize, single.count);
    const drainMs = performance.now() - t;

    const fleet = await Promise.all(
      workstationNotes.slice(0, batches.workstations).map((kept, i) => load(`ws-${i}`, kept)),
    );
    t = performance.now();
    await Promise.all(
      fleet.map(({ db, count }) =>
        replicateAll(db, `${base}/region-reconnect`, batches.fleetBatchSize, count),
      ),
    );
    const reconnectMs = performance.now() - t;

    const reconnectNotes = fleet.reduce((sum, { count }) => sum + count, 0);
    for (const [name, expected] of [
      ['region-drain', single.count],
      ['region-reconnect', reconnectNotes],
    ] as const) {
      const stored = await serverDocCount(`${base}/${name}`);
      if (stored !== expected)
        throw new Error(`express-pouchdb holds ${stored} of ${expected} notes in ${name}`);
    }
    return { drainMs, reconnectMs, reconnectWorkstations: fleet.length, reconnectNotes };
  } finally {
    await Promise.all(locals.map((db) => db.close()));
    await server.close();
  }
}
