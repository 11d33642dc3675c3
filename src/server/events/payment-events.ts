import type { WalletTransaction, Wallet } from '../../shared/api/wallets.js';
import type { Trx } from '../db/database.js';
import type { PaymentTable } from '../db/schema.js';
import { enqueueEmailIn } from '../email/enqueue.js';
import { topUpReceiptEmail } from '../email/templates/top-up-receipt.js';
import { toPayment } from '../wire/payment.js';
import { customerContact } from './contact.js';
import { emitEvent } from './emit.js';

/**
 * A top-up was credited (payments/settle.ts, in its transaction): `payment.succeeded` and
 * `wallet.topped_up` for the reseller's endpoints, and a receipt to the payer's email, else the
 * customer's.
 */
export async function announceTopUp(
  trx: Trx,
  paid: PaymentTable,
  transaction: WalletTransaction,
  wallet: Wallet,
  now: string,
): Promise<void> {
  const payment = toPayment(paid);
  await emitEvent(trx, paid.reseller_id, 'payment.succeeded', { payment }, now);
  await emitEvent(trx, paid.reseller_id, 'wallet.topped_up', { wallet, transaction, payment }, now);
  const contact = await customerContact(trx, paid.reseller_id, paid.customer_id);
  const payer = paid.payer_id
    ? await trx.selectFrom('payers').select('email').where('id', '=', paid.payer_id).executeTakeFirst()
    : undefined;
  // A payer pays for the customer: the receipt is written in the customer's language.
  const to = payer?.email ?? contact.email;
  if (!to) return;
  await enqueueEmailIn(
    trx,
    paid.reseller_id,
    [{ address: to, language: contact.language }],
    (text) =>
      topUpReceiptEmail(text, {
        resellerName: contact.resellerName,
        customerName: contact.customerName,
        paymentId: paid.id,
        amount: paid.amount,
        fee: paid.fee,
        currency: paid.currency,
        balanceAfter: transaction.balanceAfter,
        paidAt: paid.paid_at ?? now,
        test: payment.test,
      }),
    now,
  );
}

/** A payment ended `failed` (declined, or the gateway could not open it): `payment.failed`. */
export async function announcePaymentFailed(trx: Trx, failed: PaymentTable, now: string): Promise<void> {
  if (failed.status !== 'failed') return;
  await emitEvent(trx, failed.reseller_id, 'payment.failed', { payment: toPayment(failed) }, now);
}
