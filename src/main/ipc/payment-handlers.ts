import { topUpOptionsSchema, type Payment } from '../../shared/api/payments.js';
import { newId, newIdempotencyKey } from '../../shared/ids.js';
import type { Session, TopUpTrack } from '../../shared/ipc-contract.js';
import { NetworkError, type ApiClient } from '../api/client.js';
import { TOP_UP_OPTIONS_META } from '../cache/payment-reads.js';
import { isLocalId, LOCAL_PREFIX } from '../outbox/outbox-store.js';
import { isAllowedExternalUrl } from './external-links.js';
import { HandlerError, type Handlers } from './handle.js';
import type { HandlerContext } from './handler-context.js';
import { notSynced } from './not-synced.js';
import { online } from './online.js';

type PaymentChannels =
  | 'top-ups:options'
  | 'top-ups:create'
  | 'payments:list'
  | 'payments:get'
  | 'payments:providers'
  | 'payments:cancel'
  | 'top-up-links:create'
  | 'top-up-links:list'
  | 'top-up-links:revoke';

/** Top-ups, payments and top-up links: the handlers behind those channels of the IPC contract. */
export function createPaymentHandlers(d: HandlerContext): Pick<Handlers, PaymentChannels> {
  const signedIn = () => {
    const current = d.session.signedIn();
    if (!current) throw new HandlerError('signed_out', 'sign in first');
    return current;
  };
  const role = (): Session['role'] => d.session.get().role;
  /**
   * A customer sees only its own payments. Its cache can hold another customer's: a held payment
   * whose money staff applied to that customer's wallet moves to them (the API's
   * payment-reviews/apply.ts), and the feed says so with an update, never a delete.
   */
  const ownCustomer = (customerId: string | undefined): string | undefined => {
    const session = d.session.get();
    if (session.role !== 'customer') return customerId === undefined ? undefined : d.real(customerId);
    if (customerId !== undefined && d.real(customerId) !== session.customerId)
      throw new HandlerError(
        'forbidden',
        "this account cannot see another customer's payments",
        'customerId',
      );
    return session.customerId ?? undefined;
  };
  const seen = (payment: Payment): boolean => {
    const session = d.session.get();
    return session.role !== 'customer' || payment.customerId === session.customerId;
  };
  /** Customers top up their own wallets and reseller admins their customers'; support agents only look. */
  const payer = (): string => {
    const r = role();
    if (r !== 'reseller_admin' && r !== 'customer')
      throw new HandlerError('forbidden', 'this account can see payments but not start top-ups');
    return signedIn().account;
  };
  const admin = (): ApiClient => {
    if (role() !== 'reseller_admin')
      throw new HandlerError('forbidden', 'only a reseller admin can create top-up links');
    return signedIn().client;
  };
  /** What reaches the renderer: a hosted page it may open, or no page at all. */
  const safe = (payment: Payment): Payment =>
    payment.checkout?.kind === 'redirect' && !isAllowedExternalUrl(payment.checkout.url, d.trustedOrigins())
      ? { ...payment, checkout: null }
      : payment;
  const store = (payment: Payment): Payment => {
    d.cache.putPayment(payment);
    d.paymentsStored();
    return safe(d.cache.payment(payment.id) ?? payment);
  };

  return {
    'top-ups:options': async ({ walletId }) => {
      const wallet = d.walletFor(walletId);
      if (isLocalId(wallet.id))
        throw notSynced('wallet', 'this wallet is still syncing: top it up once it is confirmed');
      const key = `${TOP_UP_OPTIONS_META}${wallet.id}`;
      try {
        const options = await signedIn().client.topUpOptions(wallet.id);
        d.cache.setMeta(key, JSON.stringify(options));
        return { ...options, offline: false };
      } catch (error) {
        if (!(error instanceof NetworkError)) throw error;
        // Offline: the options last seen let the top-up be queued; the server checks it when sent.
        const last = d.cache.getMeta(key);
        const parsed = last === null ? null : topUpOptionsSchema.safeParse(JSON.parse(last));
        if (parsed?.success) return { ...parsed.data, offline: true };
        throw new HandlerError(
          'offline',
          'Top-up options come from the billing API, which cannot be reached right now. Try again when the console is online.',
        );
      }
    },

    'top-ups:create': ({ walletId, amount, provider, payerId, savedMethodId, saveMethod, asset }) => {
      const account = payer();
      const wallet = d.walletFor(walletId);
      const localId = `${LOCAL_PREFIX}pay_${newId('transaction').slice('txn_'.length)}`;
      return d.enqueue(
        {
          kind: 'payment.create',
          payload: {
            localId,
            amount,
            provider,
            ...(payerId ? { payerId } : {}),
            ...(savedMethodId ? { savedMethodId } : {}),
            ...(saveMethod ? { saveMethod: true } : {}),
            ...(asset ? { asset } : {}),
          },
          customerRef: wallet.customerId,
          walletRef: wallet.id,
          currency: wallet.currency,
          summary: { key: 'topUp', values: { amount, currency: wallet.currency, provider } },
        },
        { who: account },
      );
    },

    'payments:list': ({ walletId, customerId, status, provider, unpaidIn, paymentIds, olderThan, limit }) =>
      d.cache
        .payments(
          {
            walletId: walletId === undefined ? undefined : d.real(walletId),
            customerId: ownCustomer(customerId),
            status,
            provider,
            unpaidIn,
            ids: paymentIds?.map((paymentId) => d.real(paymentId)),
          },
          limit,
          olderThan,
        )
        .map(safe),

    // A customer is offered only the methods of its own payments, not of one staff moved away.
    'payments:providers': () => d.cache.paymentProviders(ownCustomer(undefined)),

    'payments:get': async ({ paymentId }): Promise<TopUpTrack | null> => {
      const id = d.real(paymentId);
      if (isLocalId(id)) {
        const item = d.queued('payment.create').find((i) => i.payload.localId === id);
        return item ? { kind: 'queued', item } : null;
      }
      const cached = d.cache.payment(id);
      if (cached && !seen(cached)) return null;
      if (cached && !namesLateMoneyFor(cached, role())) {
        // The feed names no other customer's wallet (the payment's customer reads it too); staff
        // ask the API, which names it to them. Offline: what the feed said.
        try {
          return { kind: 'payment', payment: store(await signedIn().client.payment(id)) };
        } catch {
          return { kind: 'payment', payment: safe(cached) };
        }
      }
      if (cached) return { kind: 'payment', payment: safe(cached) };
      // Not synced yet (a deep link can name a payment made elsewhere a moment ago): ask the API.
      try {
        return { kind: 'payment', payment: store(await signedIn().client.payment(id)) };
      } catch {
        return null;
      }
    },

    'payments:cancel': async ({ paymentId }) => {
      payer();
      const id = d.real(paymentId);
      if (isLocalId(id))
        throw new HandlerError('not_started', 'this top-up has not started yet: discard it from the outbox');
      const client = signedIn().client;
      return store(await online('Cancelling', () => client.cancelPayment(id, newIdempotencyKey())));
    },

    'top-up-links:create': async ({ customerId, walletId, amount, expiresAt }) => {
      const client = admin();
      const wallet = d.walletFor(walletId);
      const customer = d.real(customerId);
      if (wallet.customerId !== customer)
        throw new HandlerError('validation', 'walletId: is not a wallet of this customer', 'walletId');
      if (isLocalId(customer))
        throw notSynced('customer', 'this customer is still syncing: create the link once it is confirmed');
      if (isLocalId(wallet.id))
        throw notSynced('wallet', 'this wallet is still syncing: create the link once it is confirmed');
      const link = await online('Creating a top-up link', () =>
        client.createTopUpLink(
          customer,
          { walletId: wallet.id, ...(amount ? { amount } : {}), expiresAt },
          newIdempotencyKey(),
        ),
      );
      return checkedLink(link);
    },

    'top-up-links:list': async ({ customerId }) => {
      const r = role();
      if (r !== 'reseller_admin' && r !== 'support_agent')
        throw new HandlerError('forbidden', "this account cannot see a customer's top-up links");
      const customer = d.real(customerId);
      if (isLocalId(customer)) return [];
      const client = signedIn().client;
      const { items } = await online('Listing top-up links', () => client.topUpLinks(customer));
      return items.map(checkedLink);
    },

    'top-up-links:revoke': async ({ linkId }) => {
      if (role() !== 'reseller_admin')
        throw new HandlerError('forbidden', 'only a reseller admin can revoke top-up links');
      const client = signedIn().client;
      // A link exists only on the billing API (created online): its id is never a local one.
      return checkedLink(await online('Revoking a top-up link', () => client.revokeTopUpLink(linkId)));
    },
  };
}

/**
 * Whether `payment` says all `role` may read of where staff applied its late money: its customer
 * is told only that it went to another customer; staff are told which wallet.
 */
function namesLateMoneyFor(payment: Payment, role: Session['role']): boolean {
  const late = payment.lateMoney;
  return role === 'customer' || !late?.otherCustomer || late.walletId !== null;
}

/** A link is shown, copied and rendered as a QR code: it must be an http(s) address. */
function checkedLink<T extends { url: string }>(link: T): T {
  let url: URL | null = null;
  try {
    url = new URL(link.url);
  } catch {
    // refused below
  }
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:') || url.username || url.password)
    throw new HandlerError(
      'invalid_response',
      'the billing API answered a top-up link that is not a web address',
    );
  return link;
}
