import BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SyncStatus } from '../../shared/ipc-contract.js';
import type { ApiClient } from '../api/client.js';
import { cacheMigrations } from '../cache/cache-migrations.js';
import { CacheStore } from '../cache/cache-store.js';
import { migrate } from '../cache/migrate.js';
import { outboxMigrations } from '../outbox/outbox-migrations.js';
import { OutboxStore } from '../outbox/outbox-store.js';
import { customerCreateIntent, testCustomer, testWallet } from '../testing/handler-world.js';
import { SyncEngine } from './engine.js';
import { toFeedPage } from './feed-page.js';
import type { FeedReader } from './feed-reader.js';

/**
 * The pull asks for the next page of the feed while it writes the current one, yet still applies
 * pages one at a time, in order, each checked change by change and committed with its cursor.
 * Amounts are minor units of USD.
 */

const PAGE_SIZE = 3;
const transaction = (seq: number) => ({
  seq,
  entity: 'transaction',
  id: `txn_${seq}`,
  op: 'create',
  data: {
    id: `txn_${seq}`,
    walletId: 'wal_A',
    customerId: 'cus_1',
    type: 'top_up',
    amount: 100,
    balanceAfter: 100 * seq,
    currency: 'USD',
    status: 'completed',
    description: 'top-up',
    reference: null,
    relatedId: null,
    createdAt: '2025-01-01T00:00:00.000Z',
  },
});

let cacheDb: BetterSqlite3.Database;
let outboxDb: BetterSqlite3.Database;
let cache: CacheStore;
let engine: SyncEngine | null;
let outbox: OutboxStore;
/** What happened, in order: `ask N` (a page after cursor N requested), `apply N` (committed up to N). */
let log: string[];
let statuses: SyncStatus[];

beforeEach(() => {
  cacheDb = new BetterSqlite3(':memory:');
  migrate(cacheDb, cacheMigrations);
  outboxDb = new BetterSqlite3(':memory:');
  migrate(outboxDb, outboxMigrations);
  cache = new CacheStore(cacheDb);
  outbox = new OutboxStore(outboxDb);
  const apply = cache.applyPage.bind(cache);
  cache.applyPage = (page) => {
    log.push(`apply ${page.nextCursor}`);
    return apply(page);
  };
  log = [];
  statuses = [];
  engine = null;
});
afterEach(async () => {
  engine?.stop();
  await engine?.idle();
  cacheDb.close();
  outboxDb.close();
});

/** A feed of `feed` changes served PAGE_SIZE at a time; `answer` may replace a page's answer. */
function startEngine(
  feed: unknown[],
  answer?: (cursor: number, page: unknown) => Promise<unknown>,
  more: Partial<ApiClient> = {},
  reader?: (client: ApiClient) => FeedReader,
) {
  const client = {
    ...more,
    changes: async (cursor: number) => {
      log.push(`ask ${cursor}`);
      const start = feed.findIndex((c) => (c as { seq: number }).seq > cursor);
      const changes = start < 0 ? [] : feed.slice(start, start + PAGE_SIZE);
      const page = {
        changes,
        nextCursor: (changes.at(-1) as { seq: number } | undefined)?.seq ?? cursor,
        hasMore: start >= 0 && start + PAGE_SIZE < feed.length,
      };
      return answer ? answer(cursor, page) : page;
    },
    // No live stream in these tests: it stays open until the engine stops.
    stream: (signal: AbortSignal) =>
      new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve())),
  } as unknown as ApiClient;
  engine = new SyncEngine({
    cache,
    outbox,
    account: 'acct',
    client,
    ...(reader ? { feed: reader(client) } : {}),
    onStatus: (status) => statuses.push(status),
    onTablesChanged: () => undefined,
  });
  engine.start();
  return engine;
}

describe('pulling the change feed', () => {
  it('asks for the next page before writing the current one, and writes pages in order', async () => {
    const feed = Array.from({ length: 10 }, (_, i) => transaction(i + 1));
    await startEngine(feed).idle();
    expect(log).toEqual(['ask 0', 'ask 3', 'apply 3', 'ask 6', 'apply 6', 'ask 9', 'apply 9', 'apply 10']);
    expect(cache.cursor()).toBe(10);
    expect(cache.history({ walletId: 'wal_A' }, { offset: 0, limit: 20 }).total).toBe(10);
    expect(statuses.at(-1)).toMatchObject({ state: 'offline', error: null, progress: null });
  });

  it('refuses a page holding an invalid change, keeping everything before it', async () => {
    const feed = Array.from({ length: 9 }, (_, i) => transaction(i + 1));
    feed[4]!.data.amount = 1.5 as number;
    await startEngine(feed).idle();
    expect(cache.cursor()).toBe(3);
    expect(cache.history({ walletId: 'wal_A' }, { offset: 0, limit: 20 }).total).toBe(3);
    expect(statuses.at(-1)).toMatchObject({ state: 'offline' });
    expect(statuses.at(-1)?.error).toMatch(/invalid transaction \(txn_5\)/);
  });

  it('drops a page asked for ahead when the one before it fails, without an unhandled rejection', async () => {
    const feed = Array.from({ length: 9 }, (_, i) => transaction(i + 1));
    feed[1]!.data.currency = 'XXX';
    await startEngine(feed, async (cursor, page) => {
      if (cursor === 3) throw new Error('connection reset');
      return page;
    }).idle();
    // Give a stray rejection the chance to surface before the test ends.
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(cache.cursor()).toBe(0);
    expect(statuses.at(-1)?.error).toMatch(/invalid transaction \(txn_2\)/);
  });
});

