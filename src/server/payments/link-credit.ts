import type { Wallet, WalletTransaction } from '../../shared/api/wallets.js';
import type { Trx } from '../db/database.js';
import type { PaymentTable } from '../db/schema.js';
import { announceTopUp } from '../events/payment-events.js';
import { applySettledPayment } from '../services/invoices/pay.js';
import { recordChanges } from '../sync/record.js';
import { paymentChange } from '../wire/payment.js';

/**
 * What follows the `top_up` row that credits a paid payment, in the same transaction, whoever
 * credited it (the provider's confirmation, or staff applying a bank line): the payment names its
 * ledger row, goes down the feed, `payment.succeeded` is raised, and an invoice it pays is paid.
 * Returns the payment as it now is.
 */
export async function linkCredit(
  trx: Trx,
  paymentId: string,
  credit: { transaction: WalletTransaction; wallet: Wallet; test: boolean },
  now: string,
): Promise<PaymentTable> {
  const paid = await trx
    .updateTable('payments')
    .set({ transaction_id: credit.transaction.id })
    .where('id', '=', paymentId)
    .returningAll()
    .executeTakeFirstOrThrow();
  await recordChanges(trx, now, [paymentChange(paid, 'update')]);
  await announceTopUp(trx, paid, credit.transaction, credit.wallet, now);
  // A payment opened for an invoice pays it here, in this transaction: top_up, then payment.
  await applySettledPayment(trx, paid, credit.transaction.id, credit.test, now);
  return paid;
}
