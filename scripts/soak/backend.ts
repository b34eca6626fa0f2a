// The sync soak's regional backend: one process kept across runs, crashed (kill -9) and started again on the same database when a plan says so.
import path from 'node:path';
import { LineProcess } from '../../test/sync/support/lineProcess';

const ENTRY = 'test/sync/support/backendProcess.ts';
const START_TIMEOUT_MS = 120_000;

export interface SoakDatabase {
  /** PostgreSQL made for this soak; without it PGlite in `dataDir`. */
  databaseUrl?: string;
  dataDir: string;
}

export interface SoakNurse {
  hsaId: string;
  password: string;
}

export class SoakBackend {
  private proc: LineProcess | null = null;
  private urlValue = '';
  /** Called on each line from the backend (the soak counts it as progress). */
  onLine: (() => void) | null = null;
  crashes = 0;

  constructor(private readonly database: SoakDatabase) {}

  get url(): string {
    return this.urlValue;
  }

  get port(): number {
    return Number(new URL(this.urlValue).port);
  }

  async start(): Promise<void> {
    const db = this.database.databaseUrl
      ? ['--database-url', this.database.databaseUrl]
      : ['--data-dir', path.join(this.database.dataDir, 'pglite')];
    const proc = LineProcess.node(
      'backend',
      ['--import', 'tsx', path.resolve(import.meta.dirname, '../..', ENTRY)],
      [...db, '--heartbeat-ms', '500', '--accept-commands'],
      { stdin: true },
    );
    proc.onLine = () => this.onLine?.();
    this.proc = proc;
    await proc.waitFor(
      (lines) => lines.some((l) => typeof l.url === 'string'),
      'listening',
      START_TIMEOUT_MS,
    );
    this.urlValue = proc.lines.find((l) => typeof l.url === 'string')!.url as string;
  }

  /** kill -9, then a new backend on the same database; resolves once it listens. */
  async crashAndRestart(): Promise<void> {
    this.crashes += 1;
    const old = this.proc;
    old?.kill();
    await old?.exited;
    await this.start();
  }

  /** A region of its own for one run, with its nurses (the last one only reads, to check the backend). */
  async createRegion(regionId: string, nurses: readonly SoakNurse[]): Promise<void> {
    const proc = this.proc;
    if (!proc) throw new Error('the backend is not running');
    const from = proc.lines.length;
    proc.send({ region: { id: regionId, name: `Soak ${regionId}` }, staff: nurses });
    const answered = (lines: Record<string, unknown>[]) =>
      lines.slice(from).some((l) => l.ready === regionId || typeof l.error === 'string');
    await proc.waitFor(answered, `region ${regionId}`, 60_000);
    const error = proc.lines.slice(from).find((l) => typeof l.error === 'string');
    if (error) throw new Error(`the backend could not create region ${regionId}: ${String(error.error)}`);
  }

  async close(): Promise<void> {
    const proc = this.proc;
    this.proc = null;
    if (!proc?.running) return;
    proc.child.kill('SIGTERM');
    const killed = setTimeout(() => proc.kill(), 15_000);
    await proc.exited;
    clearTimeout(killed);
  }
}
