import {
  PROVIDER_IDS,
  type PaymentProvider,
  type ProviderId,
  type RefundAnswer,
} from '../gateways/provider.js';
import type { RefundTable } from '../db/schema.js';
import { minorUnits } from '../../shared/money.js';
import type { Wallet } from '../../shared/api/wallets.js';
import { finishRefund } from '../services/payment-refunds/finish.js';
import { findWallet } from '../services/lookups.js';
import { unwrap } from '../services/result.js';
import type { Scope } from '../services/scope.js';
import { closeWallet } from '../services/wallets/close.js';
import { toWallet } from '../wire/wallet.js';
import { refundChange } from '../wire/refund.js';
import { recordChanges } from '../sync/record.js';
import { openReview } from '../services/payment-reviews/open.js';
import { KEY_MARGIN_MS, savedChargeKeyMs } from './lapsed-charge.js';
import { heldRefundDetail } from '../../shared/api/held-refund.js';
import type { PaymentService } from './service.js';

/** Whether a payment's provider refunds by itself (PaymentProvider.refund), for this reseller. */
export async function providerRefunds(
  payments: PaymentService,
  resellerId: string,
  provider: string,
): Promise<boolean> {
  if (!(PROVIDER_IDS as readonly string[]).includes(provider)) return false;
  const built = await payments.providers.providerFor(resellerId, provider as ProviderId).catch(() => null);
  return typeof built?.refund === 'function';
}

/** Every provider that refunds by itself for this reseller. */
export async function refundingProviders(payments: PaymentService, resellerId: string): Promise<Set<string>> {
  const found = new Set<string>();
  for (const id of PROVIDER_IDS) if (await providerRefunds(payments, resellerId, id)) found.add(id);
  return found;
}

/**
 * A refund still unanswered this long after it was made is looked up at its provider (findRefund)
 * before it is asked for again: its first ask may have reached the provider with the answer lost,
 * and the provider's idempotency key may be gone by now (Stripe keeps one 24 hours). Within the hour,
 * asking again under the key is safe and cheaper.
 */
export const LOOK_UP_LOST_REFUND_AFTER_MS = 60 * 60_000;

/**
 * Asks the provider to refund a pending refund (outside any transaction) and applies its answer
 * (services/payment-refunds/finish.ts). Asking again is safe: the refund id is the provider's
 * idempotency key. No answer (a fault) leaves the refund pending; the events job asks again.
 * A refund the provider already accepted but has not settled (it has the provider's id) is re-read
 * (fetchRefund), never asked for again: the provider's idempotency key may have expired by then
 * (Stripe keeps one 24 hours), and asking again would make a second refund. One whose answer was
 * lost is looked up first once it is older than LOOK_UP_LOST_REFUND_AFTER_MS, for the same reason.
 * One that cannot be looked up by our id and whose key the provider may have forgotten is held for
 * staff instead (holdUnfindableRefund); a held refund is never asked of its provider again.
 */
export async function driveRefund(payments: PaymentService, refundId: string): Promise<RefundTable> {
  const { store } = payments.o;
  const refund = await store.db
    .selectFrom('refunds')
    .selectAll()
    .where('id', '=', refundId)
    .executeTakeFirstOrThrow();
  if (refund.status !== 'pending' || refund.payment_id === null) return refund;
  if (refund.held_for_review === 1) return refund;
  const payment = await store.db
    .selectFrom('payments')
    .selectAll()
    .where('id', '=', refund.payment_id)
    .executeTakeFirstOrThrow();
  try {
    const provider = await payments.providerOrThrow(payment);
    if (!provider.refund || payment.provider_payment_id === null) {
      return await store.write((trx) =>
        finishRefund(
          trx,
          refund.id,
          {
            outcome: 'refused',
            reason: `${payment.provider} does not refund by itself`,
            code: 'not_supported',
          },
          payments.now(),
        ),
      );
    }
    const rereadable = typeof provider.fetchRefund === 'function';
    const ask = provider.refund.bind(provider);
    const answer = await askProvider(
      payments,
      provider,
      ask,
      payment.provider_payment_id,
      payment.id,
      refund,
    );
    if (answer === 'hold') return await holdUnfindableRefund(payments, provider, refund);
    return await store.write((trx) => finishRefund(trx, refund.id, answer, payments.now(), { rereadable }));
  } catch (error) {
    payments.o.onError?.(error, `refund ${refund.id} of ${payment.id}`);
    return refund;
  }
}

/**
 * The provider's answer about a pending refund: re-read when it already accepted it, looked up when
 * an old ask's answer was lost (LOOK_UP_LOST_REFUND_AFTER_MS), else asked for under its key; `hold`
 * when it may not be asked again (keyMayHaveLapsed).
 */
