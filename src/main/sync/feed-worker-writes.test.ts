import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi, type TestApi } from '../../../test/support/api.js';
import { createReseller, customerWithWallet } from '../../../test/support/tenant-over-http.js';
import { createApiClient, type ApiClient } from '../api/client.js';
import { cacheMigrations } from '../cache/cache-migrations.js';
import { CacheStore } from '../cache/cache-store.js';
import { openLocalDatabase } from '../cache/open-database.js';
import { inThreadFeedReader, workerFeedReader, type FeedReader } from './feed-reader.js';
import type { FeedPage } from './feed-page.js';

/** Ledger rows as a history screen reads them: in feed order, with their places in their wallet. */
const ledgerOf = (cache: CacheStore) =>
  cache.db
    .prepare(
      'select seq, id, wallet_id, ordinal, type, type_ordinal, amount, balance_after from transactions order by seq',
    )
    .all();

describe('the feed worker writes ledger rows into the cache itself', () => {
  let api: TestApi;
  let client: ApiClient;
  let dir: string;
  const readers: FeedReader[] = [];
  const caches: CacheStore[] = [];
  beforeAll(async () => {
    api = await startApi('sqlite', { listen: true });
    const { apiKey } = await createReseller(api.baseUrl, 'Worker Writes Reseller');
    client = createApiClient(api.baseUrl, apiKey);
    // Two wallets whose movements take turns, credits and debits: each row's place in its wallet,
    // and among its wallet's rows of one type, is counted across pages.
    const wallets = [
      await customerWithWallet(api.baseUrl, apiKey, { name: 'Ana', balance: 5_000 }),
      await customerWithWallet(api.baseUrl, apiKey, { name: 'Bao', balance: 5_000 }),
    ];
    await client.batch(
      Array.from({ length: 24 }, (_, n) => {
        const { walletId } = wallets[n % 2]!;
        const kind = n % 3 === 0 ? 'debits' : 'credits';
        return {
          path: `/v1/wallets/${walletId}/${kind}`,
          idempotencyKey: `worker-writes-${n}`,
          body: { amount: 100 + n, description: `Movement ${n}` },
        };
      }),
    );
    dir = mkdtempSync(join(tmpdir(), 'feed-worker-writes-'));
  });
  afterAll(async () => {
    for (const reader of readers) reader.close();
    for (const cache of caches) cache.db.close();
    await api.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const newCache = (name: string) => {
    const file = join(dir, name, 'cache.sqlite');
    const cache = new CacheStore(openLocalDatabase(file, cacheMigrations, { rebuildable: true }).db);
    caches.push(cache);
    return { file, cache };
  };
  const reader = (make: () => FeedReader) => {
    const made = make();
    readers.push(made);
    return made;
  };
  /** Pulls the whole feed into `cache` as the engine does: the next page asked for before this one is applied. */
  async function pullAll(feed: FeedReader, cache: CacheStore, limit: number): Promise<FeedPage[]> {
    const pages: FeedPage[] = [];
    let next = feed.page(0, limit);
    for (;;) {
      const page = await next;
      pages.push(page);
      if (page.hasMore) next = feed.page(page.nextCursor, limit);
      cache.applyPage(page);
      if (!page.hasMore) return pages;
    }
  }

  it('pages arrive without their ledger rows, and the cache holds the same history as one written here', async () => {
    const here = newCache('here');
    const there = newCache('there');
    const fromWorker = reader(() =>
      workerFeedReader(client, { cache: { file: there.file, lease: there.cache.leaseLedgerWrites() } }),
    );

    // Small pages: many of them, each asked for while the worker writes the one before.
    const pages = await pullAll(fromWorker, there.cache, 5);
    await pullAll(inThreadFeedReader(client), here.cache, 5);

    expect(pages.length).toBeGreaterThan(5);
    expect(pages.flatMap((p) => p.transactions)).toEqual([]);
    const history = ledgerOf(here.cache);
    expect(history.length).toBe(26);
    expect(pages.reduce((sum, p) => sum + (p.ledgerRowsWritten ?? 0), 0)).toBe(history.length);
    expect(ledgerOf(there.cache)).toEqual(history);
    expect(there.cache.cursor()).toBe(here.cache.cursor());
  });

  it("writes a page's ledger rows only once beforeWrite resolves, then hands the page over", async () => {
    const { file, cache } = newCache('gated');
    const feed = reader(() =>
      workerFeedReader(client, { cache: { file, lease: cache.leaseLedgerWrites() } }),
    );
    // The sync engine's wait for a queued credit's answer to be recorded, held open here.
    let recorded!: () => void;
    let asked = 0;
    const beforeWrite = () => {
      asked++;
      return new Promise<void>((resolve) => (recorded = resolve));
    };
    let handedOver = false;
    const page = feed.page(0, 500, beforeWrite).then((arrived) => {
      handedOver = true;
      return arrived;
    });

    // The page is here and checked: only the wait stands between its rows and the cache.
    await expect.poll(() => asked).toBe(1);
    expect(ledgerOf(cache)).toEqual([]);
    expect(handedOver).toBe(false);

    recorded();
    expect(await page).toMatchObject({ transactions: [], ledgerRowsWritten: 26 });
    expect(ledgerOf(cache)).toHaveLength(26);
  });

  it('a worker whose lease was taken or cleared writes nothing and hands the rows back', async () => {
    const { file, cache } = newCache('taken');
    const stale = reader(() =>
      workerFeedReader(client, { cache: { file, lease: cache.leaseLedgerWrites() } }),
    );
    // Another engine's reader, say after signing in again: the first one's lease ends.
    const current = cache.leaseLedgerWrites();

    const handedBack = await stale.page(0, 500);
    expect(handedBack.transactions).toHaveLength(26);
    expect(handedBack.ledgerRowsWritten).toBeUndefined();
    expect(ledgerOf(cache)).toEqual([]);

    // A rebuild keeps the lease (the same pull goes on); clearing the cache for another account ends it.
    cache.rebuild();
    const writer = reader(() => workerFeedReader(client, { cache: { file, lease: current } }));
    expect(await writer.page(0, 500)).toMatchObject({ transactions: [], ledgerRowsWritten: 26 });
    expect(ledgerOf(cache)).toHaveLength(26);
    cache.clear();
    expect((await writer.page(0, 500)).transactions).toHaveLength(26);
    expect(ledgerOf(cache)).toEqual([]);
  });
});
