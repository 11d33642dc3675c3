import { newIdempotencyKey } from '../../shared/ids.js';
import type { ApiClient } from '../api/client.js';
import { isLocalId } from '../outbox/outbox-store.js';
import type { SessionManager } from '../session/session-manager.js';
import { HandlerError, type Handlers } from './handle.js';
import { notSynced } from './not-synced.js';
import { ADMIN, clientAs, online, STAFF, type Role } from './online.js';

type SettingsChannels =
  | 'payment-settings:get'
  | 'payment-settings:update'
  | 'payment-settings:crypto-addresses'
  | 'payments:crypto-address'
  | 'payment-settings:set-credentials'
  | 'payers:list'
  | 'payers:create'
  | 'saved-methods:list'
  | 'saved-methods:set-default'
  | 'saved-methods:delete'
  | 'payment-reviews:list'
  | 'payment-reviews:resolve'
  | 'payment-reviews:apply';

export interface PaymentSettingsHandlerDeps {
  session: SessionManager;
  /** Follows a local id to the server id it became. */
  real(id: string): string;
}

/**
 * Payment settings, payers, saved methods and reviews. These are online reads and writes straight
 * to the billing API: settings and credentials are the server's to check, so nothing is cached or
 * queued, and an unreachable API is a clear `offline` refusal. Every answer has been parsed by the
 * API client against the wire schema (unknown keys dropped) before it gets here.
 */
export function createPaymentSettingsHandlers(
  d: PaymentSettingsHandlerDeps,
): Pick<Handlers, SettingsChannels> {
  const as = (roles: readonly Role[], what: string): ApiClient => clientAs(d.session, roles, what);
  /** A customer reaches only its own payers and methods (the API scopes it too; this says why early). */
  const customerFor = (customerId: string): string | null => {
    const session = d.session.get();
    const id = d.real(customerId);
    if (session.role === 'customer' && session.customerId !== id)
      throw new HandlerError('forbidden', "this account cannot see another customer's payers", 'customerId');
    // Created offline and not confirmed yet: the server knows no payers for it.
    return isLocalId(id) ? null : id;
  };
  const ANY: Role[] = ['reseller_admin', 'support_agent', 'customer'];
  const PAYING: Role[] = ['reseller_admin', 'customer'];

  return {
    'payment-settings:get': () => {
      const client = as(STAFF, 'see payment settings');
      return online('Loading payment settings', () => client.paymentSettings());
    },
    'payment-settings:crypto-addresses': () => {
      const client = as(STAFF, 'see crypto receiving addresses');
      return online('Loading crypto receiving addresses', () => client.cryptoAddresses());
    },
    'payments:crypto-address': ({ paymentId }) => {
      const client = as(STAFF, "see where a payment's crypto address sits");
      const id = d.real(paymentId);
      // A top-up still in the outbox has no address yet.
      if (isLocalId(id)) return { paymentId, crypto: null };
      return online('Loading the payment’s crypto address', () => client.paymentDerivation(id));
    },
    'payment-settings:update': (patch) => {
      const client = as(ADMIN, 'change payment settings');
      return online('Saving payment settings', () => client.updatePaymentSettings(patch));
    },
    'payment-settings:set-credentials': async ({ provider, credentials }) => {
      const client = as(ADMIN, 'store gateway credentials');
      const saved = await online('Saving gateway credentials', () =>
        client.setGatewayCredentials(provider, credentials),
      );
      // Built afresh: whatever else an answer carried, only these two facts cross to the renderer.
      return { provider: saved.provider, configured: true as const };
    },

    'payers:list': async ({ customerId }) => {
      const client = as(ANY, 'see payers');
      const id = customerFor(customerId);
      if (id === null) return [];
      return (await online('Listing payers', () => client.payers(id))).items;
    },
    'payers:create': ({ customerId, name, email, isDefault }) => {
      // A customer adds its own billing entities (customerFor refuses another's), as the API allows.
      const client = as(PAYING, 'add payers');
      const id = customerFor(customerId);
      if (id === null)
        throw notSynced('customer', 'this customer is still syncing: add payers once it is confirmed');
      return online('Adding a payer', () =>
        client.createPayer(
          id,
          { name, ...(email ? { email } : {}), ...(isDefault ? { isDefault } : {}) },
          newIdempotencyKey(),
        ),
      );
    },
    'saved-methods:list': async ({ customerId, payerId }) => {
      const client = as(ANY, 'see saved payment methods');
      const id = customerFor(customerId);
      if (id === null) return [];
      return (await online('Listing saved methods', () => client.savedMethods(id, payerId))).items;
    },
    'saved-methods:set-default': ({ methodId }) => {
      const client = as(PAYING, 'change saved payment methods');
      return online('Changing the default method', () => client.setDefaultSavedMethod(methodId));
    },
    'saved-methods:delete': async ({ methodId }) => {
      const client = as(PAYING, 'delete saved payment methods');
      await online('Deleting a saved method', () => client.deleteSavedMethod(methodId));
      return { deleted: true as const };
    },

    'payment-reviews:list': async ({ status, cursor }) => {
      const client = as(STAFF, 'see payment reviews');
      return online('Loading reviews', () => client.paymentReviews({ status, cursor }));
    },
    'payment-reviews:resolve': ({ reviewId, refund }) => {
      const client = as(ADMIN, 'resolve payment reviews');
      return online('Resolving a review', () => client.resolvePaymentReview(reviewId, refund));
    },
    'payment-reviews:apply': ({ reviewId, paymentId, walletId, invoice }) => {
      const client = as(ADMIN, 'apply transfers from payment reviews');
      // The invoice of the review's payment: the server finds it, so there is no id to follow.
      if (invoice)
        return online('Applying a transfer', () =>
          client.applyPaymentReview(reviewId, { invoice: true }, newIdempotencyKey()),
        );
      // The contract admits exactly one of the three.
      const id = d.real(paymentId ?? walletId ?? '');
      if (isLocalId(id))
        throw paymentId !== undefined
          ? notSynced(
              'payment',
              'this payment is still syncing: apply the transfer once it is confirmed',
              'paymentId',
            )
          : notSynced(
              'wallet',
              'this wallet is still syncing: apply the transfer once it is confirmed',
              'walletId',
            );
      const target = paymentId !== undefined ? { paymentId: id } : { walletId: id };
      // One key per request: a retry after a lost answer is refused by the server as already applied.
      return online('Applying a transfer', () =>
        client.applyPaymentReview(reviewId, target, newIdempotencyKey()),
      );
    },
  };
}