describe('rebuilding the cache while a pull is under way', () => {
  it('lets the pull finish, then pulls the whole feed again from position 0', async () => {
    const feed: unknown[] = Array.from({ length: 6 }, (_, i) => transaction(i + 1));
    let held: (() => void) | null = null;
    let holds = 1;
    const started = startEngine(feed, async (cursor, page) => {
      if (cursor !== 6 || feed.length === 6 || holds-- === 0) return page;
      // The pull after the first one waits here until the rebuild has been asked for.
      await new Promise<void>((resolve) => (held = resolve));
      return page;
    });
    await started.idle();
    feed.push(transaction(7), transaction(8), transaction(9));
    started.syncNow();
    await expect.poll(() => held).not.toBeNull();
    const rebuilt = started.rebuildCache();
    held!();
    await rebuilt;
    // The page fetched from the old cursor did not leave its cursor over the reset one: every row is back.
    expect(log.slice(log.indexOf('ask 6'))).toEqual([
      'ask 6',
      'apply 9',
      'ask 0',
      'ask 3',
      'apply 3',
      'ask 6',
      'apply 6',
      'apply 9',
    ]);
    expect(cache.cursor()).toBe(9);
    expect(cache.history({ walletId: 'wal_A' }, { offset: 0, limit: 20 }).total).toBe(9);
  });
});

describe('pulling while queued writes are on their way', () => {
  it('writes a page only once the batch the server may have committed is recorded: a new customer is never listed twice', async () => {
    // Created offline: listed from the outbox (pending sync) until its creation is confirmed.
    outbox.enqueue('acct', customerCreateIntent(), '2025-01-01T00:00:00.000Z', 'obx_1');
    const created = testCustomer({ id: 'cus_9', name: 'Lan', email: 'lan@example.com' });
    const feed: unknown[] = [];
    // The server commits the customer (its feed holds it from then on); the batch's answer is late.
    let answer: (() => void) | null = null;
    const batch = () => {
      feed.push({ seq: 1, entity: 'customer', id: 'cus_9', op: 'create', data: created });
      return new Promise((resolve) => {
        answer = () => resolve({ results: [{ status: 201, body: created }] });
      });
    };
    const started = startEngine(feed, undefined, { batch } as unknown as Partial<ApiClient>);
    await expect.poll(() => answer).not.toBeNull();
    // The live stream says the feed has news: the pull reads the page holding the customer.
    const asked = log.length;
    started.syncNow();
    await expect.poll(() => log.slice(asked)).toContain('ask 0');
    // Give the pull every chance to write the page it has.
    await new Promise((resolve) => setImmediate(resolve));
    expect(log).not.toContain('apply 1');
    expect(outbox.get('obx_1')).not.toBeNull();

    answer!();
    await started.idle();
    expect(log.at(-1)).toBe('apply 1');
    expect(outbox.get('obx_1')).toBeNull();
    expect(outbox.resolve('local_cus_1')).toBe('cus_9');
  });

  it('has a reader that writes ledger rows itself wait for the batch too: a queued credit never shows twice', async () => {
    // Queued offline: shown from the outbox (pending sync) until its answer is recorded.
    outbox.enqueue(
      'acct',
      {
        kind: 'wallet.credit',
        payload: { amount: 100, description: 'top-up' },
        customerRef: 'cus_1',
        walletRef: 'wal_A',
        currency: 'USD',
        summary: { key: 'walletCredit', values: { amount: 100, currency: 'USD' } },
      },
      '2025-01-01T00:00:00.000Z',
      'obx_1',
    );
    const feed: unknown[] = [];
    let answer: (() => void) | null = null;
    const batch = () => {
      feed.push(transaction(1));
      return new Promise((resolve) => {
        const credited = {
          transaction: transaction(1).data,
          wallet: testWallet({ id: 'wal_A', balance: 100 }),
        };
        answer = () => resolve({ results: [{ status: 201, body: credited }] });
      });
    };
    // Writes a page's ledger rows as soon as it may, as the feed worker does (feed-worker.ts).
    const rowsWritten: number[] = [];
    const writesItself = (client: ApiClient): FeedReader => ({
      page: async (cursor, limit, beforeWrite) => {
        const page = toFeedPage(await client.changes(cursor, limit));
        await beforeWrite?.();
        rowsWritten.push(...page.transactions.map(([seq]) => seq));
        return { ...page, transactions: [], ledgerRowsWritten: page.transactions.length };
      },
      close: async () => {},
    });
    const started = startEngine(feed, undefined, { batch } as unknown as Partial<ApiClient>, writesItself);
    await expect.poll(() => answer).not.toBeNull();
    const asked = log.length;
    started.syncNow();
    await expect.poll(() => log.slice(asked)).toContain('ask 0');
    await new Promise((resolve) => setImmediate(resolve));
    expect(rowsWritten).toEqual([]);
    expect(outbox.get('obx_1')).not.toBeNull();

    answer!();
    await started.idle();
    expect(rowsWritten).toEqual([1]);
    expect(outbox.get('obx_1')).toBeNull();
  });
});
