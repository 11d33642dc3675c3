/**
 * A TCP proxy on 127.0.0.1:0 in front of one server that a test can cut and restore, as a laptop
 * loses and finds its network: `cut()` resets every open connection (a request on its way may or may
 * not have reached the server; an answer on its way is lost) and resets every new one until
 * `restore()`. Loopback only; what it did is counted, for the report.
 */
import { connect, createServer, type Server, type Socket } from 'node:net';

export interface CutCounts {
  connections: number;
  /** Connections reset because they were open when the network was cut. */
  cut: number;
  /** Connections reset at once because the network was down when they were opened. */
  refused: number;
}

export class CutProxy {
  readonly counts: CutCounts = { connections: 0, cut: 0, refused: 0 };
  private readonly pairs = new Set<{ client: Socket; upstream: Socket }>();
  private up = true;

  private constructor(
    private readonly server: Server,
    readonly port: number,
    private readonly targetPort: number,
  ) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get online(): boolean {
    return this.up;
  }

  static async start(targetPort: number): Promise<CutProxy> {
    const server = createServer();
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    const address = server.address();
    if (address === null || typeof address === 'string') throw new Error('the proxy has no port');
    const proxy = new CutProxy(server, address.port, targetPort);
    server.on('connection', (client) => proxy.handle(client));
    return proxy;
  }

  /** The network is gone: open connections are reset, new ones too. */
  cut(): void {
    this.up = false;
    for (const pair of this.pairs) {
      this.counts.cut += 1;
      this.break(pair);
    }
  }

  restore(): void {
    this.up = true;
  }

  private handle(client: Socket): void {
    this.counts.connections += 1;
    if (!this.up) {
      this.counts.refused += 1;
      client.on('error', () => undefined);
      client.resetAndDestroy();
      return;
    }
    const upstream = connect({ host: '127.0.0.1', port: this.targetPort });
    const pair = { client, upstream };
    this.pairs.add(pair);
    // An error on either side breaks both; a clean end is passed on by the pipes.
    const broken = () => {
      this.pairs.delete(pair);
      this.break(pair);
    };
    client.on('error', broken);
    upstream.on('error', broken);
    const closed = (hadError: boolean) => {
      if (hadError) broken();
      else if (client.destroyed && upstream.destroyed) this.pairs.delete(pair);
    };
    client.on('close', closed);
    upstream.on('close', closed);
    client.pipe(upstream);
    upstream.pipe(client);
  }

  private break({ client, upstream }: { client: Socket; upstream: Socket }): void {
    if (!client.destroyed) client.resetAndDestroy();
    if (!upstream.destroyed) upstream.destroy();
  }

  async close(): Promise<void> {
    this.cut();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
