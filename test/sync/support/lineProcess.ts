// A child process that reports in JSON lines (fault tests, the sync soak): its lines collected as they come, waits, kill -9.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';

const ROOT = path.resolve(import.meta.dirname, '../../..');
/** Enough of a process's stderr to explain a failure, without growing over a long soak. */
const STDERR_KEPT = 20_000;

export type Line = Record<string, unknown>;

export class LineProcess {
  readonly lines: Line[] = [];
  readonly exited: Promise<number | null>;
  /** Called with each JSON line as it arrives (e.g. to notice progress). */
  onLine: ((line: Line) => void) | null = null;
  private stderr = '';

  constructor(
    public name: string,
    readonly child: ChildProcess,
  ) {
    createInterface({ input: child.stdout! }).on('line', (text) => {
      let line: Line;
      try {
        line = JSON.parse(text) as Line;
      } catch {
        return; // not one of ours
      }
      this.lines.push(line);
      this.onLine?.(line);
    });
    child.stderr!.on('data', (chunk) => {
      this.stderr = (this.stderr + String(chunk)).slice(-STDERR_KEPT);
    });
    this.exited = new Promise((resolve) => child.once('close', (code) => resolve(code)));
  }

  /** A TypeScript entry of the repository, run through tsx. */
  static start(name: string, entry: string, args: string[]): LineProcess {
    return LineProcess.node(name, ['--import', 'tsx', path.join(ROOT, entry)], args);
  }

  /** Node with the given arguments before the script's (e.g. a bundled .mjs); stdin piped when asked. */
  static node(name: string, nodeArgs: string[], args: string[], options: { stdin?: boolean } = {}) {
    const child = spawn(process.execPath, [...nodeArgs, ...args], {
      cwd: ROOT,
      stdio: [options.stdin ? 'pipe' : 'ignore', 'pipe', 'pipe'],
    });
    return new LineProcess(name, child);
  }

  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** What the process wrote on stderr lately (for error messages). */
  get errors(): string {
    return this.stderr;
  }

  async waitFor(predicate: (lines: Line[]) => boolean, what: string, timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!predicate(this.lines)) {
      if (!this.running)
        throw new Error(`${this.name} exited (${this.child.exitCode}) before ${what}:\n${this.stderr}`);
      if (Date.now() > deadline)
        throw new Error(`${this.name}: timed out waiting for ${what}:\n${this.stderr}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  async exitCode(timeoutMs = 45_000): Promise<number | null> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<'timeout'>(
      (resolve) => (timer = setTimeout(() => resolve('timeout'), timeoutMs)),
    );
    const result = await Promise.race([this.exited, timeout]);
    clearTimeout(timer);
    if (result === 'timeout') {
      this.child.kill('SIGKILL');
      throw new Error(`${this.name} did not finish in ${timeoutMs} ms:\n${this.stderr}`);
    }
    if (result !== 0) throw new Error(`${this.name} exited with ${result}:\n${this.stderr}`);
    return result;
  }

  /** The notes this process reported signed (on disk), id → content hash. */
  signed(): Map<string, string> {
    return new Map(
      this.lines
        .filter((l) => typeof l.signed === 'string')
        .map((l) => [l.signed as string, l.hash as string]),
    );
  }

  /** Writes one JSON line to the process's stdin (started with stdin piped). */
  send(message: object): void {
    this.child.stdin!.write(`${JSON.stringify(message)}\n`);
  }

  kill(): void {
    if (this.running) this.child.kill('SIGKILL');
  }
}
