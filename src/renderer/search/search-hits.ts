import type { PaymentProviderId, PaymentStatus } from '../../shared/api/payments';
import type { SearchHit, SearchKind } from '../../shared/ipc-contract';
import { PAYMENT_STATUS_LABELS, PROVIDER_LABELS } from '../payments/payment-labels';
import type { Route } from '../shell/routes';

export const SEARCH_KIND_LABELS: Record<SearchKind, string> = {
  customer: 'Customers',
  payment: 'Payments',
  transaction: 'Ledger rows',
};

/** The page a search result opens: the customer, the payment, or the ledger row on its wallet's day. */
export function routeOfHit(hit: SearchHit): Route {
  switch (hit.kind) {
    case 'customer':
      return { page: 'customer', customerId: hit.id };
    case 'payment':
      return { page: 'payment', paymentId: hit.id };
    case 'transaction':
      return hit.walletId && hit.at
        ? {
            page: 'wallet',
            walletId: hit.walletId,
            ledgerRow: { transactionId: hit.id, day: hit.at.slice(0, 10) },
          }
        : { page: 'wallet' };
  }
}

/** A result's first line: a payment is named by its method and status ("Crypto top-up · Paid"). */
export function hitTitle(hit: SearchHit): string {
  if (hit.kind !== 'payment' || !hit.type) return hit.title;
  const [provider, status] = hit.type.split(':') as [PaymentProviderId, PaymentStatus];
  const method = PROVIDER_LABELS[provider] ?? provider;
  return `${method} top-up · ${PAYMENT_STATUS_LABELS[status] ?? status}`;
}
