// A loopback TCP proxy for fault tests: passes traffic, cuts every connection, stalls it (holds bytes until released), or reorders pushes.
import net from 'node:net';

const PUSH_REQUEST = 'POST /api/v1/sync/push';

export type ProxyMode = 'pass' | 'cut' | 'stall';

interface Pair {
  client: net.Socket;
  upstream: net.Socket;
  /** Bytes held back while stalled, per direction, delivered late when the stall ends. */
  held: { toUpstream: Buffer[]; toClient: Buffer[] };
  /** Set while this connection's requests are held back so that later ones overtake it (reordering). */
  delayed: { overtaken: boolean; deviceId: string | null } | null;
}

/** What reordering did: pushes held back, and how many of them another push overtook meanwhile. */
export interface ReorderCount {
  held: number;
  overtaken: number;
}

export class LoopbackProxy {
  private readonly server = net.createServer((client) => this.accept(client));
  private readonly pairs = new Set<Pair>();
  private modeValue: ProxyMode = 'pass';
  /** Called with each chunk the client sends (e.g. to act when a push starts). */
  onClientData: ((chunk: Buffer) => void) | null = null;
  readonly reorders: ReorderCount = { held: 0, overtaken: 0 };
  /** Delay for the next push that starts on any connection, once (see delayNextPush). */
  private nextPushDelayMs: number | null = null;

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
        if (!pair.delayed) for (const chunk of pair.held.toUpstream.splice(0)) pair.upstream.write(chunk);
        for (const chunk of pair.held.toClient.splice(0)) pair.client.write(chunk);
      }
    }
  }

  /**
   * Reordering: the next push request to start is held back (with everything after it on its connection)
   * for `ms`, while other connections pass, so a push sent after it can reach the backend first.
   */
  delayNextPush(ms: number): void {
    this.nextPushDelayMs = ms;
  }

  /** Destroys every open connection without changing the mode (a backend restart does this). */
  dropAll(): void {
    for (const pair of this.pairs) this.destroy(pair);
  }

  /** Stops any reordering armed or under way: held requests go on at once (unless stalled). */
  endReordering(): void {
    this.nextPushDelayMs = null;
    for (const pair of this.pairs) this.release(pair);
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
    const pair: Pair = { client, upstream, held: { toUpstream: [], toClient: [] }, delayed: null };
    this.pairs.add(pair);
    client.on('data', (chunk) => {
      this.onClientData?.(chunk);
      if (chunk.includes(PUSH_REQUEST)) this.pushStarting(pair);
      if (this.modeValue === 'stall' || pair.delayed) {
        pair.held.toUpstream.push(chunk);
        return;
      }
      this.countOvertaking(chunk);
      upstream.write(chunk);
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

  /** A push starts on `pair`: hold it back if reordering is armed. */
  private pushStarting(pair: Pair): void {
    if (pair.delayed || this.nextPushDelayMs === null) return;
    const ms = this.nextPushDelayMs;
    this.nextPushDelayMs = null;
    pair.delayed = { overtaken: false, deviceId: null };
    this.reorders.held += 1;
    setTimeout(() => this.release(pair), ms).unref();
  }

  /** Counts a held push as overtaken when bytes of a push from the same device pass it. */
  private countOvertaking(chunk: Buffer): void {
    for (const pair of this.pairs) {
      const delayed = pair.delayed;
      if (!delayed || delayed.overtaken) continue;
      delayed.deviceId ??=
        /"deviceId":"([0-9a-f-]{36})"/.exec(Buffer.concat(pair.held.toUpstream).toString('latin1'))?.[1] ??
        null;
      if (delayed.deviceId !== null && chunk.includes(`"deviceId":"${delayed.deviceId}"`)) {
        delayed.overtaken = true;
        this.reorders.overtaken += 1;
      }
    }
  }

  private release(pair: Pair): void {
    if (!pair.delayed) return;
    pair.delayed = null;
    if (this.modeValue === 'stall' || !this.pairs.has(pair)) return;
    for (const chunk of pair.held.toUpstream.splice(0)) pair.upstream.write(chunk);
  }

  private destroy(pair: Pair): void {
    if (!this.pairs.delete(pair)) return;
    pair.client.destroy();
    pair.upstream.destroy();
  }
}
