import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FaultProxy, seededRandom } from '../support/fault-proxy.js';

/** A server that counts the requests it received and answers each with its number. */
let server: Server;
let received = 0;
beforeAll(async () => {
  server = createServer((req, res) => {
    received += 1;
    req.resume().on('end', () => res.end(String(received)));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
const port = () => (server.address() as AddressInfo).port;

function get(proxyPort: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: proxyPort, path: '/', agent: false }, (res) => {
      let text = '';
      res.setEncoding('utf8').on('data', (c: string) => (text += c));
      res.on('end', () => resolve(text));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

describe('the fault proxy', () => {
  it('passes requests through when it injects nothing', async () => {
    const proxy = await FaultProxy.start(port(), { seed: 1 });
    try {
      const before = received;
      expect(Number(await get(proxy.port))).toBe(before + 1);
      expect(proxy.counts).toMatchObject({ connections: 1, dropped: 0, reset: 0 });
    } finally {
      await proxy.close();
    }
  });

  it('a dropped connection never reaches the server; a reset one did, and its answer is lost', async () => {
    const dropping = await FaultProxy.start(port(), { seed: 2, dropRate: 1 });
    const resetting = await FaultProxy.start(port(), { seed: 3, resetRate: 1 });
    try {
      const before = received;
      await expect(get(dropping.port)).rejects.toThrow();
      expect(received).toBe(before);
      await expect(get(resetting.port)).rejects.toThrow();
      expect(received).toBe(before + 1);
      expect(dropping.counts.dropped).toBe(1);
      expect(resetting.counts.reset).toBe(1);
      // Calm: no more faults.
      resetting.calm();
      expect(Number(await get(resetting.port))).toBe(before + 2);
    } finally {
      await dropping.close();
      await resetting.close();
    }
  });

  it('a server that is down resets the client', async () => {
    const proxy = await FaultProxy.start(1, { seed: 4 }); // port 1: nothing listens on loopback
    try {
      await expect(get(proxy.port)).rejects.toThrow();
      expect(proxy.counts.upstreamFailed).toBe(1);
    } finally {
      await proxy.close();
    }
  });

  it('the same seed gives the same random stream', () => {
    const a = seededRandom(42);
    const b = seededRandom(42);
    const c = seededRandom(43);
    const first = Array.from({ length: 5 }, a);
    expect(Array.from({ length: 5 }, b)).toEqual(first);
    expect(Array.from({ length: 5 }, c)).not.toEqual(first);
    expect(first.every((x) => x >= 0 && x < 1)).toBe(true);
  });
});
