import { sql } from 'kysely';
import type { Trx } from '../db/database.js';
import type { PaymentTable, WalletTable } from '../db/schema.js';
import type { ReversalSnapshot } from '../gateways/provider.js';
import { entryFor, walletChange, writeEntry } from '../ledger/movements.js';
import { moveWallet } from '../ledger/wallet-guard.js';
import { openPaymentReview } from '../services/payment-reviews/open.js';
import { recordChanges } from '../sync/record.js';
import { paymentChange } from '../wire/payment.js';
import type { PaymentService } from './service.js';

export type ReversalOutcome = 'reversal' | 'restored' | 'unchanged';

/**
 * A late failure of a credited payment (a dispute, a reversal, a refund made at the provider), from
 * the provider's own totals (invariant 7 of gateways/provider.ts). Null when the provider reports
 * none (it has no `fetchReversal`): the event then goes the usual way.
 */
export async function reconcileReversal(
  payments: PaymentService,
  payment: PaymentTable,
): Promise<ReversalOutcome | null> {
  if (payment.status !== 'paid' || payment.provider_payment_id === null) return null;
  const provider = await payments.providerOrThrow(payment);
  if (!provider.fetchReversal) return null;
  const snapshot = await provider.fetchReversal({
    providerPaymentId: payment.provider_payment_id,
    reference: payment.id,
  });
  return payments.o.store.write((trx) => applyReversal(trx, payment.id, snapshot, payments.now()));
}

/**
 * Moves the wallet by the difference between what the provider now says it took back and what was
 * recorded: more taken → the wallet is debited what it can cover (even on hold: this is the debt
 * itself), the rest is owed and the wallet put on hold for new spending, and a review opened for
 * staff; less (a dispute won) → the debt is cancelled first, then what was debited is credited back.
 * Absolute totals, so a repeated or reordered event changes nothing twice.
 */
export async function applyReversal(
  trx: Trx,
  paymentId: string,
  snapshot: ReversalSnapshot,
  now: string,
): Promise<ReversalOutcome> {
  let query = trx.selectFrom('payments').selectAll().where('id', '=', paymentId);
  if (trx.dialect === 'postgres') query = query.forUpdate();
  const payment = await query.executeTakeFirstOrThrow();
  // Refunds we asked for are already out of the wallet: only the provider's own count here.
  const ours = await trx
    .selectFrom('refunds')
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('amount'), eb.lit(0)).as('total'))
    .where('payment_id', '=', payment.id)
    .where('method', '=', 'provider')
    .where('status', 'in', ['pending', 'succeeded'])
    .executeTakeFirstOrThrow();
  const external = Math.max(0, snapshot.refunded - Number(ours.total));
  const ceiling = Math.max(0, payment.amount - (payment.refunded_amount ?? 0));
  const target = Math.min(ceiling, snapshot.reversed + external);
  const recorded = payment.reversed_amount ?? 0;
  let debited = payment.reversal_debited ?? 0;
  const dispute = snapshot.dispute ?? payment.dispute_status ?? null;
  if (target === recorded && dispute === (payment.dispute_status ?? null)) return 'unchanged';

  const scope = { resellerId: payment.reseller_id, canWrite: true };
  const wallet = await trx
    .selectFrom('wallets')
    .selectAll()
    .where('id', '=', payment.wallet_id)
    .executeTakeFirstOrThrow();
  const active = wallet.status === 'active';
  let after: WalletTable = wallet;
  const label = payment.provider === 'stripe' ? 'Dispute' : 'Reversal';
  if (target > recorded && active) {
    const owedNow = target - recorded;
    const take = Math.min(owedNow, Math.max(0, wallet.balance - wallet.pending_charges));
    if (take > 0) {
      after = await moveWallet(trx, scope, wallet.id, { balance: -take, pending: 0 }, now, {
        evenOnHold: true,
      });
      const entry = entryFor(
        after,
        {
          type: 'adjustment',
          amount: -take,
          description: `${label} of top-up ${payment.id}: ${payment.provider} took the money back`,
          wording: {
            kind: 'reversal_taken',
            payment: payment.id,
            provider: payment.provider,
            dispute: payment.provider === 'stripe',
          },
          reference: payment.id,
          relatedId: payment.id,
          test: payment.provider === 'sandbox',
        },
        now,
      );
      await writeEntry(trx, after, entry, [], now);
      debited += take;
    }
  } else if (target < recorded) {
    const owed = recorded - debited;
    const lessBy = recorded - target;
    const back = Math.min(debited, lessBy - Math.min(owed, lessBy));
    if (back > 0 && active) {
      after = await moveWallet(trx, scope, wallet.id, { balance: back, pending: 0 }, now);
      const entry = entryFor(
        after,
        {
          type: 'adjustment',
          amount: back,
          description: `${label} of top-up ${payment.id} resolved in the merchant's favour: restored`,
          wording: { kind: 'reversal_restored', payment: payment.id, dispute: payment.provider === 'stripe' },
          reference: payment.id,
          relatedId: payment.id,
          test: payment.provider === 'sandbox',
        },
        now,
      );
      await writeEntry(trx, after, entry, [], now);
      debited -= back;
    }
  }
  const updated = await trx
    .updateTable('payments')
    .set({ reversed_amount: target, reversal_debited: debited, dispute_status: dispute, updated_at: now })
    .where('id', '=', payment.id)
    .returningAll()
    .executeTakeFirstOrThrow();
  await recordChanges(trx, now, [paymentChange(updated, 'update')]);

  // On hold while any payment of the wallet leaves it owing; lifted when none does.
  if (active) {
    const owing = await trx
      .selectFrom('payments')
      .select('id')
      .where('wallet_id', '=', wallet.id)
      .where(sql<boolean>`reversed_amount > reversal_debited`)
      .executeTakeFirst();
    const hold = owing ? 1 : 0;
    if ((after.spending_hold ?? 0) !== hold) {
      const held = await trx
        .updateTable('wallets')
        .set({ spending_hold: hold, updated_at: now })
        .where('id', '=', wallet.id)
        .returningAll()
        .executeTakeFirstOrThrow();
      await recordChanges(trx, now, [walletChange(held)]);
    }
  }
  if (target > recorded) {
    const owes = target - debited;
    await openPaymentReview(
      trx,
      updated,
      'reversal',
      `${payment.provider} took back ${target} of the ${payment.amount} ${payment.currency} minor units credited` +
        (owes > 0
          ? `; the wallet could cover only ${debited}: it owes ${owes} and is on hold for new spending`
          : ''),
      now,
    );
    return 'reversal';
  }
  return target < recorded ? 'restored' : 'unchanged';
}
