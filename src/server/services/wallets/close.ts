import type { Wallet } from '../../../shared/api/wallets.js';
import { activeSubscriptionsForWallet } from '../subscriptions/list.js';
import type { CloseWalletBody } from '../../../shared/api/refunds.js';
import type { Trx } from '../../db/database.js';
import type { RefundTable } from '../../db/schema.js';
import { walletChange } from '../../ledger/movements.js';
import { recordChanges } from '../../sync/record.js';
import { toWallet } from '../../wire/wallet.js';
import { Failure } from '../failure.js';
import { findWallet } from '../lookups.js';
import { refundableOf, startPayout, startRefund } from '../payment-refunds/start.js';
import { attempt, unwrap, type Result } from '../result.js';
import { recordAudit } from '../audit/record.js';
import { payingOutToClose } from '../alerts/evaluate.js';
import { clearForClosedWallet } from '../alerts/settings.js';
import { switchOffForClose } from '../auto-top-up/settings.js';
import type { Scope } from '../scope.js';

/** How many of each thing still depend on a wallet; all zero when nothing does. */
export interface WalletDependents {
  /** Pending holds: charges reserved on it. */
  holds: number;
  /** Subscriptions that renew from it until their period ends. */
  subscriptions: number;
  /** Orders paid from it and not provisioned yet. */
  provisioningOrders: number;
  /** 1 while an auto top-up charge is under way, 0 otherwise. */
  autoTopUpCharging: number;
}

/**
 * What still depends on a wallet, counted: while anything does, it cannot be closed. One place, so
 * every close path asks the same question; the refusal carries the counts as its reason's values.
 */
export async function walletDependents(trx: Trx, walletId: string): Promise<WalletDependents> {
  const holds = await trx
    .selectFrom('holds')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('wallet_id', '=', walletId)
    .where('status', '=', 'pending')
    .executeTakeFirstOrThrow();
  // A subscription renews from this wallet until its period ends, auto-renew off or not.
  const subscriptions = await activeSubscriptionsForWallet(trx, walletId);
  // Paid from this wallet and not provisioned yet: if it fails, its refund comes back here.
  const provisioning = await trx
    .selectFrom('orders')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('wallet_id', '=', walletId)
    .where('status', '=', 'provisioning')
    .executeTakeFirstOrThrow();
  // Its money would land in the wallet after the close paid the balance out.
  const charging = await trx
    .selectFrom('wallet_auto_top_ups')
    .select('wallet_id')
    .where('wallet_id', '=', walletId)
    .where('state', '=', 'pending')
    .executeTakeFirst();
  return {
    holds: Number(holds.n),
    subscriptions: subscriptions.length,
    provisioningOrders: Number(provisioning.n),
    autoTopUpCharging: charging ? 1 : 0,
  };
}

function anyDependents(d: WalletDependents): boolean {
  return d.holds + d.subscriptions + d.provisioningOrders + d.autoTopUpCharging > 0;
}

/** The dependents in the server's English ("1 pending hold(s), 1 order(s) being provisioned"). */
function dependentsInWords(d: WalletDependents): string {
  const words: string[] = [];
  if (d.holds > 0) words.push(`${d.holds} pending hold(s)`);
  if (d.subscriptions > 0) words.push(`${d.subscriptions} running subscription(s)`);
  if (d.provisioningOrders > 0) words.push(`${d.provisioningOrders} order(s) being provisioned`);
  if (d.autoTopUpCharging > 0) words.push('an auto top-up charge under way');
  return words.join(', ') || 'pending charges';
}

/**
 * Something still depends on the wallet (walletDependents, or pending charges with no hold counted):
 * not closed yet. The counts go in the reason so the console words the list in its own language.
 */
function inUse(currency: string, dependents: WalletDependents): Failure {
  return new Failure(
    'conflict',
    `this wallet is still in use (${dependentsInWords(dependents)}); settle its holds and let its subscriptions end first`,
    undefined,
    { key: 'wallet_in_use', values: { currency, ...dependents } },
  );
}

/**
 * A wallet on hold (a reversed payment left it owing money) is not closed until that is settled;
 * the refusal carries its reason as data so the console words it in its person's language.
 */
function owesMoney(currency: string): Failure {
  return new Failure(
    'wallet_on_hold',
    'this wallet owes money after a reversed payment; settle that first, then close it',
    undefined,
    { key: 'wallet_on_hold_close', values: { currency } },
  );
}

/**
 * Closes an empty wallet nothing depends on (`conflict` otherwise: pending holds, subscriptions;
 * `wallet_on_hold` while it owes after a reversed payment);
 * closing a closed one changes nothing. A wallet that still holds money is refused
 * `refund_required` on `refund`: the customer's money never stays behind in a closed wallet, it is
 * paid out first through `startWalletClose` (POST /v1/wallets/:id/close with `refund`).
 */
