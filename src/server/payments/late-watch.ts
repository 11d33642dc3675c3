import type { PaymentTable } from '../db/schema.js';
import { openPaymentReview } from '../services/payment-reviews/open.js';
import { recordChanges } from '../sync/record.js';
import { paymentChange } from '../wire/payment.js';
import type { PaymentService } from './service.js';

/** How long after its expiry a crypto address is still re-read: a payer's late send, a slow wallet. */
export const LATE_WATCH_MS = 7 * 24 * 3600_000;
/** The job's interval: late money waits for a person anyway, so every 10 minutes is soon enough. */
export const LATE_WATCH_EVERY_MS = 10 * 60_000;

/**
 * Re-reads the address of each crypto payment that expired in the last 7 days. Coins that arrived
 * after its expiry (a chain transaction it had not seen) are kept on the payment (so staff and the
 * payer find them by hash) and open a review: an expired payment is never credited silently, the
 * quote it was made at no longer holds. Returns how many payments were read.
 */
export async function watchLatePayments(payments: PaymentService): Promise<number> {
  const now = payments.o.clock();
  const since = new Date(now.getTime() - LATE_WATCH_MS).toISOString();
  const expired = await payments.o.store.db
    .selectFrom('payments')
    .selectAll()
    .where('provider', '=', 'crypto')
    .where('status', '=', 'expired')
    .where('provider_payment_id', 'is not', null)
    .where('expires_at', '>=', since)
    .orderBy('expires_at')
    .limit(500)
    .execute();
  for (const payment of expired) {
    try {
      await readLate(payments, payment, now.toISOString());
    } catch (error) {
      payments.o.onError?.(error, `late payment check of ${payment.id}`);
    }
  }
  return expired.length;
}

async function readLate(payments: PaymentService, payment: PaymentTable, now: string): Promise<void> {
  const provider = await payments.providerOrThrow(payment);
  const answer = await provider.fetchStatus({
    providerPaymentId: payment.provider_payment_id!,
    reference: payment.id,
  });
  const known = new Set(payment.chain_txids ? (JSON.parse(payment.chain_txids) as string[]) : []);
  const late = (answer.chainTxids ?? []).filter((txid) => !known.has(txid));
  if (late.length === 0) return;
  await payments.o.store.write(async (trx) => {
    const row = await trx
      .updateTable('payments')
      .set({ chain_txids: JSON.stringify([...known, ...late]), updated_at: now })
      .where('id', '=', payment.id)
      .where('status', '=', 'expired')
      .returningAll()
      .executeTakeFirst();
    if (!row) return;
    await recordChanges(trx, now, [paymentChange(row, 'update')]);
    await openPaymentReview(
      trx,
      row,
      'payment',
      `coins arrived at this payment's address after it expired (${late.join(', ')}); nothing was credited`,
      now,
    );
  });
}
