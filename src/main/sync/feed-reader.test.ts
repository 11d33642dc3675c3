import { Worker } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi, type TestApi } from '../../../test/support/api.js';
import { createReseller, customerWithWallet } from '../../../test/support/tenant-over-http.js';
import { ApiError, createApiClient, type ApiClient } from '../api/client.js';
import { inThreadFeedReader, workerFeedReader, type FeedReader } from './feed-reader.js';

/** A client that counts the feed pages fetched on this thread. */
function counting(client: ApiClient) {
  const counted = { ...client, fetchedHere: 0 };
  counted.changes = (cursor, limit) => {
    counted.fetchedHere++;
    return client.changes(cursor, limit);
  };
  return counted;
}

describe('feed reader', () => {
  let api: TestApi;
  let apiKey: string;
  const readers: FeedReader[] = [];
  beforeAll(async () => {
    api = await startApi('sqlite', { listen: true });
    ({ apiKey } = await createReseller(api.baseUrl, 'Feed Reseller'));
    for (const name of ['Ann', 'Bo', 'Cy'])
      await customerWithWallet(api.baseUrl, apiKey, { name, balance: 1_234 });
  });
  afterAll(async () => {
    for (const reader of readers) reader.close();
    await api.close();
  });
  const reader = (make: () => FeedReader) => {
    const made = make();
    readers.push(made);
    return made;
  };

  it('reads, parses and checks pages in a worker thread: the same pages as on this thread', async () => {
    const client = counting(createApiClient(api.baseUrl, apiKey));
    const logged: string[] = [];
    const inWorker = reader(() => workerFeedReader(client, { log: (message) => logged.push(message) }));
    const here = inThreadFeedReader(createApiClient(api.baseUrl, apiKey));
    const pages = await Promise.all([inWorker.page(0, 4), inWorker.page(4, 500)]);
    expect(pages).toEqual([await here.page(0, 4), await here.page(4, 500)]);
    expect(pages[0]).toMatchObject({ hasMore: true, nextCursor: 4 });
    const amounts = pages.flatMap((page) => page.transactions.map((t) => t[5]));
    expect(amounts).toEqual([1_234, 1_234, 1_234]);
    expect(pages[1]!.entities.map((c) => c.entity)).toContain('customer');
    expect(client.fetchedHere).toBe(0);
    expect(logged).toEqual([]);
  });

  it('hands over a page larger than one message whole and in order, as read on this thread', async () => {
    // A second reseller, so the first tests' pages stay as they are.
    const { apiKey: key } = await createReseller(api.baseUrl, 'Busy Feed Reseller');
    const { walletId } = await customerWithWallet(api.baseUrl, key, { name: 'Dee', balance: 0 });
    const client = createApiClient(api.baseUrl, key);
    const credits = Array.from({ length: 1_200 }, (_, n) => ({
      path: `/v1/wallets/${walletId}/credits`,
      idempotencyKey: `feed-part-${n}`,
      body: { amount: n + 1, description: `Credit ${n + 1}` },
    }));
    for (let i = 0; i < credits.length; i += 600) await client.batch(credits.slice(i, i + 600));
    const inWorker = reader(() => workerFeedReader(client));
    const page = await inWorker.page(0, 5_000);
    expect(page).toEqual(await inThreadFeedReader(client).page(0, 5_000));
    expect(page.transactions.map((t) => t[5])).toEqual(credits.map((_, n) => n + 1));
    expect(page.hasMore).toBe(false);
  });

  it("carries the API's refusal across the thread as the same ApiError", async () => {
    const refused = reader(() => workerFeedReader(createApiClient(api.baseUrl, 'rs_not-a-key')));
    const error = await refused.page(0, 10).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 401, code: 'unauthorized', permanent: false });
  });

  it('falls back to this thread when the worker cannot run, and says so once', async () => {
    const client = counting(createApiClient(api.baseUrl, apiKey));
    const logged: string[] = [];
    const broken = reader(() =>
      workerFeedReader(client, {
        log: (message) => logged.push(message),
        spawn: () => new Worker('throw new Error("no worker here")', { eval: true }),
      }),
    );
    const first = await broken.page(0, 500);
    const second = await broken.page(first.nextCursor, 500);
    expect(first.transactions).toHaveLength(3);
    expect(second).toMatchObject({ entities: [], transactions: [], hasMore: false });
    expect(client.fetchedHere).toBe(2);
    expect(logged).toHaveLength(1);
  });
});