export async function closeWallet(
  trx: Trx,
  scope: Scope,
  input: { walletId: string },
  now: string,
): Promise<Result<Wallet, 'not_found' | 'conflict' | 'wallet_on_hold' | 'refund_required'>> {
  return attempt(['not_found', 'conflict', 'wallet_on_hold', 'refund_required'], async () => {
    const wallet = await findWallet(trx, scope, input.walletId);
    if (wallet.status === 'closed') return toWallet(wallet);
    const dependents = await walletDependents(trx, wallet.id);
    if (wallet.pending_charges > 0 || anyDependents(dependents)) {
      throw inUse(wallet.currency, dependents);
    }
    // Its balance may be zero (debited all it held), but it still owes: closing would drop the debt.
    if ((wallet.spending_hold ?? 0) !== 0) throw owesMoney(wallet.currency);
    if (wallet.balance !== 0) {
      throw new Failure(
        'refund_required',
        `this wallet still holds ${wallet.balance} minor units of ${wallet.currency}: say where the balance is refunded (refund.to "original" or "manual")`,
        'refund',
        { key: 'refund_required', values: { amount: wallet.balance, currency: wallet.currency } },
      );
    }
    const row = await trx
      .updateTable('wallets')
      .set({ status: 'closed', updated_at: now })
      .where('id', '=', wallet.id)
      .where('pending_charges', '=', 0)
      .where('balance', '=', 0)
      .returningAll()
      .executeTakeFirst();
    if (!row) {
      throw new Failure('conflict', 'the wallet was held or credited while closing; try again', undefined, {
        key: 'wallet_changed_while_closing',
        values: {},
      });
    }
    await switchOffForClose(trx, row.id, now);
    await clearForClosedWallet(trx, row.id, now);
    await recordChanges(trx, now, [walletChange(row)]);
    await recordAudit(
      trx,
      scope,
      {
        action: 'wallet.closed',
        entityType: 'wallet',
        entityId: row.id,
        before: { status: wallet.status },
        after: { status: row.status, balance: row.balance },
      },
      now,
    );
    return toWallet(row);
  });
}

export type StartCloseRefusal =
  | 'not_found'
  | 'conflict'
  | 'validation'
  | 'wallet_on_hold'
  | 'insufficient_funds'
  | 'wallet_closed'
  | 'payment_not_refundable'
  | 'refund_exceeds_payment';

/**
 * The first half of closing a wallet that still holds money: the balance is refunded — with
 * `original`, to the newest paid top-ups first, each to its source through the refund machinery
 * (providers that refund by themselves only), the rest as one manual payout; with `manual`, all of it
 * as one manual payout — every refund debiting the wallet in this transaction, so the balance is zero
 * when it commits. The caller then asks the providers (payments/refunds.ts) and closes the wallet
 * with `closeWallet` once every refund went through. Refused while anything depends on the wallet.
 */
export async function startWalletClose(
  trx: Trx,
  scope: Scope,
  input: {
    walletId: string;
    refund: CloseWalletBody['refund'];
    /** Providers whose top-ups can be refunded to their source (PaymentProvider.refund). */
    providerRefunds: ReadonlySet<string>;
    idempotencyKey: string;
  },
  now: string,
): Promise<Result<RefundTable[], StartCloseRefusal>> {
  return attempt(
    [
      'not_found',
      'conflict',
      'validation',
      'wallet_on_hold',
      'insufficient_funds',
      'wallet_closed',
      'payment_not_refundable',
      'refund_exceeds_payment',
    ],
    async () => {
      const wallet = await findWallet(trx, scope, input.walletId);
      const dependents = await walletDependents(trx, wallet.id);
      if (wallet.pending_charges > 0 || anyDependents(dependents)) {
        throw inUse(wallet.currency, dependents);
      }
      if (wallet.status === 'closed') return [];
      if ((wallet.spending_hold ?? 0) !== 0) throw owesMoney(wallet.currency);
      await switchOffForClose(trx, wallet.id, now);
      // No low-balance alert for money leaving on the customer's request.
      return payingOutToClose(trx, async () => {
        const reason = input.refund.reason ?? 'Wallet closed';
        const refunds: RefundTable[] = [];
        let left = wallet.balance;
        if (input.refund.to === 'original') {
          const paid = await trx
            .selectFrom('payments')
            .selectAll()
            .where('wallet_id', '=', wallet.id)
            .where('status', '=', 'paid')
            .orderBy('paid_at', 'desc')
            .orderBy('id', 'desc')
            .execute();
          for (const payment of paid) {
            if (left === 0) break;
            if (!input.providerRefunds.has(payment.provider)) continue;
            const amount = Math.min(left, refundableOf(payment));
            if (amount === 0) continue;
            const refund = unwrap(
              await startRefund(
                trx,
                scope,
                {
                  paymentId: payment.id,
                  amount,
                  reason,
                  providerRefunds: true,
                  idempotencyKey: `${input.idempotencyKey}#${payment.id}`,
                },
                now,
              ),
            );
            refunds.push(refund);
            left -= amount;
          }
        }
        if (left > 0) {
          const { destination, reference } = input.refund;
          if (!destination) {
            throw new Failure(
              'validation',
              `${left} minor units are left after refunding the top-ups to their sources: say where they are paid out`,
              'refund.destination',
              { key: 'refund_left_over', values: { amount: left, currency: wallet.currency } },
            );
          }
          if (!reference) {
            throw new Failure('validation', 'a manual payout needs its reference', 'refund.reference', {
              key: 'payout_needs_reference',
              values: {},
            });
          }
          refunds.push(
            await startPayout(
              trx,
              scope,
              {
                walletId: wallet.id,
                amount: left,
                reason,
                destination,
                reference,
                idempotencyKey: `${input.idempotencyKey}#rest`,
              },
              now,
            ),
          );
        }
        return refunds;
      });
    },
  );
}
