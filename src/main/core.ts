import { EventEmitter } from 'node:events';
import { join } from 'node:path';
import type { CacheTable, EventName, EventPayload, Session, SyncStatus } from '../shared/ipc-contract.js';
import { cacheMigrations } from './cache/cache-migrations.js';
import { WalCheckpointer } from './cache/wal-checkpointer.js';
import { CacheStore } from './cache/cache-store.js';
import { SearchIndexer } from './cache/search-indexer.js';
import { openLocalDatabase } from './cache/open-database.js';
import { createDispatcher } from './ipc/handle.js';
import { trustedApiOrigin } from './ipc/external-links.js';
import { createHandlers } from './ipc/handlers.js';
import { rememberMovementLimits } from './ipc/movement-limit-handlers.js';
import { outboxMigrations } from './outbox/outbox-migrations.js';
import { OutboxStore } from './outbox/outbox-store.js';
import type { SecretStore } from './session/secret-store.js';
import { SessionManager, type SignedIn } from './session/session-manager.js';
import { FirstScreen } from './session/first-screen.js';
import { workerFeedReader } from './sync/feed-reader.js';
import { SyncEngine } from './sync/engine.js';
import { paymentNotice } from './sync/payment-notice.js';
import type { FinishedPayment } from './cache/cache-store.js';
import type { DocumentHost } from './files/document-host.js';
import { HistoryExports } from './exports/history-exports.js';

export interface DesktopCoreOptions {
  dataDir: string;
  secrets: SecretStore;
  openExternal(url: string): Promise<boolean>;
  /** Electron: save and open documents (invoice PDFs) on this machine. */
  documents?: DocumentHost;
  now?: () => Date;
  log?: (message: string, error?: unknown) => void;
  /** How long start-up work waits for the renderer's first screen (default FIRST_SCREEN_WAIT_MS). */
  firstScreenWaitMs?: number;
}

export type CoreEvents = { [E in EventName]: [EventPayload<E>] };

/**
 * The main-process services, independent of Electron: local cache, outbox, session, sync engine and
 * the IPC handlers. Electron (index.ts) and the browser host (browser-host.ts) both carry its
 * `dispatch` and `events` to a renderer.
 */