async function askProvider(
  payments: PaymentService,
  provider: PaymentProvider,
  ask: NonNullable<PaymentProvider['refund']>,
  providerPaymentId: string,
  reference: string,
  refund: RefundTable,
): Promise<RefundAnswer | 'hold'> {
  if (refund.provider_refund_id !== null && provider.fetchRefund) {
    return provider.fetchRefund({ providerRefundId: refund.provider_refund_id, refundId: refund.id });
  }
  const old = Date.parse(refund.created_at) <= payments.o.clock().getTime() - LOOK_UP_LOST_REFUND_AFTER_MS;
  if (old && provider.findRefund) {
    // Looked up even when it was asked without our id: asked again later under its key, a refund the
    // first ask never made was made with it.
    const found = await provider.findRefund({ providerPaymentId, refundId: refund.id });
    if (found) return found;
  }
  if (keyMayHaveLapsed(payments, provider, refund)) return 'hold';
  return ask({
    providerPaymentId,
    reference,
    refundId: refund.id,
    amount: minorUnits(refund.amount),
    currency: refund.currency,
    reason: refund.reason,
  });
}

/**
 * Whether an unanswered refund, not found by our id, may no longer be asked again under its key: its
 * provider forgets keys (PayPal: a PayPal-Request-Id after PAYPAL_REQUEST_ID_HOURS, 6 by default),
 * the refund was first asked longer ago than that, less a margin, and not finding it proves nothing:
 * it was asked before every ask carried our id (`sent_with_id` 0, 0498: PayPal holds no invoice_id
 * on it), or its provider cannot look refunds up at all. Asked again, a refund the provider made
 * with its answer lost would be made a second time.
 */
function keyMayHaveLapsed(
  payments: PaymentService,
  provider: PaymentProvider,
  refund: Pick<RefundTable, 'created_at' | 'sent_with_id'>,
): boolean {
  const keyMs = savedChargeKeyMs(payments, provider);
  if (keyMs === undefined) return false;
  if (provider.findRefund && refund.sent_with_id === 1) return false;
  return payments.o.clock().getTime() - Date.parse(refund.created_at) >= keyMs - KEY_MARGIN_MS;
}

/**
 * Holds such a refund for staff, as an unanswered saved-method charge is held (lapsed-charge.ts):
 * it stays `pending` with nothing credited back (the provider may have made it) and nothing asked
 * again (it could be made twice), `held_for_review`, so no job asks its provider again, and a
 * payment review (reason `payment`, carrying no money: there is nothing to apply) says what staff
 * look up at the provider, in the words the console reads back (renderer/payments/review-words.ts).
 * Held once, one review however often this runs.
 */
async function holdUnfindableRefund(
  payments: PaymentService,
  provider: Pick<PaymentProvider, 'id' | 'savedChargeKeyMs'>,
  refund: RefundTable,
): Promise<RefundTable> {
  const now = payments.now();
  const hours = Math.round((savedChargeKeyMs(payments, provider) ?? 0) / 3600_000);
  return payments.o.store.write(async (trx) => {
    const held = await trx
      .updateTable('refunds')
      .set({ held_for_review: 1, updated_at: now })
      .where('id', '=', refund.id)
      .where('status', '=', 'pending')
      .where('provider_refund_id', 'is', null)
      .where('held_for_review', '=', 0)
      .returningAll()
      .executeTakeFirst();
    if (!held) {
      return trx.selectFrom('refunds').selectAll().where('id', '=', refund.id).executeTakeFirstOrThrow();
    }
    await recordChanges(trx, now, [refundChange(held, 'update')]);
    await openReview(
      trx,
      {
        reseller_id: held.reseller_id,
        payment_id: held.payment_id,
        provider: provider.id,
        reason: 'payment',
        detail: heldRefundDetail({
          provider: provider.id,
          refundId: held.id,
          amount: held.amount,
          currency: held.currency,
          askedAt: held.created_at,
          keptHours: hours,
        }),
        // The refund's own review, apart from any other about its payment.
        provider_event: `${provider.id}:held-refund:${held.id}`,
      },
      now,
    );
    return held;
  });
}

/**
 * A provider's event about a refund of ours (refund_changed): the refund is re-read from the provider
 * (fetchRefund), never taken from the event, and its answer applied (finishRefund, `late`): one that
 * failed after it was accepted credits the wallet back, once however often the event comes. The
 * provider's refund id finds ours; a refund still without one (its answer lost) is found by our id,
 * which the provider's answer must confirm. A refund not ours (made in the provider's dashboard) is
 * left to the reversal it also causes (payments/reversals.ts).
 */
