import { once } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';

export interface Received {
  headers: Record<string, string>;
  body: string;
  /** What the receiver answered. */
  status: number;
}

/**
 * A webhook receiver on 127.0.0.1 (port 0) that records every request and answers what `answer`
 * says (200 by default): a receiver that is down, failing, redirecting or slow.
 */
export async function startReceiver(
  answer: (request: {
    n: number;
    body: string;
  }) => number | { status: number; location?: string; hang?: boolean } = () => 200,
) {
  const received: Received[] = [];
  const waiters: Array<{ count: number; resolve: () => void }> = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const raw = answer({ n: received.length + 1, body });
      const a = typeof raw === 'number' ? { status: raw } : raw;
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers[k] = v;
      received.push({ headers, body, status: a.status });
      for (const w of waiters.filter((w) => received.length >= w.count)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve();
      }
      if (a.hang) return;
      res.writeHead(a.status, a.location ? { location: a.location } : {});
      res.end(a.status < 300 ? 'thanks' : `no: ${a.status}`);
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks`,
    received,
    /** Resolves once `count` requests have arrived. */
    waitFor(count: number): Promise<void> {
      if (received.length >= count) return Promise.resolve();
      return new Promise((resolve) => waiters.push({ count, resolve }));
    },
    async close() {
      server.closeAllConnections();
      server.close();
      await once(server, 'close');
    },
  };
}

/**
 * Verifies a received request with the Standard Webhooks reference library, as of the moment it was
 * signed (the API runs on a manual clock; the library checks the timestamp against Date.now()).
 */
export function verifyWithReference(secret: string, r: Received): unknown {
  const signedAt = Number(r.headers['webhook-timestamp']) * 1000;
  const realNow = Date.now;
  Date.now = () => signedAt;
  try {
    return new Webhook(secret).verify(r.body, r.headers);
  } finally {
    Date.now = realNow;
  }
}
