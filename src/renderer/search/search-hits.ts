import { i18n, translatedLabels } from '../i18n';
import type { OrderStatus } from '../../shared/api/orders';
import type { PaymentProviderId, PaymentStatus } from '../../shared/api/payments';
import type { TicketStatus } from '../../shared/api/tickets';
import type { WalletTransaction } from '../../shared/api/wallets';
import { HELD_FOR_REVIEW, HELD_UNANSWERED, type SearchHit, type SearchKind } from '../../shared/ipc-contract';
import { INVOICE_STATUS_LABELS, type InvoiceDisplayStatus } from '../invoices/invoice-labels';
import { ORDER_STATUS_LABELS } from '../orders/order-words';
import { PAYMENT_STATUS_LABELS, providerLabel } from '../payments/payment-labels';
import { TICKET_STATUS_LABELS } from '../tickets/ticket-labels';
import type { Route } from '../shell/routes';
import { entryDescription } from '../wallet/entry-words';

export const SEARCH_KIND_LABELS = translatedLabels<SearchKind>('search', 'searchKind', [
  'customer',
  'payment',
  'invoice',
  'order',
  'ticket',
  'transaction',
]);

/** The page a search result opens: the customer, the payment, or the ledger row on its wallet's day. */
export function routeOfHit(hit: SearchHit): Route {
  switch (hit.kind) {
    case 'customer':
      return { page: 'customer', customerId: hit.id };
    case 'payment':
      return { page: 'payment', paymentId: hit.id };
    case 'invoice':
      return { page: 'invoice', invoiceId: hit.id };
    case 'order':
      return { page: 'order', orderId: hit.id };
    case 'ticket':
      return { page: 'ticket', ticketId: hit.id };
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

/**
 * A result's first line: a payment is named by its method and status ("Crypto top-up · Paid"), an
 * invoice by its number and status as the customer reads it ("INV-2026-000042 · Unpaid"), an order by
 * its product and status, a ledger row as its wallet's history words it.
 */
export function hitTitle(hit: SearchHit): string {
  if (!hit.type) return hit.title;
  switch (hit.kind) {
    case 'payment': {
      const [provider, status] = hit.type.split(':') as [
        PaymentProviderId,
        PaymentStatus | typeof HELD_FOR_REVIEW | typeof HELD_UNANSWERED,
      ];
      const method = providerLabel(provider);
      const label =
        status === HELD_FOR_REVIEW
          ? i18n.t('payments:paymentStatus.heldForReview')
          : status === HELD_UNANSWERED
            ? i18n.t('payments:paymentStatus.heldUnanswered')
            : (PAYMENT_STATUS_LABELS[status] ?? status);
      return i18n.t('search:paymentHit', { method, status: label });
    }
    case 'transaction':
      return entryDescription({
        type: hit.type as WalletTransaction['type'],
        description: hit.title,
        reference: hit.code,
        relatedId: hit.relatedId ?? null,
        wording: hit.wording,
      });
    case 'invoice': {
      const status = hit.type === 'open' ? 'unpaid' : (hit.type as InvoiceDisplayStatus);
      return `${hit.title} · ${INVOICE_STATUS_LABELS[status] ?? hit.type}`;
    }
    case 'order':
      return `${hit.title} · ${ORDER_STATUS_LABELS[hit.type as OrderStatus] ?? hit.type}`;
    case 'ticket':
      return `${hit.title} · ${TICKET_STATUS_LABELS[hit.type as TicketStatus] ?? hit.type}`;
    default:
      return hit.title;
  }
}
