import type { Invoice } from '../../shared/api/invoices.js';
import type { Payment } from '../../shared/api/payments.js';
import type { EventPayload } from '../../shared/ipc-contract.js';
import { formatMoney, isCurrency } from '../../shared/money.js';

/**
 * What the console says when a top-up ends, in one sentence for a desktop notification. The new
 * balance is named only when the cached wallet already includes the credit (the server changes both
 * in one transaction, but they may arrive on two feed pages). A payment of an invoice is told as
 * one, by the invoice's number (`invoice`: the cached invoice, when the cache has it).
 */
export function paymentNotice(
  payment: Payment,
  wallet: { balance: number; currency: string; updatedAt: string } | null,
  invoice: Pick<Invoice, 'id' | 'number'> | null = null,
): EventPayload<'payments:status-changed'> {
  const amount = formatMoney(payment.amount, payment.currency);
  const credited =
    wallet !== null &&
    payment.paidAt !== null &&
    wallet.updatedAt >= payment.paidAt &&
    isCurrency(wallet.currency);
  const balance = credited ? wallet.balance : null;
  const paysInvoice =
    payment.invoiceId === null ? null : { id: payment.invoiceId, number: invoice?.number ?? null };
  return {
    paymentId: payment.id,
    walletId: payment.walletId,
    status: payment.status,
    amount: payment.amount,
    currency: payment.currency,
    balance,
    invoice: paysInvoice,
    failureCode: payment.failureCode,
    declineCode: payment.declineCode ?? null,
    message: paysInvoice
      ? invoiceMessage(payment, `Payment of ${amount} for invoice ${paysInvoice.number ?? paysInvoice.id}`)
      : topUpMessage(payment, amount, balance),
  };
}

const reasonOf = (payment: Payment) => (payment.failureReason ? `: ${payment.failureReason}` : '.');

function topUpMessage(payment: Payment, amount: string, balance: number | null): string {
  switch (payment.status) {
    case 'paid':
      return balance !== null
        ? `Top-up of ${amount} paid. New balance: ${formatMoney(balance, payment.currency)}.`
        : `Top-up of ${amount} paid. Your balance is being updated.`;
    case 'failed':
      return `Top-up of ${amount} failed${reasonOf(payment)}`;
    case 'cancelled':
      return `Top-up of ${amount} was cancelled${reasonOf(payment)}`;
    case 'expired':
      return `Top-up of ${amount} expired before it was paid.`;
    default:
      return `Top-up of ${amount} is ${payment.status}.`;
  }
}

/** `what`: "Payment of $25.00 for invoice INV-2026-0007". */
function invoiceMessage(payment: Payment, what: string): string {
  switch (payment.status) {
    case 'paid':
      return `${what} received.`;
    case 'failed':
      return `${what} failed${reasonOf(payment)}`;
    case 'cancelled':
      return `${what} was cancelled${reasonOf(payment)}`;
    case 'expired':
      return `${what} expired before it was paid.`;
    default:
      return `${what} is ${payment.status}.`;
  }
}