export async function createDesktopCore<S>(
  options: DesktopCoreOptions,
  isTrustedSender: (sender: S) => boolean,
) {
  const now = options.now ?? (() => new Date());
  const log = options.log ?? ((message, error) => console.error(message, error));
  const events = new EventEmitter<CoreEvents>();
  const cacheFile = join(options.dataDir, 'cache.sqlite');
  const cacheDb = openLocalDatabase(cacheFile, cacheMigrations, { rebuildable: true });
  const outboxDb = openLocalDatabase(join(options.dataDir, 'outbox.sqlite'), outboxMigrations, {
    rebuildable: false,
  });
  if (cacheDb.setAside)
    log(
      `local cache was ${cacheDb.setAside.reason}; moved to ${cacheDb.setAside.path} and rebuilt from the server`,
    );
  if (outboxDb.setAside)
    log(`outbox was ${outboxDb.setAside.reason}; kept at ${outboxDb.setAside.path} for recovery`);
  const cache = new CacheStore(cacheDb.db);
  const checkpointer = new WalCheckpointer(cacheFile, log);
  const outbox = new OutboxStore(outboxDb.db);
  let engine: SyncEngine | null = null;

  /** Start-up work the first screen does not need waits for it (FirstScreen), from now on. */
  const firstScreen = new FirstScreen();
  firstScreen.wait(options.firstScreenWaitMs);
  const searchIndexer = new SearchIndexer(cache.search, {
    onCaughtUp: () => events.emit('cache:tables-changed', { tables: ['search'] }),
    log,
    notBefore: firstScreen.opened,
  });
  const emitTables = (tables: CacheTable[]) => {
    checkpointer.wrote();
    searchIndexer.written();
    events.emit('cache:tables-changed', { tables });
  };
  /**
   * A top-up reached its end: tell the renderer (and, through index.ts, the system) about the ones
   * this console started, and, for a customer, any of their own that it had seen under way. Never,
   * to a customer, one no longer theirs: a held payment whose money staff applied to another
   * customer's wallet ends paid, as that customer's (the API's payment-reviews/apply.ts).
   */
  const paymentsFinished = (finished: FinishedPayment[]) => {
    const { role, customerId } = session.get();
    for (const { payment, previous } of finished) {
      if (role === 'customer' && payment.customerId !== customerId) continue;
      const ours = outbox.startedPayment(payment.id) || (role === 'customer' && previous !== null);
      if (!ours) continue;
      const invoice = payment.invoiceId === null ? null : cache.invoice(payment.invoiceId);
      events.emit('payments:status-changed', paymentNotice(payment, cache.wallet(payment.walletId), invoice));
    }
  };
  /**
   * A language chosen while offline (or before this sign-in) reaches the server once it answers.
   * Not tracked: it touches neither database, and a stop should not wait for its request.
   */
  const sendLanguage = () => void session.sendLanguage();
  const onSession = (session: Session, signedIn: SignedIn | null) => {
    // Its feed worker may still be closing: the lease taken below stops it writing (feed-protocol.ts).
    void engine?.stop();
    engine = null;
    if (signedIn) {
      // The cache holds one account's view; another account starts from an empty one.
      if (cache.getMeta('account') !== signedIn.account) {
        cache.clear();
        cache.setMeta('account', signedIn.account);
      }
    }
    // Resumed from the cache while the API loads: the real sign-in follows, and sync starts then.
    if (signedIn && !signedIn.connecting) {
      engine = new SyncEngine({
        cache,
        outbox,
        account: signedIn.account,
        client: signedIn.client,
        feed: workerFeedReader(signedIn.client, {
          log,
          cache: { file: cacheFile, lease: cache.leaseLedgerWrites() },
        }),
        now,
        onStatus: (status: SyncStatus) => events.emit('sync:status-changed', status),
        onTablesChanged: emitTables,
        onConfirmed: (itemIds) => events.emit('outbox:confirmed', { itemIds: [...itemIds] }),
        onPaymentsFinished: paymentsFinished,
        onAlerts: (alerts) => {
          for (const alert of alerts)
            if (alert.channels.includes('desktop')) events.emit('alerts:fired', alert);
        },
        onOnline: sendLanguage,
      });
      engine.start();
      if (session.role === 'reseller_admin' || session.role === 'support_agent')
        void track(rememberMovementLimits(cache, signedIn.client, signedIn.account));
    }
    events.emit('session:changed', session);
    emitTables(['session', 'customers', 'wallets', 'transactions', 'holds', 'payments', 'outbox']);
  };
  /** The signed-in API's own origin: its hosted pages (the sandbox checkout) may be opened. */
  const trustedOrigins = (): string[] => {
    const origin = trustedApiOrigin(session.get().apiUrl);
    return origin ? [origin] : [];
  };
  const session = new SessionManager({
    dataDir: options.dataDir,
    secrets: options.secrets,
    firstScreen,
    onChanged: onSession,
    log,
  });
  const exports = new HistoryExports({
    cache,
    downloadsDir: join(options.dataDir, 'exports'),
    onProgress: (progress) => events.emit('exports:progress', progress),
    log,
  });
  const handlers = createHandlers({
    session,
    cache,
    outbox,
    engine: () => engine,
    openExternal: options.openExternal,
    documents: options.documents,
    now,
    paymentsStored: () => {
      emitTables(['payments']);
      paymentsFinished(cache.takeFinishedPayments());
    },
    trustedOrigins,
    searchIndexer,
    tablesChanged: emitTables,
    exports,
  });
  const dispatchNow = createDispatcher<S>(handlers, isTrustedSender, log);
  /**
   * Work under way that writes the cache or the outbox: IPC calls, and background reads that store
   * what they bring. Stopping waits for it, so no write meets a closed database half-way.
   */
  const inFlight = new Set<Promise<unknown>>();
  const track = <T>(work: Promise<T>): Promise<T> => {
    inFlight.add(work);
    const done = () => inFlight.delete(work);
    work.then(done, done);
    return work;
  };
  let stopping: Promise<void> | null = null;
  const dispatch: typeof dispatchNow = (sender, channel, input) => {
    // Stopping: no new work. The renderer sees a refusal rather than a call that never ends.
    if (stopping)
      return Promise.resolve({
        ok: false,
        error: { code: 'shutting_down', message: 'the console is closing' },
      });
    return track(dispatchNow(sender, channel, input));
  };

  return {
    dispatch,
    events,
    session,
    cache,
    outbox,
    engine: () => engine,
    trustedOrigins,
    /** CSV exports under way; the browser host serves finished downloads from here. */
    exports,
    /** Resumes the last session (or starts the demo) and begins syncing. */
    start: () => session.start(),
    /**
     * Closes the core cleanly (a quit, or SIGTERM): takes no new IPC call, lets the calls under way
     * finish (a write queued to the outbox is on disk, or was never acknowledged), stops the sync
     * engine after the page it is writing and the send it is waiting for (its answer is recorded, so
     * it is not sent again), then closes both databases (WAL checkpointed). Safe to call twice.
     */
    stop(): Promise<void> {
      stopping ??= (async () => {
        // A call waiting for a demo API that was not started yet is refused now, not after it loads.
        session.closing();
        while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
        await exports.stop();
        const stopped = engine;
        engine = null;
        const closed = stopped?.stop();
        await stopped?.idle();
        await closed;
        searchIndexer.stop();
        while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
        await session.stop();
        await checkpointer.close();
        cacheDb.db.close();
        outboxDb.db.close();
      })();
      return stopping;
    },
  };
}

export type DesktopCore<S = unknown> = Awaited<ReturnType<typeof createDesktopCore<S>>>;