export async function reconcileRefund(
  payments: PaymentService,
  resellerId: string,
  provider: ProviderId,
  event: { providerRefundId: string; refundId: string | null },
): Promise<'refund_failed' | 'refund_succeeded' | 'unchanged' | 'ignored'> {
  const { store } = payments.o;
  const refund = await store.db
    .selectFrom('refunds')
    .selectAll()
    .where('reseller_id', '=', resellerId)
    .where('provider', '=', provider)
    .where('method', '=', 'provider')
    .where((eb) =>
      eb.or([
        eb('provider_refund_id', '=', event.providerRefundId),
        ...(event.refundId === null
          ? []
          : [eb.and([eb('id', '=', event.refundId), eb('provider_refund_id', 'is', null)])]),
      ]),
    )
    .executeTakeFirst();
  if (!refund) return 'ignored';
  if (refund.status === 'failed') return 'unchanged';
  const gateway = await payments.providerOrThrow({ reseller_id: resellerId, provider });
  if (!gateway.fetchRefund) return 'ignored';
  const answer = await gateway.fetchRefund({ providerRefundId: event.providerRefundId, refundId: refund.id });
  const row = await store.write((trx) =>
    finishRefund(trx, refund.id, answer, payments.now(), { late: true, rereadable: true }),
  );
  if (row.status === refund.status || row.status === 'pending') return 'unchanged';
  return row.status === 'failed' ? 'refund_failed' : 'refund_succeeded';
}

/**
 * How long a refund the provider accepted but has not settled waits between re-reads: its event
 * (refund.updated, refund.failed) normally settles it first; the re-read is for an event lost.
 * Cards settle refunds in days, so a quarter of an hour is prompt enough and keeps the job from
 * asking the provider about every such refund on each of its runs.
 */
export const REREAD_SETTLING_REFUND_MS = 15 * 60_000;

/**
 * Pending refunds: first those whose provider has not answered yet (a fault, a crash between the
 * halves), asked again; then those it accepted but has not settled, each re-read once it has waited
 * REREAD_SETTLING_REFUND_MS since it last changed and since it was last re-read, the longest waiting
 * first. When it was last re-read is stored (`checked_at`), and each process claims a re-read by
 * moving it with a conditional update, so several API processes re-read a refund once between them.
 */
export async function retryPendingRefunds(payments: PaymentService): Promise<number> {
  const { db } = payments.o.store;
  const unanswered = await db
    .selectFrom('refunds')
    .select('id')
    .where('status', '=', 'pending')
    .where('provider_refund_id', 'is', null)
    // Held for staff: never asked again, nor left to take the places of those that may be.
    .where('held_for_review', '=', 0)
    .orderBy('created_at')
    .limit(50)
    .execute();
  for (const { id } of unanswered) await driveRefund(payments, id);
  const now = payments.now();
  const dueBefore = new Date(payments.o.clock().getTime() - REREAD_SETTLING_REFUND_MS).toISOString();
  const settling = await db
    .selectFrom('refunds')
    .select('id')
    .where('status', '=', 'pending')
    .where('provider_refund_id', 'is not', null)
    .where('updated_at', '<=', dueBefore)
    .where((eb) => eb.or([eb('checked_at', 'is', null), eb('checked_at', '<=', dueBefore)]))
    .orderBy((eb) => eb.fn.coalesce('checked_at', 'updated_at'))
    .limit(50)
    .execute();
  let reread = 0;
  for (const { id } of settling) {
    // Another process may have claimed it since it was listed: only the one that moves it asks.
    const claimed = await payments.o.store.write((trx) =>
      trx
        .updateTable('refunds')
        .set({ checked_at: now })
        .where('id', '=', id)
        .where('status', '=', 'pending')
        .where((eb) => eb.or([eb('checked_at', 'is', null), eb('checked_at', '<=', dueBefore)]))
        .executeTakeFirst(),
    );
    if (claimed.numUpdatedRows === 0n) continue;
    reread += 1;
    await driveRefund(payments, id);
  }
  return unanswered.length + reread;
}

/**
 * The second half of closing a wallet (services/wallets/close.ts startWalletClose): each pending
 * refund is asked of its provider, then the wallet is closed if every refund went through and
 * nothing is left on it. A refused refund credited the wallet back: it stays open with that money,
 * and the answer shows which refund failed. A refund with no answer yet (a fault) keeps it open too.
 *
 * A refund the provider accepted but has not settled (Stripe's `pending`) counts as gone through:
 * the money left the wallet when it was debited, and the customer asked for the wallet to close, so
 * it closes and the refund reads pending. Should that refund fail later, its money cannot go back
 * into the closed wallet: it goes to a payment review for staff to place (finishRefund).
 */
export async function finishWalletClose(
  payments: PaymentService,
  scope: Scope,
  walletId: string,
  refundIds: readonly string[],
): Promise<{ wallet: Wallet; refunds: RefundTable[] }> {
  const refunds: RefundTable[] = [];
  for (const id of refundIds) refunds.push(await driveRefund(payments, id));
  const { store } = payments.o;
  const allThrough = refunds.every(
    (r) => r.status === 'succeeded' || (r.status === 'pending' && r.provider_refund_id !== null),
  );
  const wallet = await store.write(async (trx) => {
    const current = await findWallet(trx, scope, walletId);
    if (!allThrough || current.balance !== 0 || current.status === 'closed') return toWallet(current);
    return unwrap(await closeWallet(trx, scope, { walletId }, payments.now()));
  });
  return { wallet, refunds };
}
