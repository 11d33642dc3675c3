import type { Payment } from '../../shared/api/payments.js';
import type { EventPayload } from '../../shared/ipc-contract.js';
import { formatMoney, isCurrency } from '../../shared/money.js';

/**
 * What the console says when a top-up ends, in one sentence for a desktop notification. The new
 * balance is named only when the cached wallet already includes the credit (the server changes both
 * in one transaction, but they may arrive on two feed pages).
 */
export function paymentNotice(
  payment: Payment,
  wallet: { balance: number; currency: string; updatedAt: string } | null,
): EventPayload<'payments:status-changed'> {
  const amount = formatMoney(payment.amount, payment.currency);
  const credited =
    wallet !== null &&
    payment.paidAt !== null &&
    wallet.updatedAt >= payment.paidAt &&
    isCurrency(wallet.currency);
  const balance = credited ? wallet.balance : null;
  let message: string;
  switch (payment.status) {
    case 'paid':
      message =
        balance !== null
          ? `Top-up of ${amount} paid. New balance: ${formatMoney(balance, payment.currency)}.`
          : `Top-up of ${amount} paid. Your balance is being updated.`;
      break;
    case 'failed':
      message = `Top-up of ${amount} failed${payment.failureReason ? `: ${payment.failureReason}` : '.'}`;
      break;
    case 'cancelled':
      message = `Top-up of ${amount} was cancelled${payment.failureReason ? `: ${payment.failureReason}` : '.'}`;
      break;
    case 'expired':
      message = `Top-up of ${amount} expired before it was paid.`;
      break;
    default:
      message = `Top-up of ${amount} is ${payment.status}.`;
  }
  return {
    paymentId: payment.id,
    walletId: payment.walletId,
    status: payment.status,
    amount: payment.amount,
    currency: payment.currency,
    balance,
    message,
  };
}
