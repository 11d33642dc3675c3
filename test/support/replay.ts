/**
 * An offline console's replay, without Electron: a real outbox and cache (in memory) drained by the
 * real pusher against a real API. Shared by the replay test and `npm run bench:replay`.
 */
import type BetterSqlite3 from 'better-sqlite3';
import { createApiClient, type ApiClient } from '../../src/main/api/client.js';
import type { CacheStore } from '../../src/main/cache/cache-store.js';
import type { OutboxStore } from '../../src/main/outbox/outbox-store.js';
import { type StoredIntent } from '../../src/main/outbox/outbox-store.js';
import { OutboxPusher } from '../../src/main/sync/outbox-pusher.js';
import { memoryCache, memoryOutbox } from '../../src/main/testing/handler-world.js';

export const REPLAY_ACCOUNT = 'replay|rsl|key';

export interface Console {
  outboxDb: BetterSqlite3.Database;
  outbox: OutboxStore;
  cache: CacheStore;
  batches: number;
  pusher(client?: ApiClient): OutboxPusher;
}

export function offlineConsole(baseUrl: string, token: string): Console {
  const { db: outboxDb, outbox } = memoryOutbox();
  const { cache } = memoryCache();
  const world: Console = {
    outboxDb,
    outbox,
    cache,
    batches: 0,
    pusher: (client = createApiClient(baseUrl, token)) =>
      new OutboxPusher({
        cache,
        outbox,
        account: REPLAY_ACCOUNT,
        client,
        aborted: () => false,
        onBatch: () => {
          world.batches++;
        },
        onError: () => undefined,
        onPaymentsStored: () => undefined,
      }),
  };
  return world;
}

/** `count` queued credits of 1..count minor units, spread over the wallets, described `label #n`. */
export function queueCredits(c: Console, walletIds: string[], count: number, label: string): StoredIntent[] {
  const queued: StoredIntent[] = [];
  const now = new Date().toISOString();
  c.outboxDb.transaction(() => {
    for (let n = 1; n <= count; n++) {
      queued.push(
        c.outbox.enqueue(
          REPLAY_ACCOUNT,
          {
            kind: 'wallet.credit',
            payload: { amount: n, description: `${label} #${n}` },
            customerRef: null,
            walletRef: walletIds[n % walletIds.length]!,
            currency: 'USD',
            summary: { key: 'walletCredit', values: { amount: n, currency: 'USD' } },
          },
          now,
          `obx_${label}_${n}`,
        ),
      );
    }
  })();
  return queued;
}

/**
 * Sends `items` as a console that crashed before hearing the answers did: the server applied them,
 * the outbox still holds them (to be replayed, under the same keys).
 */
export async function applyBehindTheOutbox(baseUrl: string, token: string, items: StoredIntent[]) {
  const client = createApiClient(baseUrl, token);
  for (let i = 0; i < items.length; i += 200) {
    const operations = items.slice(i, i + 200).map((item) => ({
      path: `/v1/wallets/${item.walletId}/credits`,
      idempotencyKey: item.idempotencyKey,
      body: item.payload,
    }));
    const { results } = await client.batch(operations);
    if (results.some((r) => r.status !== 201)) throw new Error(`not applied: ${JSON.stringify(results[0])}`);
  }
}

/** Passes until nothing is pending (or `passes` run out): the outbox drained as the engine would. */
export async function drain(c: Console, pusher = c.pusher(), passes = 5): Promise<void> {
  for (let pass = 0; pass < passes && c.outbox.counts(REPLAY_ACCOUNT).pending > 0; pass++) {
    await pusher.pushAll();
  }
}
