import http from 'node:http';

export interface Post {
  path: string;
  headers: Record<string, string>;
  body: string;
}

export interface Answer {
  status: number;
  body: string;
}

/** A keep-alive HTTP/1.1 client for one origin, at most `sockets` connections (one request each). */
export class Client {
  private readonly agent: http.Agent;
  private readonly url: URL;

  constructor(baseUrl: string, sockets: number) {
    this.url = new URL(baseUrl);
    this.agent = new http.Agent({ keepAlive: true, maxSockets: sockets, maxFreeSockets: sockets });
  }

  post(post: Post): Promise<Answer> {
    return new Promise((resolve, reject) => {
      const request = http.request(
        {
          agent: this.agent,
          host: this.url.hostname,
          port: this.url.port,
          method: 'POST',
          path: post.path,
          headers: {
            ...post.headers,
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(post.body),
          },
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () =>
            resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
          );
          response.on('error', reject);
        },
      );
      request.on('error', reject);
      request.end(post.body);
    });
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
    this.agent.destroy();
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
