import type { Trx } from '../../db/database.js';
import type { PaymentTable } from '../../db/schema.js';
import { recordChanges } from '../../sync/record.js';
import { paymentChange } from '../../wire/payment.js';
import { paymentFailure } from '../../payments/failure.js';
import { findPayment } from '../lookups.js';
import { attempt, type Result } from '../result.js';
import { Failure } from '../failure.js';
import type { Scope } from '../scope.js';

/**
 * Cancels a payment nobody has started paying (`new`); cancelling a cancelled one answers it as it
 * is. The method it was to save fails with it.
 */
export function cancelPayment(
  trx: Trx,
  scope: Scope,
  input: { id: string },
  now: string,
): Promise<Result<PaymentTable, 'not_found' | 'payment_not_open'>> {
  return attempt(['not_found', 'payment_not_open'], async () => {
    const payment = await findPayment(trx, scope, input.id);
    if (payment.status === 'cancelled') return payment;
    const row = await trx
      .updateTable('payments')
      .set({ status: 'cancelled', ...paymentFailure('cancelled_before_paid'), updated_at: now })
      .where('id', '=', payment.id)
      .where('status', '=', 'new')
      // Held for a review: paid at its provider (its wallet refused it), or a saved method's charge
      // whose answer was lost; staff decide it, and cancelling could leave money with nothing to pay for.
      .where('held_for_review', '=', 0)
      .returningAll()
      .executeTakeFirst();
    if (!row) {
      // Read again: held, or moved on, since it was read above.
      const current = await findPayment(trx, scope, payment.id);
      const held =
        current.held_for_review === 1 && (current.status === 'new' || current.status === 'processing');
      // A saved method's charge held because its answer was lost (lapsed-charge.ts; heldUnanswered
      // in shared/api/payments.ts): nothing is known to have arrived. Its own reason, so a console
      // words it as such; an older one shows this English, so it must not say paid either.
      if (held && current.saved_method_id !== null && current.checkout === null)
        throw new Failure(
          'payment_not_open',
          'this charge to a saved method is not confirmed: staff are checking with its provider whether it was made; it cannot be cancelled (if it was never made, resolving its review ends it and nothing is charged)',
          undefined,
          { key: 'payment_held_unanswered', values: {} },
        );
      if (held)
        throw new Failure(
          'payment_not_open',
          'this payment was paid and is held for a review by staff (its wallet could not take the money); it cannot be cancelled',
          undefined,
          { key: 'payment_held_for_review', values: {} },
        );
      throw new Failure(
        'payment_not_open',
        `this payment is ${current.status}; only a new payment can be cancelled`,
        undefined,
        { key: 'payment_not_cancellable', values: { status: current.status } },
      );
    }
    if (row.saves_method_id) {
      await trx
        .updateTable('saved_methods')
        .set({ status: 'failed', updated_at: now })
        .where('id', '=', row.saves_method_id)
        .where('status', '=', 'pending')
        .execute();
    }
    await recordChanges(trx, now, [paymentChange(row, 'update')]);
    return row;
  });
}
