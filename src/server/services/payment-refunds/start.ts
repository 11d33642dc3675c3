import { sql } from 'kysely';
import type { Trx } from '../../db/database.js';
import type { PaymentTable, RefundTable, WalletTable } from '../../db/schema.js';
import { paymentsId } from '../../lib/ids.js';
import { entryFor, writeEntry } from '../../ledger/movements.js';
import { moveWallet } from '../../ledger/wallet-guard.js';
import { paymentChange } from '../../wire/payment.js';
import { refundChange } from '../../wire/refund.js';
import { Failure } from '../failure.js';
import { findPayment } from '../lookups.js';
import { attempt, type Result } from '../result.js';
import { recordAudit } from '../audit/record.js';
import type { Scope } from '../scope.js';

export type StartRefundRefusal =
  | 'not_found'
  | 'validation'
  | 'payment_not_refundable'
  | 'refund_exceeds_payment'
  | 'insufficient_funds'
  | 'wallet_closed'
  | 'wallet_on_hold';

export const START_REFUND_REFUSALS: StartRefundRefusal[] = [
  'not_found',
  'validation',
  'payment_not_refundable',
  'refund_exceeds_payment',
  'insufficient_funds',
  'wallet_closed',
  'wallet_on_hold',
];

export interface StartRefundInput {
  paymentId: string;
  /** Minor units; omitted: everything of the payment still refundable. */
  amount?: number | undefined;
  reason: string;
  /** Whether the payment's provider refunds by itself (PaymentProvider.refund); else a manual payout. */
  providerRefunds: boolean;
  /** A manual payout's destination and reference, as staff entered them (required for one). */
  destination?: string | undefined;
  reference?: string | undefined;
  idempotencyKey: string;
  /** Where a missing destination/reference is reported (`destination`, or `refund.destination`). */
  fieldPrefix?: string;
}

/** What of a paid payment can still go back: its amount less what was refunded or taken back. */
export const refundableOf = (p: PaymentTable) =>
  p.status === 'paid' ? Math.max(0, p.amount - (p.refunded_amount ?? 0) - (p.reversed_amount ?? 0)) : 0;

/**
 * The first half of a refund (invariant 6 of gateways/provider.ts): the wallet is debited by a
 * `refund` ledger row linked to the payment and the refund recorded — `pending` when the provider is
 * still to be asked, `succeeded` for a manual payout staff already made — in the caller's transaction.
 * The payment's refunded total is raised by one conditional update, so concurrent refunds never
 * refund more than was paid; the wallet move never takes it below what is available.
 * A refund started before under the same key is returned as it is.
 */
export async function startRefund(
  trx: Trx,
  scope: Scope,
  input: StartRefundInput,
  now: string,
): Promise<Result<RefundTable, StartRefundRefusal>> {
  return attempt(START_REFUND_REFUSALS, async () => {
    const payment = await findPayment(trx, scope, input.paymentId);
    const earlier = await findByKey(trx, scope.resellerId, input.idempotencyKey);
    if (earlier) return earlier;
    const manual = !input.providerRefunds;
    const prefix = input.fieldPrefix ?? '';
    if (manual && !input.destination) {
      throw new Failure(
        'validation',
        `${payment.provider} refunds are paid out by hand: say where the money was sent`,
        `${prefix}destination`,
      );
    }
    if (manual && !input.reference) {
      throw new Failure(
        'validation',
        'a manual payout needs its reference (a transaction hash, a transfer id)',
        `${prefix}reference`,
      );
    }
    if (payment.status !== 'paid' || payment.transaction_id === null) {
      throw new Failure(
        'payment_not_refundable',
        `only a paid top-up can be refunded; this one is ${payment.status}`,
        undefined,
        { key: 'payment_not_refundable', values: { status: payment.status } },
      );
    }
    const refundable = refundableOf(payment);
    const amount = input.amount ?? refundable;
    if (amount <= 0 || amount > refundable) {
      throw new Failure(
        'refund_exceeds_payment',
        refundable === 0
          ? 'nothing of this payment is left to refund'
          : `at most ${refundable} minor units of this payment can still be refunded`,
        'amount',
        refundable === 0
          ? { key: 'refund_nothing_left', values: {} }
          : { key: 'refund_at_most', values: { amount: refundable, currency: payment.currency } },
      );
    }
    return debitAndRecord(
      trx,
      scope,
      {
        wallet_id: payment.wallet_id,
        payment,
        amount,
        reason: input.reason,
        method: manual ? 'manual' : 'provider',
        destination: input.destination ?? null,
        reference: input.reference ?? null,
        idempotency_key: input.idempotencyKey,
      },
      now,
    );
  });
}

