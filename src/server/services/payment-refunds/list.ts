import type { Reader } from '../lookups.js';
import { findPayment, findWallet } from '../lookups.js';
import type { Scope } from '../scope.js';

/** A payment's refunds, oldest first (its scope checked: another tenant's payment is not found). */
export async function listPaymentRefunds(db: Reader, scope: Scope, paymentId: string) {
  const payment = await findPayment(db, scope, paymentId);
  return db
    .selectFrom('refunds')
    .selectAll()
    .where('payment_id', '=', payment.id)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

/** A wallet's refunds and payouts, oldest first. */
export async function listWalletRefunds(db: Reader, scope: Scope, walletId: string) {
  const wallet = await findWallet(db, scope, walletId);
  return db
    .selectFrom('refunds')
    .selectAll()
    .where('wallet_id', '=', wallet.id)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}
