import { newId } from '../../shared/ids.js';
import type { CustomerView, OutboxItem, Session, SyncStatus, WalletView } from '../../shared/ipc-contract.js';
import { formatMoney, toDecimalString, type Currency } from '../../shared/money.js';
import type { CacheStore } from '../cache/cache-store.js';
import { LOCAL_PREFIX, type NewIntent, type OutboxStore } from '../outbox/outbox-store.js';
import type { SessionManager } from '../session/session-manager.js';
import type { SyncEngine } from '../sync/engine.js';
import { HandlerError, type Handlers } from './handle.js';
import { isAllowedExternalUrl } from './external-links.js';
import { createPaymentHandlers } from './payment-handlers.js';
import { checkStaffMovement, createMovementLimitHandlers } from './movement-limit-handlers.js';
import { createPaymentSettingsHandlers } from './payment-settings-handlers.js';
import { createUserHandlers } from './user-handlers.js';

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
}

const IDLE: SyncStatus = {
  state: 'idle',
  progress: null,
  lastSyncedAt: null,
  pendingCount: 0,
  rejectedCount: 0,
  error: null,
  rebuiltAt: null,
};

/** The handlers behind every channel of the IPC contract. */
export function createHandlers(d: HandlerDeps): Handlers {
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
  /**
   * A customer or wallet created offline is known by its local id until the server confirms it;
   * screens may still hold that id afterwards, so every id is followed to what it became.
   */
  const real = (id: string): string => d.outbox.resolve(id) ?? id;
  const pendingIntents = () => (d.session.signedIn() ? d.outbox.list(account()) : []);
  const enqueue = (
    intent: NewIntent,
    id = newId('transaction').replace(/^txn_/, 'obx_'),
    who: string = writer(),
  ): OutboxItem => {
    const item = d.outbox.enqueue(who, intent, d.now().toISOString(), id);
    d.engine()?.outboxChanged();
    const { idempotencyKey: _key, attempts: _attempts, ...view } = item;
    return view;
  };
  const walletFor = (id: string): { id: string; currency: Currency; customerId: string } => {
    const walletId = real(id);
    const cached = d.cache.wallet(walletId);
    if (cached) return cached;
    const queued = pendingIntents().find((i) => i.kind === 'wallet.create' && i.payload.localId === walletId);
    if (queued) return { id: walletId, currency: queued.currency!, customerId: queued.customerId! };
    throw new HandlerError(
      'not_found',
      'wallet not found (if it was just created, it is still syncing)',
      'walletId',
    );
  };
  /** A merchant credit or adjustment of a wallet, queued in the outbox with its summary in the wallet's currency. */
  const enqueueForWallet = (
    walletId: string,
    kind: 'wallet.top_up' | 'wallet.adjust',
    payload: { amount: number } & Record<string, unknown>,
    summary: (currency: Currency) => string,
    confirmed: boolean,
  ): OutboxItem => {
    const wallet = walletFor(walletId);
    writer();
    checkStaffMovement(d.cache, payload.amount, wallet.currency, confirmed);
    return enqueue({
      kind,
      payload,
      customerRef: wallet.customerId,
      walletRef: wallet.id,
      currency: wallet.currency,
      summary: summary(wallet.currency),
    });
  };
  const outboxView = () => pendingIntents().map(({ idempotencyKey: _k, attempts: _a, ...view }) => view);

  return {
    ...createPaymentHandlers({
      session: d.session,
      cache: d.cache,
      outbox: d.outbox,
      real,
      walletFor,
      enqueue: (who, intent, id) => enqueue(intent, id, who),
      pendingIntents,
      paymentsStored: d.paymentsStored,
      trustedOrigins: d.trustedOrigins,
    }),
    ...createPaymentSettingsHandlers({ session: d.session, real }),
    ...createMovementLimitHandlers({ session: d.session, cache: d.cache }),
    ...createUserHandlers({ session: d.session }),
    'session:get': () => d.session.get(),
    'session:connect': (args) => d.session.connect(args),
    'session:use-demo': () => d.session.useDemo(),
    'session:sign-out': () => d.session.signOut(),

    'sync:status': () => d.engine()?.getStatus() ?? IDLE,
    'sync:now': () => {
      const engine = d.engine();
      engine?.syncNow();
      return engine?.getStatus() ?? IDLE;
    },

    'wallets:list': (args) => {
      const customerId = args.customerId && real(args.customerId);
      const confirmed: WalletView[] = d.cache.wallets(customerId).map((w) => ({ ...w, pending: false }));
      const queued: WalletView[] = pendingIntents()
        .filter((i) => i.kind === 'wallet.create' && (!customerId || i.customerId === customerId))
        .map((i) =>
          pendingWallet(
            i,
            d.cache.customer(i.customerId ?? '')?.name ?? String(i.payload.customerName ?? ''),
          ),
        );
      return [...confirmed, ...queued];
    },
    'wallets:get': (args) => {
      const walletId = real(args.walletId);
      const wallet = d.cache.wallet(walletId);
      if (wallet) return { ...wallet, pending: false };
      const queued = pendingIntents().find(
        (i) => i.kind === 'wallet.create' && i.payload.localId === walletId,
      );
      return queued ? pendingWallet(queued, String(queued.payload.customerName ?? '')) : null;
    },
    'wallets:history': ({ offset, limit, ...filter }) =>
      d.cache.history({ ...filter, walletId: real(filter.walletId) }, { offset, limit }),
    'wallets:export-csv': (args) => {
      const filter = { ...args, walletId: real(args.walletId) };
      const lines = ['Date,Type,Amount,Currency,Status,Description,Reference,Balance after'];
      for (const t of d.cache.iterateHistory(filter)) {
        lines.push(
          [
            t.createdAt,
            t.type,
            toDecimalString(t.amount, t.currency),
            t.currency,
            t.status,
            t.description,
            t.reference ?? '',
            toDecimalString(t.balanceAfter, t.currency),
          ]
            .map(csvCell)
            .join(','),
        );
      }
      return {
        filename: `wallet-${filter.walletId}-${d.now().toISOString().slice(0, 10)}.csv`,
        csv: `${lines.join('\r\n')}\r\n`,
      };
    },
    'wallets:balance-history': ({ walletId, days }) => d.cache.balanceHistory(real(walletId), days, d.now()),
    'wallets:holds': ({ walletId }) => d.cache.holds(real(walletId)),
    'activity:recent': ({ limit }) => d.cache.recentActivity(limit),

    'customers:search': ({ query, offset, limit }) => {
      const { items, total } = d.cache.searchCustomers(query, offset, limit);
      const q = query.trim().toLowerCase();
      const queued: CustomerView[] =
        offset === 0
          ? pendingIntents()
              .filter((i) => i.kind === 'customer.create')
              .map(pendingCustomer)
              .filter((c) => [c.name, c.email, c.externalRef ?? ''].join('\n').toLowerCase().includes(q))
          : [];
      return {
        items: [...queued, ...items.map((c) => ({ ...c, pending: false }))],
        total: total + queued.length,
      };
    },
    'customers:get': (args) => {
      const customerId = real(args.customerId);
      const customer = d.cache.customer(customerId);
      if (customer) return { ...customer, pending: false };
      const queued = pendingIntents().find(
        (i) => i.kind === 'customer.create' && i.payload.localId === customerId,
      );
      return queued ? pendingCustomer(queued) : null;
    },
    'customers:create': ({ name, email, externalRef }) => {
      const localId = `${LOCAL_PREFIX}${newId('customer')}`;
      return enqueue({
        kind: 'customer.create',
        payload: { localId, name, email, ...(externalRef ? { externalRef } : {}) },
        customerRef: localId,
        walletRef: null,
        currency: null,
        summary: `Create customer ${name}`,
      });
    },
    'wallets:create': (args) => {
      const { currency } = args;
      const customerId = real(args.customerId);
      const customer =
        d.cache.customer(customerId) ??
        pendingIntents().find((i) => i.payload.localId === customerId && i.kind === 'customer.create');
      if (!customer) throw new HandlerError('not_found', 'customer not found', 'customerId');
      const name = 'name' in customer ? customer.name : String(customer.payload.name);
      const localId = `${LOCAL_PREFIX}${newId('wallet')}`;
      return enqueue({
        kind: 'wallet.create',
        payload: { localId, currency, customerName: name },
        customerRef: customerId,
        walletRef: localId,
        currency,
        summary: `Add a ${currency} wallet for ${name}`,
      });
    },
    'wallets:top-up': ({ walletId, amount, description, confirmed }) =>
      enqueueForWallet(
        walletId,
        'wallet.top_up',
        { amount, description },
        (currency) => `Add credit ${formatMoney(amount, currency)}`,
        confirmed === true,
      ),
    'wallets:adjust': ({ walletId, amount, reason, confirmed }) =>
      enqueueForWallet(
        walletId,
        'wallet.adjust',
        { amount, reason },
        (currency) => `Adjust by ${formatMoney(amount, currency, { signDisplay: 'always' })}: ${reason}`,
        confirmed === true,
      ),

    'outbox:list': () => outboxView(),
    'outbox:discard': ({ id }) => {
      const item = d.outbox.get(id);
      if (!item || item.state === 'sending')
        throw new HandlerError('not_found', 'no such queued change, or it is being sent', 'id');
      d.outbox.discard(id);
      d.engine()?.outboxChanged();
      return outboxView();
    },
    'outbox:retry': ({ id }) => {
      if (!d.outbox.get(id)) throw new HandlerError('not_found', 'no such queued change', 'id');
      d.outbox.markPending(id);
      d.engine()?.outboxChanged();
      return outboxView();
    },

    'links:open': async ({ url }) => {
      if (!isAllowedExternalUrl(url, d.trustedOrigins()))
        throw new HandlerError('forbidden', 'this link is not on the allow-list', 'url');
      return { opened: await d.openExternal(url) };
    },
  };
}

function pendingCustomer(i: OutboxItem): CustomerView {
  return {
    id: String(i.payload.localId),
    name: String(i.payload.name),
    email: String(i.payload.email),
    externalRef: i.payload.externalRef ? String(i.payload.externalRef) : null,
    createdAt: i.createdAt,
    updatedAt: i.createdAt,
    pending: true,
  };
}

function pendingWallet(i: OutboxItem, customerName: string): WalletView {
  return {
    id: String(i.payload.localId),
    customerId: i.customerId ?? '',
    customerName,
    currency: i.currency ?? 'USD',
    status: 'active',
    balance: 0,
    pendingCharges: 0,
    availableBalance: 0,
    createdAt: i.createdAt,
    updatedAt: i.createdAt,
    pending: true,
  };
}

/** RFC 4180: quote every cell; neutralise spreadsheet formulas in text cells. */
function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) && !/^-?\d/.test(value) ? `'${value}` : value;
  return `"${safe.replace(/"/g, '""')}"`;
}