/** A manual payout of a wallet's money that refunds no one payment (a closed wallet's rest). */
export async function startPayout(
  trx: Trx,
  scope: Scope,
  input: {
    walletId: string;
    amount: number;
    reason: string;
    destination: string;
    reference: string;
    idempotencyKey: string;
  },
  now: string,
): Promise<RefundTable> {
  const earlier = await findByKey(trx, scope.resellerId, input.idempotencyKey);
  if (earlier) return earlier;
  return debitAndRecord(
    trx,
    scope,
    {
      wallet_id: input.walletId,
      payment: null,
      amount: input.amount,
      reason: input.reason,
      method: 'manual',
      destination: input.destination,
      reference: input.reference,
      idempotency_key: input.idempotencyKey,
    },
    now,
  );
}

async function debitAndRecord(
  trx: Trx,
  scope: Scope,
  r: {
    wallet_id: string;
    payment: PaymentTable | null;
    amount: number;
    reason: string;
    method: RefundTable['method'];
    destination: string | null;
    reference: string | null;
    idempotency_key: string;
  },
  now: string,
): Promise<RefundTable> {
  // The wallet first: its row lock orders concurrent refunds of one wallet, and it refuses going
  // below what is available (insufficient_funds on `amount`), a closed wallet, or one on hold.
  const wallet: WalletTable = await moveWallet(
    trx,
    scope,
    r.wallet_id,
    { balance: -r.amount, pending: 0 },
    now,
  );
  const id = paymentsId('refund');
  let payment = r.payment;
  if (payment) {
    const updated = await trx
      .updateTable('payments')
      .set({ refunded_amount: sql`refunded_amount + ${r.amount}`, updated_at: now })
      .where('id', '=', payment.id)
      .where('status', '=', 'paid')
      .where(sql<boolean>`refunded_amount + reversed_amount + ${r.amount} <= amount`)
      .returningAll()
      .executeTakeFirst();
    if (!updated) {
      throw new Failure(
        'refund_exceeds_payment',
        'another refund of this payment came first: less is left to refund',
        'amount',
        { key: 'refund_came_first', values: {} },
      );
    }
    payment = updated;
  }
  const entry = entryFor(
    wallet,
    {
      type: 'refund',
      amount: -r.amount,
      description: payment ? `Refund of top-up ${payment.id}: ${r.reason}` : `Payout: ${r.reason}`,
      wording: payment
        ? { kind: 'payment_refund', payment: payment.id, reason: r.reason }
        : { kind: 'payout', reason: r.reason },
      reference: id,
      relatedId: payment?.id ?? null,
      test: payment?.provider === 'sandbox',
    },
    now,
  );
  const row: RefundTable = {
    id,
    reseller_id: wallet.reseller_id,
    customer_id: wallet.customer_id,
    wallet_id: wallet.id,
    payment_id: payment?.id ?? null,
    provider: payment?.provider ?? null,
    method: r.method,
    amount: r.amount,
    currency: wallet.currency,
    reason: r.reason,
    // A manual payout was made by staff before they recorded it.
    status: r.method === 'manual' ? 'succeeded' : 'pending',
    destination: r.destination,
    reference: r.reference,
    provider_refund_id: null,
    failure_reason: null,
    failure_code: null,
    transaction_id: entry.id,
    compensation_id: null,
    checked_at: null,
    // Every ask carries our refund id from here on (PayPal: invoice_id): findRefund can look it up.
    sent_with_id: 1,
    held_for_review: 0,
    idempotency_key: r.idempotency_key,
    created_at: now,
    updated_at: now,
  };
  await trx.insertInto('refunds').values(row).execute();
  await writeEntry(
    trx,
    wallet,
    entry,
    [refundChange(row, 'create'), ...(payment ? [paymentChange(payment, 'update')] : [])],
    now,
  );
  await recordAudit(
    trx,
    scope,
    {
      action: payment ? 'payment.refunded' : 'wallet.paid_out',
      entityType: payment ? 'payment' : 'wallet',
      entityId: payment?.id ?? wallet.id,
      after: {
        refundId: id,
        amount: r.amount,
        currency: wallet.currency,
        method: r.method,
        reference: r.reference,
      },
      reason: r.reason,
    },
    now,
  );
  return row;
}

function findByKey(trx: Trx, resellerId: string, key: string) {
  return trx
    .selectFrom('refunds')
    .selectAll()
    .where('reseller_id', '=', resellerId)
    .where('idempotency_key', '=', key)
    .executeTakeFirst();
}
