import type { SearchHit, SearchKind } from '../../shared/ipc-contract';
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
