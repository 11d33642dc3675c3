/**
 * Test fixtures for the desktop core: in-memory cache and outbox databases, the records the feed
 * brings, and the real IPC handlers over them with a fake API client. Imported by tests only.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DocumentHost } from '../files/document-host.js';
import { HistoryExports } from '../exports/history-exports.js';
import { SearchIndexer } from '../cache/search-indexer.js';
import BetterSqlite3 from 'better-sqlite3';
import type { Customer } from '../../shared/api/customers.js';
import type { EntityChange } from '../../shared/api/sync.js';
import type { Wallet } from '../../shared/api/wallets.js';
import type { ExportProgress, Session } from '../../shared/ipc-contract.js';
import { TEST_NOW } from '../../shared/testing/records.js';
import type { ApiClient } from '../api/client.js';
import { cacheMigrations } from '../cache/cache-migrations.js';
import { CacheStore } from '../cache/cache-store.js';
import { migrate } from '../cache/migrate.js';
import { createDispatcher } from '../ipc/handle.js';
import { createHandlers } from '../ipc/handlers.js';
import { outboxMigrations } from '../outbox/outbox-migrations.js';
import { OutboxStore, type NewIntent } from '../outbox/outbox-store.js';
import type { SessionManager } from '../session/session-manager.js';
import { SyncEngine } from '../sync/engine.js';
import { feedPage } from '../sync/feed-page.js';

export const TEST_ACCOUNT = 'http://127.0.0.1:1|rsl_1|key_1';
export { TEST_NOW, testCustomer, testPayment, testWallet } from '../../shared/testing/records.js';

/** Creations of `records` as the feed brings them, numbered from 1. */
export function created(...records: Array<{ entity: 'customer' | 'wallet'; data: Customer | Wallet }>) {
  return records.map(
    ({ entity, data }, i) => ({ seq: i + 1, id: data.id, op: 'create', entity, data }) as EntityChange,
  );
}

/** An empty, migrated cache over an in-memory database. */
/** A customer created offline as the Customers screen queues it: Lan, under local id `localId`. */
export function customerCreateIntent(localId = 'local_cus_1'): NewIntent {
  return {
    kind: 'customer.create',
    payload: { localId, name: 'Lan', email: 'lan@example.com' },
    customerRef: localId,
    walletRef: null,
    currency: null,
    summary: { key: 'customerCreate', values: { name: 'Lan' } },
  };
}

export function memoryCache(): { db: BetterSqlite3.Database; cache: CacheStore } {
  const db = new BetterSqlite3(':memory:');
  migrate(db, cacheMigrations);
  return { db, cache: new CacheStore(db) };
}

/** An empty, migrated outbox over an in-memory database. */
export function memoryOutbox(): { db: BetterSqlite3.Database; outbox: OutboxStore } {
  const db = new BetterSqlite3(':memory:');
  migrate(db, outboxMigrations);
  return { db, outbox: new OutboxStore(db) };
}

/**
 * The real handlers over an in-memory cache (holding `changes`) and outbox, signed in as `role`
 * with a fake API client; only the `main-window` sender is trusted.
 */
export function handlerWorld(
  role: Session['role'],
  options: {
    client?: Partial<ApiClient>;
    changes?: EntityChange[];
    trustedOrigins?: string[];
    documents?: DocumentHost;
    /** Rows an export reads at a time (small, to see several progress events over a few rows). */
    exportPageRows?: number;
    /** The signed-in customer, for a `customer` session. */
    customerId?: string;
  } = {},
) {
  const client = options.client ?? {};
  const { db: cacheDb, cache } = memoryCache();
  const { db: outboxDb, outbox } = memoryOutbox();
  const changes = options.changes ?? [];
  if (changes.length > 0) cache.applyPage(feedPage(changes, changes.length));
  const session = {
    signedIn: () => ({ account: TEST_ACCOUNT, client: client as ApiClient }),
    get: () =>
      ({
        role,
        apiUrl: 'http://127.0.0.1:1',
        ...(options.customerId ? { customerId: options.customerId } : {}),
      }) as Session,
  } as unknown as SessionManager;
  let engine: SyncEngine | null = null;
  const stored: string[] = [];
  const progress: ExportProgress[] = [];
  const progressListeners = new Set<(p: ExportProgress) => void>();
  const exportsDir = mkdtempSync(join(tmpdir(), 'rc-exports-'));
  const exports = new HistoryExports({
    cache,
    downloadsDir: join(exportsDir, 'downloads'),
    onProgress: (p) => {
      progress.push(p);
      for (const listener of progressListeners) listener(p);
    },
    ...(options.exportPageRows ? { pageRows: options.exportPageRows } : {}),
  });
  const handlers = createHandlers({
    session,
    cache,
    outbox,
    engine: () => engine,
    openExternal: async () => true,
    now: () => new Date(TEST_NOW),
    paymentsStored: () => stored.push('payments'),
    trustedOrigins: () => options.trustedOrigins ?? [],
    searchIndexer: new SearchIndexer(cache.search, { onCaughtUp: () => undefined, log: () => undefined }),
    documents: options.documents,
    exports,
  });
  const dispatch = createDispatcher(handlers, (sender: string) => sender === 'main-window');
  return {
    cache,
    outbox,
    /** The outbox's database, to write rows as an earlier version stored them. */
    outboxDb,
    /** Each time the handlers said payments were stored outside the feed. */
    stored,
    /** CSV exports, and every `exports:progress` event they sent; a folder of this world's own. */
    exports,
    progress,
    exportsDir,
    /** The next `exports:progress` event that satisfies `test`. */
    nextProgress(test: (p: ExportProgress) => boolean): Promise<ExportProgress> {
      return new Promise((resolve) => {
        const listener = (p: ExportProgress) => {
          if (!test(p)) return;
          progressListeners.delete(listener);
          resolve(p);
        };
        progressListeners.add(listener);
      });
    },
    call: (channel: string, input: unknown, sender = 'main-window') => dispatch(sender, channel, input),
    /** A sync engine whose live stream stays silent and whose feed has nothing new: only the outbox has work. */
    startEngine() {
      engine = new SyncEngine({
        cache,
        outbox,
        account: TEST_ACCOUNT,
        client: {
          ...client,
          stream: () => new Promise(() => undefined),
          changes: async () => ({ changes: [], nextCursor: 1, hasMore: false }),
        } as unknown as ApiClient,
        onStatus: () => undefined,
        onTablesChanged: () => undefined,
      });
      engine.start();
      return engine;
    },
    close() {
      engine?.stop();
      rmSync(exportsDir, { recursive: true, force: true });
      cacheDb.close();
      outboxDb.close();
    },
  };
}
