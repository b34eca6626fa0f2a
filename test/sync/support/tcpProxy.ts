// A loopback TCP proxy for fault tests: passes traffic, cuts every connection, or stalls it (holds bytes until released).
import net from 'node:net';

export type ProxyMode = 'pass' | 'cut' | 'stall';

interface Pair {
  client: net.Socket;
  upstream: net.Socket;
  /** Bytes held back while stalled, per direction, delivered late when the stall ends. */
  held: { toUpstream: Buffer[]; toClient: Buffer[] };
}

export class LoopbackProxy {
  private readonly server = net.createServer((client) => this.accept(client));
  private readonly pairs = new Set<Pair>();
  private modeValue: ProxyMode = 'pass';
  /** Called with each chunk the client sends (e.g. to act when a push starts). */
  onClientData: ((chunk: Buffer) => void) | null = null;

  constructor(private targetPort: number) {}

  async listen(): Promise<number> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return (this.server.address() as net.AddressInfo).port;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as net.AddressInfo).port}`;
  }

  /** New connections go to this port (a restarted backend listens elsewhere). */
  retarget(port: number): void {
    this.targetPort = port;
  }

  get mode(): ProxyMode {
    return this.modeValue;
  }

  /**
   * `cut` destroys every connection and refuses new ones; `stall` keeps connections open but delivers
   * nothing; `pass` delivers again, including what was held during a stall (late, as TCP would).
   */
  setMode(mode: ProxyMode): void {
    this.modeValue = mode;
    if (mode === 'cut') {
      for (const pair of this.pairs) this.destroy(pair);
    } else if (mode === 'pass') {
      for (const pair of this.pairs) {
        for (const chunk of pair.held.toUpstream.splice(0)) pair.upstream.write(chunk);
        for (const chunk of pair.held.toClient.splice(0)) pair.client.write(chunk);
      }
    }
  }

  /** Destroys every open connection without changing the mode (a backend restart does this). */
  dropAll(): void {
    for (const pair of this.pairs) this.destroy(pair);
  }

  async close(): Promise<void> {
    this.dropAll();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private accept(client: net.Socket): void {
    if (this.modeValue === 'cut') {
      client.destroy();
      return;
    }
    const upstream = net.connect(this.targetPort, '127.0.0.1');
    const pair: Pair = { client, upstream, held: { toUpstream: [], toClient: [] } };
    this.pairs.add(pair);
    client.on('data', (chunk) => {
      this.onClientData?.(chunk);
      if (this.modeValue === 'stall') pair.held.toUpstream.push(chunk);
      else upstream.write(chunk);
    });
    upstream.on('data', (chunk) => {
      if (this.modeValue === 'stall') pair.held.toClient.push(chunk);
      else client.write(chunk);
    });
    const end = () => this.destroy(pair);
    client.on('close', end);
    upstream.on('close', end);
    client.on('error', end);
    upstream.on('error', end);
  }

  private destroy(pair: Pair): void {
    if (!this.pairs.delete(pair)) return;
    pair.client.destroy();
    pair.upstream.destroy();
  }
}
