import type { PaymentTable } from '../db/schema.js';
import type { PaymentProvider } from '../gateways/provider.js';
import { openReview } from '../services/payment-reviews/open.js';
import { recordChanges } from '../sync/record.js';
import { paymentChange } from '../wire/payment.js';
import { reviewChange } from '../wire/payment-review.js';
import { totalToPayFor } from './expectation.js';
import type { PaymentService } from './service.js';
import { settlePayment, type SettleOutcome } from './settle.js';

/**
 * How long before the provider forgets a charge's key we stop sending it again: the charge was
 * first sent a little after its payment was created (the best record kept), and clocks differ.
 */
export const KEY_MARGIN_MS = 3600_000;

/**
 * How long `provider` keeps a saved-method charge's key, ms: what the operator arranged with it
 * (PAYPAL_REQUEST_ID_HOURS: PayPal keeps request ids up to 72 hours by arrangement), else its own
 * default (PayPal: 6 hours). Undefined for a provider that keeps keys longer than any payment is
 * asked about: the operator's setting cannot make one forget.
 */
export function savedChargeKeyMs(
  service: Pick<PaymentService, 'o'>,
  provider: Pick<PaymentProvider, 'id' | 'savedChargeKeyMs'>,
): number | undefined {
  if (provider.savedChargeKeyMs === undefined) return undefined;
  return service.o.savedChargeKeyMs?.[provider.id] ?? provider.savedChargeKeyMs;
}

/**
 * Whether a saved method's charge, unanswered, may no longer be sent again under its own key: its
 * provider cannot look a charge up (findSavedMethodCharge) and forgets keys after savedChargeKeyMs,
 * and the charge was first sent longer ago than that, less a margin. Sent again, a charge the
 * provider made would be made a second time.
 */
export function chargeKeyMayHaveLapsed(
  service: Pick<PaymentService, 'o' | 'now'>,
  provider: Pick<PaymentProvider, 'id' | 'findSavedMethodCharge' | 'savedChargeKeyMs'>,
  payment: Pick<PaymentTable, 'created_at'>,
): boolean {
  const keyMs = savedChargeKeyMs(service, provider);
  if (provider.findSavedMethodCharge || keyMs === undefined) return false;
  return Date.parse(service.now()) - Date.parse(payment.created_at) >= keyMs - KEY_MARGIN_MS;
}

/**
 * Holds such a charge for staff instead: the payment stays `new`, nothing credited, held for a
 * review (no job asks the provider again or expires it, no settle credits it) that carries what the
 * wallet would get. Staff look the charge up at the provider by the payment's id, then apply the
 * review (it was made: credited once) or close it (never made: the payment ends expired, as one its
 * provider finds never made does, and what waited on it goes on: resolve.ts). The
 * review is `payment` (a new reason would stop older consoles syncing); its detail says why, in the
 * words the console reads back (renderer/payments/review-words.ts). Held once: a later run finds
 * the payment held and sends nothing. The provider's own event for the charge, if it comes, settles
 * it instead (settleHeldLapsedCharge).
 */
export async function holdLapsedCharge(
  service: PaymentService,
  payment: PaymentTable,
  provider: Pick<PaymentProvider, 'id' | 'savedChargeKeyMs'>,
): Promise<void> {
  const now = service.now();
  const hours = Math.round((savedChargeKeyMs(service, provider) ?? 0) / 3600_000);
  await service.o.store.write(async (trx) => {
    const held = await trx
      .updateTable('payments')
      .set({ held_for_review: 1, updated_at: now })
      .where('id', '=', payment.id)
      .where('status', '=', 'new')
      .where('checkout', 'is', null)
      .where('held_for_review', '=', 0)
      .returningAll()
      .executeTakeFirst();
    if (!held) return;
    await recordChanges(trx, now, [paymentChange(held, 'update')]);
    await openReview(
      trx,
      {
        reseller_id: held.reseller_id,
        payment_id: held.id,
        provider: held.provider,
        reason: 'payment',
        detail: `${provider.id} never answered the saved-method charge of ${totalToPayFor(held)} ${held.currency} minor units sent at ${held.created_at}, and forgets its key after ${hours} hours: it was not sent again; look for it at ${provider.id} by this payment's id, apply this review if it was made, close it if not`,
        amount: held.amount,
        currency: held.currency,
      },
      now,
    );
  });
}

/**
 * A held charge's provider, sending its event late, names the charge it made: asked about it (the
 * event's word is not trusted alone), a charge made for this very payment releases the hold and
 * settles it, credited once, as its lost answer would have; the review no longer asks staff for
 * anything and is resolved saying so. Staff who applied or closed the review first ended the payment,
 * so nothing is released then. Null when this is no such charge: the event goes the usual way.
 */
export async function settleHeldLapsedCharge(
  service: PaymentService,
  payment: PaymentTable,
  providerPaymentId: string,
): Promise<SettleOutcome | null> {
  if (payment.held_for_review !== 1 || payment.saved_method_id === null) return null;
  if (payment.checkout !== null || payment.provider_payment_id !== null) return null;
  const provider = await service.providerOrThrow(payment);
  const answer = await provider.fetchStatus({ providerPaymentId, reference: payment.id });
  if (answer.reference !== payment.id || answer.status !== 'paid') return null;
  const now = service.now();
  const released = await service.o.store.write(async (trx) => {
    const row = await trx
      .updateTable('payments')
      .set({
        held_for_review: 0,
        checkout: JSON.stringify({ kind: 'none' }),
        provider_payment_id: providerPaymentId,
        recipient: provider.recipient ?? null,
        updated_at: now,
      })
      .where('id', '=', payment.id)
      .where('held_for_review', '=', 1)
      .where('status', '=', 'new')
      .where('checkout', 'is', null)
      .where('provider_payment_id', 'is', null)
      .returningAll()
      .executeTakeFirst();
    if (!row) return null;
    const review = await trx
      .updateTable('payment_reviews')
      .set({
        status: 'resolved',
        resolved_at: now,
        resolution: `${provider.id} reported the charge ${providerPaymentId} made; it was credited by that answer`,
      })
      .where('payment_id', '=', row.id)
      .where('reason', '=', 'payment')
      .where('status', '=', 'open')
      .where('applied_at', 'is', null)
      .returningAll()
      .execute();
    await recordChanges(trx, now, [
      paymentChange(row, 'update'),
      ...review.map((r) => reviewChange(r, 'update')),
    ]);
    return row;
  });
  return released ? settlePayment(service.o.store, released, answer, now) : null;
}
