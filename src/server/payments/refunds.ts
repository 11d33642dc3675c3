import { PROVIDER_IDS, type ProviderId } from '../gateways/provider.js';
import type { RefundTable } from '../db/schema.js';
import { minorUnits } from '../../shared/money.js';
import type { Wallet } from '../../shared/api/wallets.js';
import { finishRefund } from '../services/payment-refunds/finish.js';
import { findWallet } from '../services/lookups.js';
import { unwrap } from '../services/result.js';
import type { Scope } from '../services/scope.js';
import { closeWallet } from '../services/wallets/close.js';
import { toWallet } from '../wire/wallet.js';
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
 * Asks the provider to refund a pending refund (outside any transaction) and applies its answer
 * (services/payment-refunds/finish.ts). Asking again is safe: the refund id is the provider's
 * idempotency key. No answer (a fault) leaves the refund pending; the events job asks again.
 */
export async function driveRefund(payments: PaymentService, refundId: string): Promise<RefundTable> {
  const { store } = payments.o;
  const refund = await store.db
    .selectFrom('refunds')
    .selectAll()
    .where('id', '=', refundId)
    .executeTakeFirstOrThrow();
  if (refund.status !== 'pending' || refund.payment_id === null) return refund;
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
    const answer = await provider.refund({
      providerPaymentId: payment.provider_payment_id,
      reference: payment.id,
      refundId: refund.id,
      amount: minorUnits(refund.amount),
      currency: refund.currency,
      reason: refund.reason,
    });
    return await store.write((trx) => finishRefund(trx, refund.id, answer, payments.now()));
  } catch (error) {
    payments.o.onError?.(error, `refund ${refund.id} of ${payment.id}`);
    return refund;
  }
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
    finishRefund(trx, refund.id, answer, payments.now(), { late: true }),
  );
  if (row.status === refund.status || row.status === 'pending') return 'unchanged';
  return row.status === 'failed' ? 'refund_failed' : 'refund_succeeded';
}

/** Pending refunds whose provider has not answered yet (a fault, a crash between the halves). */
export async function retryPendingRefunds(payments: PaymentService): Promise<number> {
  const pending = await payments.o.store.db
    .selectFrom('refunds')
    .select('id')
    .where('status', '=', 'pending')
    .orderBy('created_at')
    .limit(50)
    .execute();
  for (const { id } of pending) await driveRefund(payments, id);
  return pending.length;
}

/**
 * The second half of closing a wallet (services/wallets/close.ts startWalletClose): each pending
 * refund is asked of its provider, then the wallet is closed if every refund went through and
 * nothing is left on it. A refused refund credited the wallet back: it stays open with that money,
 * and the answer shows which refund failed.
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
  const allThrough = refunds.every((r) => r.status === 'succeeded');
  const wallet = await store.write(async (trx) => {
    const current = await findWallet(trx, scope, walletId);
    if (!allThrough || current.balance !== 0 || current.status === 'closed') return toWallet(current);
    return unwrap(await closeWallet(trx, scope, { walletId }, payments.now()));
  });
  return { wallet, refunds };
}
