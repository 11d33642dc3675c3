import { sql } from 'kysely';
import { newId } from '../../shared/ids.js';
import type { Hold, Wallet, WalletTransaction } from '../../shared/api/wallets.js';
import type { Trx } from '../db/database.js';
import type { HoldTable, LedgerEntryTable, WalletTable } from '../db/schema.js';
import { Failure, notFound } from '../services/failure.js';
import type { Scope } from '../services/scope.js';
import { toHold, toTransaction, toWallet } from '../services/wire.js';
import { changeRows, recordChanges, type ChangeInput } from '../sync/record.js';
import { moveWallet } from './wallet-guard.js';

export interface MovementResult {
  transaction: WalletTransaction;
  wallet: Wallet;
}

interface EntryInput {
  type: LedgerEntryTable['type'];
  amount: number;
  description: string;
  reference?: string | null | undefined;
  relatedId?: string | null;
  /** A test-mode movement (a sandbox top-up): no real money moved. */
  test?: boolean;
}

const walletChange = (w: WalletTable): ChangeInput => ({
  resellerId: w.reseller_id,
  customerId: w.customer_id,
  entity: 'wallet',
  id: w.id,
  op: 'update',
  data: toWallet(w),
});

const holdChange = (h: HoldTable, op: 'create' | 'update'): ChangeInput => ({
  resellerId: h.reseller_id,
  customerId: h.customer_id,
  entity: 'hold',
  id: h.id,
  op,
  data: toHold(h),
});

/** The ledger row for a wallet that has just moved by `entry.amount`. */
function entryFor(wallet: WalletTable, entry: EntryInput, now: string): LedgerEntryTable {
  return {
    id: newId('transaction'),
    reseller_id: wallet.reseller_id,
    customer_id: wallet.customer_id,
    wallet_id: wallet.id,
    wallet_version: wallet.version,
    type: entry.type,
    amount: entry.amount,
    balance_after: wallet.balance,
    currency: wallet.currency,
    status: 'completed',
    description: entry.description,
    reference: entry.reference ?? null,
    related_id: entry.relatedId ?? null,
    test: entry.test ? 1 : 0,
    created_at: now,
  };
}

async function writeEntry(
  trx: Trx,
  wallet: WalletTable,
  row: LedgerEntryTable,
  extra: ChangeInput[],
  now: string,
) {
  const transaction = toTransaction(row);
  const changes = changeRows(now, [
    walletChange(wallet),
    {
      resellerId: row.reseller_id,
      customerId: row.customer_id,
      entity: 'transaction',
      id: row.id,
      op: 'create',
      data: transaction,
    },
    ...extra,
  ]);
  if (trx.dialect === 'postgres') {
    // One round trip instead of two, on every movement, while the wallet's row lock is held.
    await trx
      .with('entry', (db) => db.insertInto('ledger_entries').values(row))
      .insertInto('changes')
      .values(changes)
      .execute();
  } else {
    await trx.insertInto('ledger_entries').values(row).execute();
    await trx.insertInto('changes').values(changes).execute();
  }
  return transaction;
}

/** Credits, debits and adjustments: one wallet move and one ledger row carrying the balance after it. */
export async function postEntry(
  trx: Trx,
  scope: Scope,
  walletId: string,
  entry: EntryInput,
  now: string,
): Promise<MovementResult> {
  const wallet = await moveWallet(trx, scope, walletId, { balance: entry.amount, pending: 0 }, now);
  const transaction = await writeEntry(trx, wallet, entryFor(wallet, entry, now), [], now);
  return { transaction, wallet: toWallet(wallet) };
}

/** Reserves `amount` for a pending charge: it counts in pendingCharges, not in balance. */
export async function placeHold(
  trx: Trx,
  scope: Scope,
  walletId: string,
  input: { amount: number; description: string },
  now: string,
): Promise<{ hold: Hold; wallet: Wallet }> {
  const wallet = await moveWallet(trx, scope, walletId, { balance: 0, pending: input.amount }, now);
  const hold: HoldTable = {
    id: newId('hold'),
    reseller_id: wallet.reseller_id,
    customer_id: wallet.customer_id,
    wallet_id: wallet.id,
    amount: input.amount,
    captured_amount: 0,
    currency: wallet.currency,
    status: 'pending',
    description: input.description,
    transaction_id: null,
    created_at: now,
    updated_at: now,
  };
  await trx.insertInto('holds').values(hold).execute();
  await recordChanges(trx, now, [walletChange(wallet), holdChange(hold, 'create')]);
  return { hold: toHold(hold), wallet: toWallet(wallet) };
}

