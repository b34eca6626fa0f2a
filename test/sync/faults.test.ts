// Fault tests with real processes: kill -9 a workstation mid-writes, restart the backend mid-push, cut and stall the line.
//
// The backend and each workstation run as their own processes; workstations reach the backend only through
// a loopback TCP proxy that can cut or stall the line. Afterwards every workstation holds exactly the
// backend's signed notes (same ids, same hashes), and every note a workstation reported signed is there.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openWorkstationStore } from '../../main/services/store';
import { isolatedDatabase, type IsolatedDatabase } from '../backend/support/testBackend';
import { LineProcess as Proc } from './support/lineProcess';
import { pullRegion, signedNotesOf } from './support/regionReader';
import { LoopbackProxy } from './support/tcpProxy';

const postgresUrl = process.env.FIRSTLINE_TEST_DATABASE_URL || undefined;
const PASSWORD = `pw-${randomBytes(6).toString('hex')}`;
const NURSES = ['SE2321000016-FLTN1', 'SE2321000016-FLTN2', 'SE2321000016-FLTN3'] as const;
const READER = 'SE2321000016-FLTR1';

describe('sync under faults, with real processes', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'firstline-faults-'));
  let database: IsolatedDatabase | null = null;
  let backend: Proc;
  let backendUrl: string;
  let proxy: LoopbackProxy;
  const running: Proc[] = [];

  function startBackend(): Proc {
    const db = database
      ? ['--database-url', database.options.databaseUrl as string]
      : ['--data-dir', path.join(dir, 'pglite')];
    const staff = [...NURSES, READER].flatMap((hsaId) => ['--staff', `${hsaId}:${PASSWORD}`]);
    const proc = Proc.start('backend', 'test/sync/support/backendProcess.ts', [
      ...db,
      ...staff,
      '--heartbeat-ms',
      '500',
    ]);
    running.push(proc);
    return proc;
  }

  async function backendPort(proc: Proc): Promise<number> {
    await proc.waitFor(
      (lines) => lines.some((l) => typeof l.url === 'string'),
      'the backend to listen',
      45_000,
    );
    backendUrl = proc.lines.find((l) => typeof l.url === 'string')!.url as string;
    return Number(new URL(backendUrl).port);
  }

  interface Station {
    file: string;
    key: string;
    hsaId: string;
  }
  const station = (name: string, hsaId: string): Station => ({
    file: path.join(dir, `${name}.db`),
    key: randomBytes(32).toString('hex'),
    hsaId,
  });

  function workstation(s: Station, notes: number, every = 10, holdFile?: string): Proc {
    const proc = Proc.start(
      `workstation ${path.basename(s.file)}`,
      'test/sync/support/workstationProcess.ts',
      [
        '--backend',
        proxy.url,
        '--store',
        s.file,
        '--key',
        s.key,
        '--hsa-id',
        s.hsaId,
        '--password',
        PASSWORD,
        '--notes',
        String(notes),
        '--every',
        String(every),
        ...(holdFile ? ['--hold-file', holdFile] : []),
      ],
    );
    running.push(proc);
    return proc;
  }

  function heldBy(s: Station): Map<string, string> {
    const store = openWorkstationStore({ file: s.file, key: Buffer.from(s.key, 'hex') });
    try {
      return store.signedNoteHashes();
    } finally {
      store.close();
    }
  }

  /** Every signed note of the region on the backend, read by a fresh device directly (not through the proxy). */
  async function onBackend(): Promise<Map<string, string>> {
    return signedNotesOf(await pullRegion(backendUrl, READER, PASSWORD));
  }

  function expectReportedNotesKept(proc: Proc, held: Map<string, string>): void {
    const reported = proc.signed();
    expect(reported.size).toBeGreaterThan(0);
    for (const [id, hash] of reported) expect(held.get(id), `note ${id}`).toBe(hash);
  }

  beforeAll(async () => {
    if (postgresUrl) database = await isolatedDatabase('postgres');
    backend = startBackend();
    proxy = new LoopbackProxy(await backendPort(backend));
    await proxy.listen();
  }, 60_000);

  afterAll(async () => {
    for (const proc of running) proc.kill();
    await proxy?.close();
    await database?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps every note through kill -9 of the workstation process in the middle of writes', async () => {
    const a = station('killed', NURSES[0]);
    const writer = workstation(a, 400, 5);
    await writer.waitFor((lines) => lines.filter((l) => l.signed).length >= 30, '30 signed notes');
    writer.kill();
    await writer.exited;
    const signedBeforeKill = writer.signed();

    const restarted = workstation(a, 0);
    await restarted.exitCode();
    const held = heldBy(a);
    expectReportedNotesKept(writer, held);
    expect(held.size).toBeGreaterThanOrEqual(signedBeforeKill.size);
    expect(await onBackend()).toEqual(held);
  }, 60_000);

  it('loses nothing when the backend is killed and restarted in the middle of a push', async () => {
    const b = station('restart', NURSES[1]);
    const writer = workstation(b, 120, 10);
    let restarting: Promise<void> | null = null;
    proxy.onClientData = (chunk) => {
      if (restarting || writer.signed().size < 20 || !chunk.includes('POST /api/v1/sync/push')) return;
      // A push is on its way in: kill the backend under it, then bring up a new one on the same database.
      restarting = (async () => {
        backend.kill();
        await backend.exited;
        proxy.dropAll();
        backend = startBackend();
        proxy.retarget(await backendPort(backend));
      })();
    };
    await writer.waitFor(() => restarting !== null, 'a push to interrupt');
    await restarting;
    proxy.onClientData = null;
    await writer.exitCode();
    const held = heldBy(b);
    expectReportedNotesKept(writer, held);
    expect(writer.signed().size).toBe(120);
    expect(await onBackend()).toEqual(held);
  }, 90_000);

  it('converges after the line is cut and then stalled between two writing workstations and the backend', async () => {
    const one = station('cut-one', NURSES[0]);
    const two = station('cut-two', NURSES[2]);
    const hold = path.join(dir, 'all-drained');
    const writers = [workstation(one, 80, 15, hold), workstation(two, 80, 15, hold)];
    await Promise.all(
      writers.map((w) => w.waitFor((l) => l.filter((x) => x.signed).length >= 10, '10 notes')),
    );
    proxy.setMode('cut');
    await new Promise((resolve) => setTimeout(resolve, 800));
    proxy.setMode('pass');
    await Promise.all(
      writers.map((w) => w.waitFor((l) => l.filter((x) => x.signed).length >= 35, '35 notes')),
    );
    // Longer than a request's timeout and the channel's silence limit: both must give up and come back.
    proxy.setMode('stall');
    await new Promise((resolve) => setTimeout(resolve, 2500));
    proxy.setMode('pass');
    // Each drains on its own; once both have, one last sync lets each see the other's last notes.
    await Promise.all(writers.map((w) => w.waitFor((l) => l.some((x) => x.drained), 'draining', 40_000)));
    writeFileSync(hold, '');
    await Promise.all(writers.map((w) => w.exitCode()));
    const onServer = await onBackend();
    for (const [s, writer] of [
      [one, writers[0]!],
      [two, writers[1]!],
    ] as const) {
      const held = heldBy(s);
      expectReportedNotesKept(writer, held);
      expect(held).toEqual(onServer);
    }
  }, 90_000);
});
