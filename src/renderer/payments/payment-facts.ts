import { FINAL_PAYMENT_STATUSES, type Payment } from '../../shared/api/payments';
import type { Route } from '../shell/routes';
import { i18n } from '../i18n';

/** How a wallet is named wherever it is not obvious whose it is: "Acme Ltd · USD wallet". */
export function walletName(wallet: { customerName: string; currency: string }): string {
  return wallet.customerName
    ? i18n.t('common:customersWallet', { customer: wallet.customerName, currency: wallet.currency })
    : i18n.t('common:currencyWallet', { currency: wallet.currency });
}

/**
 * The ledger row that credited a paid payment, in its wallet's history: the row was written in the
 * transaction that marked the payment paid, so it is on `paidAt`'s UTC day (the history's days).
 */
export function ledgerRowRoute(
  payment: Pick<Payment, 'walletId' | 'transactionId' | 'paidAt'>,
): Route | null {
  if (!payment.transactionId || !payment.paidAt) return null;
  return {
    page: 'wallet',
    walletId: payment.walletId,
    ledgerRow: { transactionId: payment.transactionId, day: payment.paidAt.slice(0, 10) },
  };
}

/** The second date a payment shows: when it was paid, or when it last changed. */
/**
 * When an open payment stops waiting for the payer, or when an expired one did; nothing for one that
 * ended otherwise (a paid top-up "expiring" tomorrow reads as if it might still lapse).
 */
export function expiryDate(
  payment: Pick<Payment, 'status' | 'expiresAt'>,
): { label: string; at: string } | null {
  if (payment.status === 'expired')
    return { label: i18n.t('payments:settled.expired'), at: payment.expiresAt };
  if (FINAL_PAYMENT_STATUSES.includes(payment.status)) return null;
  return { label: i18n.t('payments:expires'), at: payment.expiresAt };
}

export function settledDate(payment: Pick<Payment, 'paidAt' | 'updatedAt'>): { label: string; at: string } {
  return payment.paidAt
    ? { label: i18n.t('payments:settled.paid'), at: payment.paidAt }
    : { label: i18n.t('payments:settled.updated'), at: payment.updatedAt };
}

/**
 * The wallet's balance right after this payment credited it, when the cached wallet still shows it:
 * the server writes the payment's `paidAt` and the wallet's `updatedAt` in one transaction, so they
 * are equal until another movement changes the wallet. Then (and before the credit reached the
 * cache) there is no balance to call "new": today's balance would be the wrong figure.
 */
export function balanceAfterPayment(
  payment: Pick<Payment, 'paidAt'>,
  wallet: { balance: number; updatedAt: string; pending?: boolean } | null | undefined,
): number | null {
  if (!wallet || wallet.pending || payment.paidAt === null) return null;
  return wallet.updatedAt === payment.paidAt ? wallet.balance : null;
}

/**
 * Where staff applied the money of a payment that ended (cancelled, expired) and was paid anyway,
 * when it did not pay this payment (the API's `lateMoney`): the wallet by name when this console
 * knows it (`target`, from its cache: staff see every customer's), else only whose it was. A
 * customer is never told which other customer (the API does not say). Null: nothing of the kind.
 */
export function lateMoneyText(
  payment: Pick<Payment, 'walletId' | 'lateMoney'>,
  target: { id: string; customerName: string; currency: string } | null | undefined,
): string | null {
  const late = payment.lateMoney;
  if (!late) return null;
  if (late.walletId !== null && target?.id === late.walletId)
    return late.walletId === payment.walletId
      ? i18n.t('top-up:lateMoney.thisWallet')
      : i18n.t('top-up:lateMoney.wallet', { wallet: walletName(target) });
  if (late.otherCustomer) return i18n.t('top-up:lateMoney.otherCustomer');
  return late.walletId === payment.walletId
    ? i18n.t('top-up:lateMoney.thisWallet')
    : i18n.t('top-up:lateMoney.anotherWallet');
}
