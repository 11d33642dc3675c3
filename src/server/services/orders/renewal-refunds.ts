import {
  ledgerWordingSchema,
  wordingOfOlderRow,
  type LedgerWording,
} from '../../../shared/api/ledger-wording.js';
import type { WalletTransaction } from '../../../shared/api/wallets.js';
import type { Trx } from '../../db/database.js';
import type { LedgerEntryTable, OrderTable } from '../../db/schema.js';
import { toTransaction } from '../../wire/transaction.js';
import { refundedSoFar, refundPayment } from '../refunds/refund-payment.js';
import { unwrap } from '../result.js';
import type { Scope } from '../scope.js';
import { unprovisionedShare } from './refund-share.js';

/**
 * Renewals of the order's subscription charged while the order was still provisioning (before
 * renewals waited for it, see awaitingProvisioning in subscriptions/renew.ts), made right as the
 * order settles, in its transaction: a failed order's renewals are refunded in full, a partial
 * one's by the unprovisioned share of each (rounded once, up, as the order's own refund is).
 *
 * Each charge is refunded only up to what it has had back so far (read after the order's own
 * refund locked the wallet), so running this again for the same outcome refunds nothing more.
 * A renewal charged after the order settled is never touched: only a `provisioning` order settles,
 * and once it has, the subscription renews for what was provisioned.
 */
export async function refundRenewalCharges(
  trx: Trx,
  scope: Scope,
  order: OrderTable,
  now: string,
): Promise<WalletTransaction[]> {
  if (!order.subscription_id || (order.status !== 'failed' && order.status !== 'partial')) return [];
  const provisioned = order.provisioned ?? 0;
  // Renewal charges are the subscription's `payment` rows (subscription_attempts.transaction_id
  // points at the same rows); the ledger is read so that a charge is never missed.
  const charges = await trx
    .selectFrom('ledger_entries')
    .selectAll()
    .where('related_id', '=', order.subscription_id)
    .where('wallet_id', '=', order.wallet_id)
    .where('type', '=', 'payment')
    .orderBy('wallet_version')
    .execute();
  const refunds: WalletTransaction[] = [];
  for (const charge of charges) {
    const paid = -charge.amount;
    const owed = order.status === 'failed' ? paid : unprovisionedShare(paid, order.quantity, provisioned);
    const amount = owed - (await refundedSoFar(trx, charge.id));
    if (amount <= 0) continue;
    const period = renewalPeriod(charge);
    const missing = order.quantity - provisioned;
    const reason =
      order.status === 'failed'
        ? `Refund: renewal of ${order.quantity} × ${order.product_name}, ${period.from} to ${period.to} (order ${order.number} failed)`
        : `Refund: renewal of ${missing} of ${order.quantity} × ${order.product_name} not provisioned, ${period.from} to ${period.to} (${order.number})`;
    const wording: LedgerWording = {
      kind: 'renewal_refund',
      order: order.number,
      missing,
      quantity: order.quantity,
      product: order.product_name,
      from: period.from,
      to: period.to,
    };
    const moved = unwrap(
      await refundPayment(
        trx,
        scope,
        { transactionId: charge.id, amount, reason, reference: order.number, wording },
        now,
      ),
    );
    refunds.push(moved.transaction);
  }
  return refunds;
}

/** The days the renewal paid for, from its wording (or, written before wordings, its English). */
function renewalPeriod(charge: LedgerEntryTable): { from: string; to: string } {
  const tx = toTransaction(charge);
  const wording = tx.wording ? ledgerWordingSchema.safeParse(tx.wording).data : wordingOfOlderRow(tx);
  if (wording?.kind === 'renewal') return { from: wording.from, to: wording.to };
  const day = charge.created_at.slice(0, 10);
  return { from: day, to: day };
}
