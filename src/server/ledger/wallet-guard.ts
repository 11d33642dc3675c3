import { sql } from 'kysely';
import { MAX_BALANCE, isCurrency, toDecimalString } from '../../shared/money.js';
import type { Trx } from '../db/database.js';
import type { WalletTable } from '../db/schema.js';
import { Failure, notFound } from '../services/failure.js';
import type { Scope } from '../services/scope.js';

/**
 * The columns by name rather than `returning *`: the statement then stays prepared on PostgreSQL
 * (see preparing() in db/database.ts).
 */
export const WALLET_COLUMNS = [
  'id',
  'reseller_id',
  'customer_id',
  'currency',
  'status',
  'balance',
  'pending_charges',
  'version',
  'created_at',
  'updated_at',
  'spending_hold',
] as const satisfies ReadonlyArray<keyof WalletTable>;

/**
 * Moves a wallet's balance and pending charges by signed deltas in one conditional statement: the
 * row changes only if it is active, visible to the caller and keeps balance >= pending >= 0 (no
 * overdraft) and balance <= MAX_BALANCE. On PostgreSQL the update takes the row lock, so concurrent
 * movements on one wallet serialise here and each re-checks the condition on the newest row.
 * Returns the wallet after the change; its version orders the ledger row the caller writes next.
 */
export async function moveWallet(
  trx: Trx,
  scope: Scope,
  walletId: string,
  delta: { balance: number; pending: number },
  now: string,
  /** Take money from a wallet on hold too: only the reversal that put it on hold does (payments/reversals.ts). */
  options: { evenOnHold?: boolean } = {},
): Promise<WalletTable> {
  // A wallet on hold (a reversal left it owing) takes no new spending: nothing that lowers what is available.
  const lowersAvailable = delta.balance - delta.pending < 0 && !options.evenOnHold;
  const updated = await trx
    .updateTable('wallets')
    .set({
      balance: sql`balance + ${delta.balance}`,
      pending_charges: sql`pending_charges + ${delta.pending}`,
      version: sql`version + 1`,
      updated_at: now,
    })
    .where('id', '=', walletId)
    .where('reseller_id', '=', scope.resellerId)
    .where('status', '=', 'active')
    .where(sql<boolean>`balance + ${delta.balance} >= pending_charges + ${delta.pending}`)
    .where(sql<boolean>`pending_charges + ${delta.pending} >= 0`)
    .where(sql<boolean>`balance + ${delta.balance} <= ${MAX_BALANCE}`)
    .$if(lowersAvailable, (q) => q.where('spending_hold', '=', 0))
    .returning(WALLET_COLUMNS)
    .executeTakeFirst();
  if (updated) return updated;
  throw await explainRefusal(trx, scope, walletId, delta);
}

async function explainRefusal(
  trx: Trx,
  scope: Scope,
  walletId: string,
  delta: { balance: number; pending: number },
): Promise<Failure> {
  const wallet = await trx
    .selectFrom('wallets')
    .selectAll()
    .where('id', '=', walletId)
    .where('reseller_id', '=', scope.resellerId)
    .executeTakeFirst();
  return refusalOf(wallet, delta) ?? insufficient(wallet!, delta);
}

/**
 * Why `wallet` (the caller's, as read under its lock) refuses a movement by `delta`, or null if it
 * takes it: the same conditions as moveWallet's UPDATE, for a writer that moves a wallet many times
 * in one statement (batch/apply-movements.ts) and must refuse each movement as moveWallet would.
 */
export function refusalOf(
  wallet: WalletTable | undefined,
  delta: { balance: number; pending: number },
  options: { evenOnHold?: boolean } = {},
): Failure | null {
  if (!wallet) return notFound('wallet', 'id');
  if (wallet.status !== 'active')
    return new Failure('wallet_closed', 'this wallet is closed and accepts no movement');
  const lowersAvailable = delta.balance - delta.pending < 0 && !options.evenOnHold;
  if ((wallet.spending_hold ?? 0) !== 0 && lowersAvailable) {
    return new Failure(
      'wallet_on_hold',
      'this wallet is on hold: a reversed payment left it owing money, and it takes no new spending until that is settled',
      undefined,
      { key: 'wallet_on_hold', values: { currency: wallet.currency } },
    );
  }
  if (wallet.balance + delta.balance > MAX_BALANCE) {
    return new Failure(
      'balance_limit',
      `the balance would exceed ${inWords(MAX_BALANCE, wallet.currency)}`,
      'amount',
      { key: 'balance_limit', values: { limit: MAX_BALANCE, currency: wallet.currency } },
    );
  }
  const balance = wallet.balance + delta.balance;
  const pending = wallet.pending_charges + delta.pending;
  if (balance >= pending && pending >= 0) return null;
  return insufficient(wallet, delta);
}

function insufficient(wallet: WalletTable, delta: { balance: number; pending: number }): Failure {
  const available = wallet.balance - wallet.pending_charges;
  const needed = -(delta.balance - delta.pending);
  return new Failure(
    'insufficient_funds',
    `available balance is ${inWords(available, wallet.currency)}, ${inWords(needed, wallet.currency)} needed`,
    'amount',
    { key: 'insufficient_funds', values: { available, needed, currency: wallet.currency } },
  );
}

/** "7354.92 USD": what a person reads in a refusal (the amount fields stay minor units). */
function inWords(amount: number, currency: string): string {
  return isCurrency(currency) ? `${toDecimalString(amount, currency)} ${currency}` : `${amount} minor units`;
}
