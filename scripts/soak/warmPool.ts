// Warm workstation processes for the sync soak: started ahead with their modules loaded, each waiting for its arguments on stdin.
import { LineProcess } from '../../test/sync/support/lineProcess';

export class WarmWorkstations {
  private readonly spares: LineProcess[] = [];

  constructor(
    private readonly entry: string,
    private readonly size: number,
  ) {}

  /** A workstation process running with `args`: a warm one when there is one, else a new one. */
  take(name: string, args: string[]): LineProcess {
    let proc = this.spares.shift();
    while (proc && !proc.running) proc = this.spares.shift();
    proc ??= this.spawn();
    proc.name = name;
    proc.send(args);
    return proc;
  }

  /** Starts spares up to the pool's size (call it while the machine is not busy starting a run). */
  refill(): void {
    this.spares.splice(0, this.spares.length, ...this.spares.filter((proc) => proc.running));
    while (this.spares.length < this.size) this.spares.push(this.spawn());
  }

  async close(): Promise<void> {
    const spares = this.spares.splice(0);
    spares.forEach((proc) => proc.kill());
    await Promise.all(spares.map((proc) => proc.exited));
  }

  private spawn(): LineProcess {
    return LineProcess.node('workstation (warm)', [this.entry], ['--args-on-stdin'], { stdin: true });
  }
}
