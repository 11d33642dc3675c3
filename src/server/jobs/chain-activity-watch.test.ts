import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { publishedAddress } from '../gateways/crypto/published-keys.js';
import { baseUnits } from '../gateways/crypto/amounts.js';
import { HttpChainSource } from '../gateways/crypto/http-chain-source.js';
import {
  startSimulatedChainServer,
  type SimulatedChainServer,
} from '../gateways/crypto/simulated-chain-server.js';
import { watchChainActivity, type ChainActivitySource } from './chain-activity-watch.js';

const address = publishedAddress('bitcoin', 0);

/** Resolves on the next call of the returned callback: waits for an event, never a timer. */
function nextCall() {
  let resolve: () => void = () => undefined;
  let promise = new Promise<void>((r) => (resolve = r));
  return {
    callback: () => {
      resolve();
      promise = new Promise<void>((r) => (resolve = r));
    },
    next: () => promise,
  };
}

describe('the simulated chain tells its watchers when it changes', () => {
  let server: SimulatedChainServer;
  beforeEach(async () => {
    server = await startSimulatedChainServer();
  });
  afterEach(() => server.close());

  it('a long poll is answered by the next send or mine, at once when already past', async () => {
    const source = new HttpChainSource(server.url);
    const now = await source.nextActivity(null);
    const held = source.nextActivity(now);
    server.chain.send(address, baseUnits(1_000n));
    expect(await held).toBe(now + 1);
    server.chain.mine(3);
    expect(await source.nextActivity(now)).toBe(now + 2);
  });

  it('refuses a malformed poll with a 400 naming the field', async () => {
    const response = await fetch(`${server.url}/chain/activity?after=-1`);
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { field: string } }).error.field).toBe('after');
  });

  it('closing the server answers every held poll', async () => {
    const source = new HttpChainSource(server.url);
    const held = source.nextActivity(await source.nextActivity(null)).catch((error: unknown) => error);
    await server.close();
    await held;
    server = await startSimulatedChainServer();
  });

  it('watchChainActivity calls back on each change and stops cleanly', async () => {
    const calls = nextCall();
    const http = new HttpChainSource(server.url);
    // Change the chain only once the watcher knows where it stands (its first answer is "now").
    let following!: () => void;
    const followed = new Promise<void>((resolve) => (following = resolve));
    const source: ChainActivitySource = {
      nextActivity: (after, signal) => {
        if (after !== null) following();
        return http.nextActivity(after, signal);
      },
    };
    const watch = watchChainActivity(source, calls.callback);
    await followed;
    const heard = calls.next();
    server.chain.send(address, baseUnits(1n));
    await heard;
    const heardMine = calls.next();
    server.chain.mine();
    await heardMine;
    await watch.stop();
  });
});

describe('watchChainActivity without a chain that can tell', () => {
  it('a source answering 404 is given up on once, leaving the interval to do the work', async () => {
    const server = createServer((_req, res) => res.writeHead(404).end('{}'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      let unsupported!: () => void;
      const givenUp = new Promise<void>((resolve) => (unsupported = resolve));
      const watch = watchChainActivity(new HttpChainSource(url), () => undefined, {
        onUnsupported: unsupported,
      });
      await givenUp;
      await watch.stop();
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  it('after a failure it retries, and calls back once it hears again (something may have happened meanwhile)', async () => {
    const answers: Array<number | Error> = [new Error('connection refused'), 7, 7];
    const errors: unknown[] = [];
    const source: ChainActivitySource = {
      nextActivity: (_after, signal) => {
        const answer = answers.shift();
        if (answer === undefined) {
          // Held until the watcher stops, like an idle long poll.
          return new Promise((_resolve, reject) =>
            signal?.addEventListener('abort', () => reject(signal.reason)),
          );
        }
        return answer instanceof Error ? Promise.reject(answer) : Promise.resolve(answer);
      },
    };
    const calls = nextCall();
    const heard = calls.next();
    const watch = watchChainActivity(source, calls.callback, { retryMs: 1, onError: (e) => errors.push(e) });
    await heard;
    expect(errors).toHaveLength(1);
    await watch.stop();
  });
});
