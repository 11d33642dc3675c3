import { newId } from '../../shared/ids.js';
import type { QueuedItem, WalletView } from '../../shared/ipc-contract.js';
import { LOCAL_PREFIX } from '../outbox/outbox-store.js';
import { HandlerError, type Handlers } from './handle.js';
import type { HandlerContext } from './handler-context.js';
import { checkStaffMovement } from './movement-limit-handlers.js';
import { rejectionOf } from './queued-view.js';

type WalletChannels =
  | 'wallets:list'
  | 'wallets:search'
  | 'wallets:currencies'
  | 'wallets:get'
  | 'wallets:create'
  | 'wallets:holds';

/** Wallets: confirmed ones from the cache, and those still queued for creation in the outbox. */
export function createWalletHandlers(d: HandlerContext): Pick<Handlers, WalletChannels> {
  return {
    'wallets:list': (args) => {
      const customerId = args.customerId && d.real(args.customerId);
      const asked = args.walletIds && new Set(args.walletIds);
      const ofCustomers = args.customerIds && new Set(args.customerIds.map((id) => d.real(id)));
      const cached = args.walletIds
        ? d.cache.walletsWithIds(args.walletIds.map((walletId) => d.real(walletId)))
        : ofCustomers
          ? d.cache.walletsOfCustomers([...ofCustomers])
          : d.cache.wallets(customerId);
      const confirmed: WalletView[] = cached
        .filter((w) => !customerId || w.customerId === customerId)
        .filter((w) => !ofCustomers || ofCustomers.has(w.customerId))
        .map((w) => ({ ...w, pending: false }));
      const queued = queuedWallets(d)
        .filter((w) => !customerId || w.customerId === customerId)
        .filter((w) => !asked || asked.has(w.id))
        .filter((w) => !ofCustomers || ofCustomers.has(d.real(w.customerId)));
      return [...confirmed, ...queued];
    },
    'wallets:search': ({ query, currency, active, after, limit }) => {
      const { items, total } = d.cache.searchWallets({ query, currency, active }, after, limit);
      const text = query.trim().toLowerCase();
      const queued =
        !after && !active
          ? queuedWallets(d).filter(
              (w) =>
                (!currency || w.currency === currency) &&
                (w.customerName.toLowerCase().includes(text) || w.currency.toLowerCase() === text),
            )
          : [];
      return {
        items: [...queued, ...items.map((w) => ({ ...w, pending: false }))],
        total: total + queued.length,
      };
    },
    'wallets:currencies': () => {
      d.account();
      return d.cache.walletCurrencies();
    },
    'wallets:get': (args) => {
      const walletId = d.real(args.walletId);
      const wallet = d.cache.wallet(walletId);
      if (wallet) return { ...wallet, pending: false };
      const queued = d.queued('wallet.create').find((i) => i.payload.localId === walletId);
      return queued ? pendingWallet(queued, queued.payload.customerName ?? '') : null;
    },
    'wallets:create': (args) => {
      const { currency, initialBalance } = args;
      const customerId = d.real(args.customerId);
      const name =
        d.cache.customer(customerId)?.name ??
        d.queued('customer.create').find((i) => i.payload.localId === customerId)?.payload.name;
      if (name === undefined)
        throw new HandlerError('not_found', 'customer not found', 'customerId', {
          key: 'customer_not_found',
          values: {},
        });
      // An initial balance is a merchant credit made with the wallet: the same limits hold.
      if (initialBalance !== undefined) {
        d.writer();
        checkStaffMovement(d.cache, initialBalance, currency, args.confirmed === true, 'initialBalance');
      }
      const localId = `${LOCAL_PREFIX}${newId('wallet')}`;
      return d.enqueue({
        kind: 'wallet.create',
        payload: { localId, currency, customerName: name, ...(initialBalance ? { initialBalance } : {}) },
        customerRef: customerId,
        walletRef: localId,
        currency,
        summary: {
          key: 'walletCreate',
          values: { currency, name, ...(initialBalance ? { amount: initialBalance } : {}) },
        },
      });
    },
    'wallets:holds': ({ walletId }) => d.cache.holds(d.real(walletId)),
  };
}

/** The wallets still queued for creation, named with their customer. */
function queuedWallets(d: HandlerContext): WalletView[] {
  return d
    .queued('wallet.create')
    .map((i) => pendingWallet(i, d.cache.customer(i.customerId ?? '')?.name ?? i.payload.customerName ?? ''));
}

/**
 * A wallet still queued for creation, as the screens show it: empty, active. Its initial balance is
 * not in it until the server confirms the creation; it is said apart, as waiting to be sent.
 */
function pendingWallet(i: QueuedItem<'wallet.create'>, customerName: string): WalletView {
  const initialBalance = i.payload.initialBalance;
  return {
    id: i.payload.localId,
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
    ...(initialBalance ? { pendingInitialBalance: initialBalance } : {}),
    ...rejectionOf(i),
  };
}
