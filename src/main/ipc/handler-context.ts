import { newId } from '../../shared/ids.js';
import type { CacheTable, OutboxItem, QueuedItem, Session } from '../../shared/ipc-contract.js';
import type { Currency } from '../../shared/money.js';
import type { CacheStore } from '../cache/cache-store.js';
import type { DocumentHost } from '../files/document-host.js';
import type { HistoryExports } from '../exports/history-exports.js';
import type { SearchIndexer } from '../cache/search-indexer.js';
import type { NewIntent, OutboxStore, StoredIntent } from '../outbox/outbox-store.js';
import type { SessionManager } from '../session/session-manager.js';
import type { SyncEngine } from '../sync/engine.js';
import { HandlerError } from './handle.js';

export interface HandlerDeps {
  session: SessionManager;
  cache: CacheStore;
  outbox: OutboxStore;
  engine(): SyncEngine | null;
  openExternal(url: string): Promise<boolean>;
  now(): Date;
  /** Payments were stored outside the feed (the API's answer to a cancel or a lookup). */
  paymentsStored(): void;
  /** Origins besides the providers' hosts whose pages may be opened: the signed-in API's own. */
  trustedOrigins(): string[];
  /** Keeps the cache's search index up to date (search-indexer.ts). */
  searchIndexer: SearchIndexer;
  /** Cache tables a handler wrote outside the feed (alert settings saved online). */
  tablesChanged?(tables: CacheTable[]): void;
  /** Saving and opening files: Electron only (the browser host downloads instead). */
  documents?: DocumentHost | undefined;
  /** CSV exports of history running in the background (exports/history-exports.ts). */
  exports: HistoryExports;
}

/** What the per-domain handlers share: who is signed in, the local ids, and the outbox. */
export interface HandlerContext extends HandlerDeps {
  /** The signed-in account, or a `signed_out` refusal. */
  account(): string;
  /** The signed-in account if it may change things (reseller admins), or a `forbidden` refusal. */
  writer(): string;
  /**
   * A customer or wallet created offline is known by its local id until the server confirms it;
   * screens may still hold that id afterwards, so every id is followed to what it became.
   */
  real(id: string): string;
  /** The signed-in account's queued writes as the renderer sees them, oldest first (none when signed out). */
  pendingIntents(): OutboxItem[];
  /** Its queued writes of one kind. */
  queued<K extends OutboxItem['kind']>(kind: K): QueuedItem<K>[];
  /** Queues `intent` for `who` (by default the writer) and lets the sync engine know. */
  enqueue<I extends NewIntent>(intent: I, options?: { id?: string; who?: string }): QueuedItem<I['kind']>;
  /** A wallet in the cache, or one still queued for creation; else `not_found`. */
  walletFor(id: string): { id: string; currency: Currency; customerId: string };
}

/** What the renderer sees of a stored intent: not its idempotency key, nor its attempts. */
export function itemView({ idempotencyKey: _key, attempts: _attempts, ...view }: StoredIntent): OutboxItem {
  return view;
}

export function createHandlerContext(d: HandlerDeps): HandlerContext {
  const account = () => {
    const signedIn = d.session.signedIn();
    if (!signedIn) throw new HandlerError('signed_out', 'sign in first');
    return signedIn.account;
  };
  const writer = (): string => {
    const role: Session['role'] = d.session.get().role;
    if (role !== 'reseller_admin')
      throw new HandlerError('forbidden', 'this account can read but not change anything');
    return account();
  };
  const real = (id: string): string => d.outbox.resolve(id) ?? id;
  const pendingIntents = (): OutboxItem[] =>
    d.session.signedIn() ? d.outbox.list(account()).map(itemView) : [];
  const queued = <K extends OutboxItem['kind']>(kind: K): QueuedItem<K>[] =>
    pendingIntents().filter((i): i is QueuedItem<K> => i.kind === kind);
  return {
    ...d,
    account,
    writer,
    real,
    pendingIntents,
    queued,
    enqueue<I extends NewIntent>(intent: I, options: { id?: string; who?: string } = {}) {
      const id = options.id ?? newId('transaction').replace(/^txn_/, 'obx_');
      const who = options.who ?? writer();
      const item = d.outbox.enqueue(who, intent, d.now().toISOString(), id);
      d.engine()?.outboxChanged();
      // Read back through the stored-operation parser: what was just written is of `intent.kind`.
      return itemView(item) as QueuedItem<I['kind']>;
    },
    walletFor(id) {
      const walletId = real(id);
      const cached = d.cache.wallet(walletId);
      if (cached) return cached;
      const pending = queued('wallet.create').find((i) => i.payload.localId === walletId);
      if (pending) return { id: walletId, currency: pending.currency!, customerId: pending.customerId! };
      throw new HandlerError(
        'not_found',
        'wallet not found (if it was just created, it is still syncing)',
        'walletId',
        { key: 'wallet_not_found', values: {} },
      );
    },
  };
}
