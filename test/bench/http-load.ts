import net from 'node:net';

export interface Post {
  path: string;
  headers: Record<string, string>;
  body: string;
}

export interface Answer {
  status: number;
  body: string;
}

/**
 * A keep-alive HTTP/1.1 client for one origin, in the manner of autocannon: up to `sockets`
 * connections, one request at a time on each, requests written as prepared text and answers read by
 * status line and Content-Length. node:http's client costs a few times more CPU per request, and on
 * a small machine the load generator takes that CPU from the server it measures.
 */
export class Client {
  private readonly idle: Connection[] = [];
  private readonly waiting: Array<(connection: Connection) => void> = [];
  private readonly open = new Set<Connection>();
  private readonly url: URL;

  constructor(
    baseUrl: string,
    private readonly sockets: number,
  ) {
    this.url = new URL(baseUrl);
  }

  async post(post: Post): Promise<Answer> {
    const body = Buffer.from(post.body);
    let head = `POST ${post.path} HTTP/1.1\r\nhost: ${this.url.host}\r\ncontent-type: application/json\r\ncontent-length: ${body.length}\r\n`;
    for (const [name, value] of Object.entries(post.headers)) head += `${name}: ${value}\r\n`;
    const connection = await this.acquire();
    try {
      return await connection.send(Buffer.concat([Buffer.from(`${head}\r\n`), body]));
    } finally {
      this.release(connection);
    }
  }

  /** A POST that must answer `expected`; the body comes back parsed. */
  async json<T>(post: Post, expected: number): Promise<T> {
    const answer = await this.post(post);
    if (answer.status !== expected) {
      throw new Error(`POST ${post.path}: expected ${expected}, got ${answer.status} ${answer.body}`);
    }
    return JSON.parse(answer.body) as T;
  }

  close(): void {
    for (const connection of this.open) connection.socket.destroy();
  }

  private acquire(): Promise<Connection> {
    const ready = this.idle.pop();
    if (ready) return Promise.resolve(ready);
    if (this.open.size < this.sockets) {
      const connection = new Connection(net.connect(Number(this.url.port), this.url.hostname), () =>
        this.open.delete(connection),
      );
      this.open.add(connection);
      return Promise.resolve(connection);
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  private release(connection: Connection): void {
    if (!this.open.has(connection)) {
      // It broke: let a waiting request open a fresh one.
      const next = this.waiting.shift();
      if (next) void this.acquire().then(next);
      return;
    }
    const next = this.waiting.shift();
    if (next) next(connection);
    else this.idle.push(connection);
  }
}

/** One keep-alive connection carrying one request at a time. */
class Connection {
  private received: Buffer = Buffer.alloc(0);
  private pending: { resolve: (answer: Answer) => void; reject: (error: Error) => void } | null = null;

  constructor(
    readonly socket: net.Socket,
    onClose: () => void,
  ) {
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => this.onData(chunk));
    const fail = (error: Error) => {
      onClose();
      this.pending?.reject(error);
      this.pending = null;
    };
    socket.on('error', fail);
    socket.on('close', () => fail(new Error('the server closed the connection')));
  }

  send(request: Buffer): Promise<Answer> {
    return new Promise((resolve, reject) => {
      this.pending = { resolve, reject };
      this.socket.write(request);
    });
  }

  private onData(chunk: Buffer): void {
    this.received = this.received.length === 0 ? chunk : Buffer.concat([this.received, chunk]);
    const headEnd = this.received.indexOf('\r\n\r\n');
    if (headEnd < 0) return;
    const head = this.received.toString('latin1', 0, headEnd);
    const length = /\r\ncontent-length:\s*(\d+)/i.exec(head)?.[1];
    if (length === undefined) {
      this.socket.destroy(new Error(`an answer without Content-Length: ${head}`));
      return;
    }
    const end = headEnd + 4 + Number(length);
    if (this.received.length < end) return;
    const answer = {
      status: Number(head.slice(9, 12)),
      body: this.received.toString('utf8', headEnd + 4, end),
    };
    this.received = this.received.subarray(end);
    const pending = this.pending;
    this.pending = null;
    pending?.resolve(answer);
  }
}

export interface Window {
  /** Run this long first without counting (connections, JIT, caches, a full pipeline). */
  warmupMs: number;
  /** Then count what completes during this long. */
  measureMs: number;
}

export interface Tally {
  /** Operations that succeeded and ended inside the measured window. */
  counted: number;
  /** Their latencies, in milliseconds. */
  latencies: number[];
}

/**
 * Closed-loop load: `concurrency` lanes, each starting its next operation as soon as its previous one
 * ended, until the window is over. `op` resolves true when the operation did what it should.
 */
export async function closedLoop(
  concurrency: number,
  window: Window,
  op: () => Promise<boolean>,
): Promise<Tally> {
  const measureFrom = performance.now() + window.warmupMs;
  const measureTo = measureFrom + window.measureMs;
  const tally: Tally = { counted: 0, latencies: [] };
  async function lane() {
    while (performance.now() < measureTo) {
      const began = performance.now();
      const ok = await op();
      const ended = performance.now();
      if (ok && ended >= measureFrom && ended < measureTo) {
        tally.counted++;
        tally.latencies.push(ended - began);
      }
    }
  }
  await Promise.all(Array.from({ length: concurrency }, lane));
  return tally;
}

/** The same for a synchronous operation (better-sqlite3), one at a time. */
export function syncLoop(window: Window, op: () => boolean): Tally {
  const measureFrom = performance.now() + window.warmupMs;
  const measureTo = measureFrom + window.measureMs;
  const tally: Tally = { counted: 0, latencies: [] };
  for (let ended = 0; ended < measureTo;) {
    const began = performance.now();
    const ok = op();
    ended = performance.now();
    if (ok && ended >= measureFrom && ended < measureTo) {
      tally.counted++;
      tally.latencies.push(ended - began);
    }
  }
  return tally;
}
