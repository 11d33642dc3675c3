import { newId } from '../../shared/ids.js';
import type { LedgerWording } from '../../shared/api/ledger-wording.js';
import type { Wallet, WalletTransaction } from '../../shared/api/wallets.js';
import type { Trx } from '../db/database.js';
import type { HoldTable, LedgerEntryTable, WalletTable } from '../db/schema.js';
import type { AuditAction } from '../../shared/api/audit.js';
import type { Actor, Scope } from '../services/scope.js';
import { toHold } from '../wire/hold.js';
import { toTransaction } from '../wire/transaction.js';
import { toWallet } from '../wire/wallet.js';
import { changeRows, numberedRows, type ChangeInput } from '../sync/record.js';
import { moveWallet } from './wallet-guard.js';
import { afterWalletMoved } from '../services/alerts/evaluate.js';

export interface MovementResult {
  transaction: WalletTransaction;
  wallet: Wallet;
}

export interface EntryInput {
  type: LedgerEntryTable['type'];
  amount: number;
  description: string;
  reference?: string | null | undefined;
  relatedId?: string | null;
  /** A test-mode movement (a sandbox top-up): no real money moved. */
  test?: boolean;
  /** What a row the server writes itself says, for a console to word in its language. */
  wording?: LedgerWording;
  /**
   * A staff movement: the row is its own audit record (migration 0450), naming the action and who
   * made it (the scope's actor; none: the system). The trail reads it back (services/audit/list.ts).
   */
  audit?: { action: AuditAction; actor: Actor | undefined };
}

/** The change-feed row of a wallet that was created or changed. */
export const walletChange = (w: WalletTable, op: 'create' | 'update' = 'update'): ChangeInput => ({
  resellerId: w.reseller_id,
  customerId: w.customer_id,
  entity: 'wallet',
  id: w.id,
  op,
  data: toWallet(w),
});

/** The change-feed row of a hold that was placed or settled. */
export const holdChange = (h: HoldTable, op: 'create' | 'update'): ChangeInput => ({
  resellerId: h.reseller_id,
  customerId: h.customer_id,
  entity: 'hold',
  id: h.id,
  op,
  data: toHold(h),
});

/** The ledger row for a wallet that has just moved by `entry.amount`. */
export function entryFor(wallet: WalletTable, entry: EntryInput, now: string): LedgerEntryTable {
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
    wording: entry.wording ? JSON.stringify(entry.wording) : null,
    ...auditColumns(entry.audit),
    created_at: now,
  };
}

/** The audit columns of a ledger row: all null unless the row is a staff movement's record. */
function auditColumns(audit: EntryInput['audit']) {
  return {
    audit_action: audit?.action ?? null,
    actor_user_id: audit?.actor?.userId ?? null,
    actor_api_key_id: audit?.actor?.apiKeyId ?? null,
    actor_role: audit ? (audit.actor?.role ?? 'system') : null,
  };
}

/** Writes a ledger row and its change-feed rows (the wallet's, the row's, and `extra`). */
export async function writeEntry(
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
    await trx.insertInto('changes').values(numberedRows(trx, changes)).execute();
  }
  // Low-balance alerts and auto top-up: in this movement's transaction, under the wallet's lock.
  await afterWalletMoved(trx, wallet, now);
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