/**
 * Takes a pending hold out of "pending" exactly once: concurrent captures and releases of the same
 * hold serialise on its row and all but the first find it no longer pending.
 */
async function claimHold(
  trx: Trx,
  scope: Scope,
  holdId: string,
  next: {
    status: 'captured' | 'released';
    /** Omitted: the whole hold. */
    captured_amount?: number;
    transaction_id: string | null;
  },
  now: string,
): Promise<HoldTable> {
  const claimed = await trx
    .updateTable('holds')
    .set({
      status: next.status,
      transaction_id: next.transaction_id,
      captured_amount: next.captured_amount ?? (next.status === 'captured' ? sql<number>`amount` : 0),
      updated_at: now,
    })
    .where('id', '=', holdId)
    .where('reseller_id', '=', scope.resellerId)
    .where('status', '=', 'pending')
    .returningAll()
    .executeTakeFirst();
  if (claimed) return claimed;
  const existing = await trx
    .selectFrom('holds')
    .select('status')
    .where('id', '=', holdId)
    .where('reseller_id', '=', scope.resellerId)
    .executeTakeFirst();
  if (!existing) throw notFound('hold', 'id');
  throw new Failure('hold_not_pending', `this hold is already ${existing.status}`);
}

/** Charges at most the held amount as a `payment` row; the rest of the hold is released. */
export async function captureHold(
  trx: Trx,
  scope: Scope,
  holdId: string,
  input: { amount?: number | undefined },
  now: string,
): Promise<{ hold: Hold; transaction: WalletTransaction; wallet: Wallet }> {
  const transactionId = newId('transaction');
  const hold = await claimHold(
    trx,
    scope,
    holdId,
    { status: 'captured', captured_amount: input.amount, transaction_id: transactionId },
    now,
  );
  const amount = hold.captured_amount;
  if (amount > hold.amount) {
    throw new Failure('validation', `must be at most the held ${hold.amount} minor units`, 'amount');
  }
  const wallet = await moveWallet(
    trx,
    scope,
    hold.wallet_id,
    { balance: -amount, pending: -hold.amount },
    now,
  );
  const row = {
    ...entryFor(
      wallet,
      { type: 'payment', amount: -amount, description: hold.description, relatedId: hold.id },
      now,
    ),
    id: transactionId,
  };
  const transaction = await writeEntry(trx, wallet, row, [holdChange(hold, 'update')], now);
  return { hold: toHold(hold), transaction, wallet: toWallet(wallet) };
}

export async function releaseHold(
  trx: Trx,
  scope: Scope,
  holdId: string,
  now: string,
): Promise<{ hold: Hold; wallet: Wallet }> {
  const hold = await claimHold(
    trx,
    scope,
    holdId,
    { status: 'released', captured_amount: 0, transaction_id: null },
    now,
  );
  const wallet = await moveWallet(trx, scope, hold.wallet_id, { balance: 0, pending: -hold.amount }, now);
  await recordChanges(trx, now, [walletChange(wallet), holdChange(hold, 'update')]);
  return { hold: toHold(hold), wallet: toWallet(wallet) };
}

/**
 * Returns (part of) a `payment` to its wallet. All refunds of one payment together never exceed it:
 * the wallet move locks the wallet first, so the sum read after it includes every committed refund.
 */
export async function refundPayment(
  trx: Trx,
  scope: Scope,
  transactionId: string,
  input: { amount?: number | undefined; reason: string },
  now: string,
): Promise<MovementResult> {
  const payment = await trx
    .selectFrom('ledger_entries')
    .selectAll()
    .where('id', '=', transactionId)
    .where('reseller_id', '=', scope.resellerId)
    .executeTakeFirst();
  if (!payment) throw notFound('transaction', 'id');
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
  const row = entryFor(
    wallet,
    { type: 'refund', amount, description: input.reason, relatedId: payment.id },
    now,
  );
  const transaction = await writeEntry(trx, wallet, row, [], now);
  return { transaction, wallet: toWallet(wallet) };
}

async function refundedSoFar(trx: Trx, paymentId: string): Promise<number> {
  const row = await trx
    .selectFrom('ledger_entries')
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('amount'), eb.lit(0)).as('total'))
    .where('related_id', '=', paymentId)
    .where('type', '=', 'refund')
    .executeTakeFirstOrThrow();
  return Number(row.total);
}
