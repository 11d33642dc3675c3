import { ledgerWordingSchema, wordingOfOlderRow, type LedgerWording } from '../../shared/api/ledger-wording';
import type { PaymentProviderId } from '../../shared/api/payments';
import type { WalletTransaction } from '../../shared/api/wallets';
import { i18n } from '../i18n';
import { formatDay } from '../lib/format';
import { PROVIDER_LABELS } from '../payments/payment-labels';

/**
 * What a ledger row says, in the console's language: a row the server wrote itself (an order, a
 * refund, a top-up…) is worded from its kind and figures — read back from its English when it was
 * written before rows carried them; a row a person described, or of a kind this console does not
 * know yet, shows its description as written.
 */
export function entryDescription(
  tx: Pick<WalletTransaction, 'type' | 'description' | 'reference' | 'relatedId' | 'wording'>,
): string {
  if (!tx.wording) {
    const older = wordingOfOlderRow(tx);
    return older ? wordingText(older) : tx.description;
  }
  const parsed = ledgerWordingSchema.safeParse(tx.wording);
  return parsed.success ? wordingText(parsed.data) : tx.description;
}

const provider = (id: string) => PROVIDER_LABELS[id as PaymentProviderId] ?? id;

/** A wording's sentence in the console's language. */
export function wordingText(w: LedgerWording): string {
  switch (w.kind) {
    case 'order':
      return i18n.t('wallet:wording.order', { order: w.order, quantity: w.quantity, product: w.product });
    case 'order_failed':
      return w.reason
        ? i18n.t('wallet:wording.orderFailedBecause', { order: w.order, reason: w.reason })
        : i18n.t('wallet:wording.orderFailed', { order: w.order });
    case 'order_unprovisioned':
      return i18n.t('wallet:wording.orderUnprovisioned', {
        order: w.order,
        missing: w.missing,
        quantity: w.quantity,
        product: w.product,
      });
    case 'renewal':
      return i18n.t('wallet:wording.renewal', {
        quantity: w.quantity,
        product: w.product,
        from: formatDay(w.from, undefined, true),
        to: formatDay(w.to, undefined, true),
      });
    case 'renewal_refund': {
      const figures = {
        order: w.order,
        missing: w.missing,
        quantity: w.quantity,
        product: w.product,
        from: formatDay(w.from, undefined, true),
        to: formatDay(w.to, undefined, true),
      };
      return w.missing >= w.quantity
        ? i18n.t('wallet:wording.renewalRefundOrderFailed', figures)
        : i18n.t('wallet:wording.renewalRefundUnprovisioned', figures);
    }
    case 'top_up':
      return w.test
        ? i18n.t('wallet:wording.testTopUp', { method: w.method })
        : i18n.t('wallet:wording.topUp', { method: w.method });
    case 'invoice':
      return i18n.t('wallet:wording.invoice', { invoice: w.invoice });
    case 'invoice_void_refund':
      return i18n.t('wallet:wording.invoiceVoidRefund', { invoice: w.invoice });
    case 'invoice_bank_transfer':
      return w.reference
        ? i18n.t('wallet:wording.invoiceBankTransferRef', { invoice: w.invoice, reference: w.reference })
        : i18n.t('wallet:wording.invoiceBankTransfer', { invoice: w.invoice });
    case 'initial_balance':
      return i18n.t('wallet:wording.initialBalance');
    case 'payment_refund':
      return i18n.t('wallet:wording.paymentRefund', { payment: w.payment, reason: w.reason });
    case 'payout':
      return i18n.t('wallet:wording.payout', { reason: w.reason });
    case 'refund_refused':
      return w.provider
        ? i18n.t('wallet:wording.refundRefusedBy', { refund: w.refund, provider: provider(w.provider) })
        : i18n.t('wallet:wording.refundRefused', { refund: w.refund });
    case 'reversal_taken':
      return w.dispute
        ? i18n.t('wallet:wording.disputeTaken', { payment: w.payment, provider: provider(w.provider) })
        : i18n.t('wallet:wording.reversalTaken', { payment: w.payment, provider: provider(w.provider) });
    case 'reversal_restored':
      return w.dispute
        ? i18n.t('wallet:wording.disputeRestored', { payment: w.payment })
        : i18n.t('wallet:wording.reversalRestored', { payment: w.payment });
    case 'bank_transfer_matched':
      return i18n.t('wallet:wording.bankTransferMatched', { reference: w.reference });
    case 'bank_transfer_from_review':
      return i18n.t('wallet:wording.bankTransferFromReview', { actor: w.actor });
  }
}
