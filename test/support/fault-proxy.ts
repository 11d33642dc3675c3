/**
 * A TCP proxy on 127.0.0.1:0 between test clients and a server, injecting the network's faults at
 * random but reproducibly (seeded): latency on every chunk, connections dropped before the request
 * reaches the server, and connections reset after the server answered (the answer is lost: the client
 * cannot know whether its request took effect). Loopback only. Faults are counted, for the report.
 */
import { createServer, connect, type Server, type Socket } from 'node:net';

/** A small, fast, seeded PRNG (mulberry32): the same seed gives the same faults in the same order. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export interface FaultOptions {
  seed: number;
  /** Added to every chunk in either direction, ms: uniform in [min, max]. */
  latencyMs?: [number, number];
  /** Probability that a connection is closed when its first bytes arrive, before they are forwarded. */
  dropRate?: number;
  /** Probability that a connection is reset when the server's first bytes come back (answer lost). */
  resetRate?: number;
}

export interface FaultCounts {
  connections: number;
  delayedChunks: number;
  dropped: number;
  reset: number;
  /** Connections the server refused or broke (it was down): the client's side was reset. */
  upstreamFailed: number;
}

export class FaultProxy {
  readonly counts: FaultCounts = {
    connections: 0,
    delayedChunks: 0,
    dropped: 0,
    reset: 0,
    upstreamFailed: 0,
  };
  private readonly random: () => number;
  private readonly sockets = new Set<Socket>();
  private enabled = true;

  private constructor(
    private readonly server: Server,
    readonly port: number,
    private readonly targetPort: () => number,
    private readonly options: FaultOptions,
  ) {
    this.random = seededRandom(options.seed);
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Proxies to 127.0.0.1:`targetPort()` (read per connection: a restarted server may move). */
  static async start(targetPort: number | (() => number), options: FaultOptions): Promise<FaultProxy> {
    const server = createServer();
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    const address = server.address();
    if (address === null || typeof address === 'string') throw new Error('the proxy has no port');
    const proxy = new FaultProxy(
      server,
      address.port,
      typeof targetPort === 'number' ? () => targetPort : targetPort,
      options,
    );
    server.on('connection', (client) => proxy.handle(client));
    return proxy;
  }

  /** Stops injecting faults (latency included): for the final, quiet checks. */
  calm(): void {
    this.enabled = false;
  }

  private chance(rate: number | undefined): boolean {
    return this.enabled && rate !== undefined && rate > 0 && this.random() < rate;
  }

  private latency(): number {
    const range = this.options.latencyMs;
    if (!this.enabled || !range) return 0;
    return range[0] + Math.floor(this.random() * (range[1] - range[0] + 1));
  }

  private handle(client: Socket): void {
    this.counts.connections += 1;
    this.track(client);
    const upstream = connect({ host: '127.0.0.1', port: this.targetPort() });
    this.track(upstream);
    const breakBoth = () => {
      if (!client.destroyed) client.resetAndDestroy();
      if (!upstream.destroyed) upstream.destroy();
    };
    upstream.on('error', () => {
      this.counts.upstreamFailed += 1;
      breakBoth();
    });
    client.on('error', breakBoth);
    // Each direction keeps its order: a chunk waits for the one before it, plus its own latency.
    const pipe = (from: Socket, to: Socket, first: () => boolean) => {
      let tail = Promise.resolve();
      let seenFirst = false;
      from.on('data', (chunk: Buffer) => {
        if (!seenFirst) {
          seenFirst = true;
          if (first()) return;
        }
        const wait = this.latency();
        if (wait > 0) this.counts.delayedChunks += 1;
        tail = tail.then(
          () =>
            new Promise<void>((resolve) => {
              const send = () => {
                if (!to.destroyed) to.write(chunk);
                resolve();
              };
              if (wait > 0) setTimeout(send, wait);
              else send();
            }),
        );
      });
      from.on('end', () => void tail.then(() => to.destroyed || to.end()));
      from.on('close', () => void tail.then(() => to.destroyed || to.destroy()));
    };
    pipe(client, upstream, () => {
      if (!this.chance(this.options.dropRate)) return false;
      this.counts.dropped += 1;
      breakBoth();
      return true;
    });
    pipe(upstream, client, () => {
      if (!this.chance(this.options.resetRate)) return false;
      this.counts.reset += 1;
      breakBoth();
      return true;
    });
  }

  private track(socket: Socket): void {
    this.sockets.add(socket);
    socket.once('close', () => this.sockets.delete(socket));
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
