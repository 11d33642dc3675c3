import type { LedgerWording } from '../../../shared/api/ledger-wording.js';
import type { Trx } from '../../db/database.js';
import { entryFor, writeEntry, type MovementResult } from '../../ledger/movements.js';
import { moveWallet } from '../../ledger/wallet-guard.js';
import { toWallet } from '../../wire/wallet.js';
import { Failure } from '../failure.js';
import { findTransaction } from '../lookups.js';
import { attempt, type Result } from '../result.js';
import type { Scope } from '../scope.js';

export interface RefundInput {
  /** The `payment` ledger row refunded. */
  transactionId: string;
  /** Minor units; omitted: what is left of the payment. */
  amount?: number | undefined;
  reason: string;
  /** Quoted on the refund row (an order's number). */
  reference?: string | undefined;
  /** What the refund row says, when the server words it itself (an order's refund). */
  wording?: LedgerWording | undefined;
}

/**
 * Returns (part of) a `payment` to its wallet as a `refund` row. All refunds of one payment together
 * never exceed it: the wallet move locks the wallet first, so the sum read after it includes every
 * committed refund.
 */
export async function refundPayment(
  trx: Trx,
  scope: Scope,
  input: RefundInput,
  now: string,
): Promise<
  Result<
    MovementResult,
    'not_found' | 'not_refundable' | 'refund_exceeds_payment' | 'wallet_closed' | 'balance_limit'
  >
> {
  return attempt(
    ['not_found', 'not_refundable', 'refund_exceeds_payment', 'wallet_closed', 'balance_limit'],
    async () => {
      const payment = await findTransaction(trx, scope, input.transactionId);
      if (payment.type !== 'payment') {
        throw new Failure(
          'not_refundable',
          `only payments can be refunded; this transaction is a ${payment.type}`,
        );
      }
      const paid = -payment.amount;
      // Lock the wallet before reading the refunds so far (see above); the amount is settled below.
      await moveWallet(trx, scope, payment.wallet_id, { balance: 0, pending: 0 }, now);
      const refunded = await refundedSoFar(trx, payment.id);
      const remaining = paid - refunded;
      const amount = input.amount ?? remaining;
      if (amount <= 0 || amount > remaining) {
        throw new Failure(
          'refund_exceeds_payment',
          `${refunded} of this payment's ${paid} minor units are already refunded; at most ${remaining} can be`,
          'amount',
        );
      }
      const wallet = await moveWallet(trx, scope, payment.wallet_id, { balance: amount, pending: 0 }, now);
      const entry = {
        type: 'refund',
        amount,
        description: input.reason,
        reference: input.reference ?? null,
        relatedId: payment.id,
        ...(input.wording ? { wording: input.wording } : {}),
        // The refund row is its audit record (services/audit/list.ts).
        audit: { action: 'transaction.refunded', actor: scope.actor },
      } as const;
      const transaction = await writeEntry(trx, wallet, entryFor(wallet, entry, now), [], now);
      const result = { transaction, wallet: toWallet(wallet) };
      return result;
    },
  );
}

/** Minor units refunded so far of one `payment` row. */
export async function refundedSoFar(trx: Trx, paymentId: string): Promise<number> {
  const row = await trx
    .selectFrom('ledger_entries')
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('amount'), eb.lit(0)).as('total'))
    .where('related_id', '=', paymentId)
    .where('type', '=', 'refund')
    .executeTakeFirstOrThrow();
  return Number(row.total);
}
