import { newId } from '../../../shared/ids.js';
import type { InvoiceApplication } from '../../../shared/api/invoices.js';
import type { Trx } from '../../db/database.js';
import type { InvoiceTable, WalletTable } from '../../db/schema.js';
import { announceInvoice } from '../../events/invoice-events.js';
import { postEntry } from '../../ledger/movements.js';
import { recordChanges } from '../../sync/record.js';
import { invoiceChange } from '../../wire/invoice.js';
import { Failure } from '../failure.js';
import { findInvoice } from '../lookups.js';
import type { Scope } from '../scope.js';

/** `inv_` and a time-ordered suffix, in the layout of src/shared/ids.ts. */
export const newInvoiceId = () => `inv${newId('transaction').slice('txn'.length)}`;

/** The invoice, locked for the rest of the transaction on PostgreSQL (SQLite has one writer). */
export const lockInvoice = (trx: Trx, scope: Scope, id: string) =>
  findInvoice(trx, scope, id, { forUpdate: trx.dialect === 'postgres' });

/** Writes the changed columns and records the invoice in the feed; answers the row as stored. */
export async function saveInvoice(
  trx: Trx,
  id: string,
  set: Partial<Omit<InvoiceTable, 'id' | 'reseller_id' | 'customer_id' | 'created_at'>>,
  now: string,
): Promise<InvoiceTable> {
  const row = await trx
    .updateTable('invoices')
    .set({ ...set, updated_at: now })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
  await recordChanges(trx, now, [invoiceChange(row, 'update')]);
  // Webhooks (and a receipt) for a status this write changed: issue 12.
  await announceInvoice(trx, row, set, now);
  return row;
}

export const isPayable = (row: InvoiceTable) => row.status === 'open' || row.status === 'partially_paid';

/** The customer's active wallet in the invoice's currency: a wallet in another currency is never used. */
export async function walletInCurrency(trx: Trx, row: InvoiceTable): Promise<WalletTable | undefined> {
  return trx
    .selectFrom('wallets')
    .selectAll()
    .where('reseller_id', '=', row.reseller_id)
    .where('customer_id', '=', row.customer_id)
    .where('currency', '=', row.currency)
    .where('status', '=', 'active')
    .$if(trx.dialect === 'postgres', (q) => q.forUpdate())
    .executeTakeFirst();
}

export interface Applied {
  row: InvoiceTable;
  applied: number;
}

/**
 * Pays up to `max` of the amount due from the wallet in the invoice's currency: one `payment` ledger
 * row whose reference is the invoice number, never below the wallet's available balance (the ledger's
 * guard refuses an overdraft). Applies nothing when the wallet has nothing available.
 */
export async function applyFromWallet(
  trx: Trx,
  row: InvoiceTable,
  wallet: WalletTable,
  now: string,
  extra: {
    max?: number;
    kind?: 'wallet' | 'gateway' | 'transfer';
    paymentId?: string;
    topUpTransactionId?: string;
    method?: string;
    test?: boolean;
    /** A recorded bank transfer's reference and the day it arrived. */
    reference?: string | null;
    receivedOn?: string | null;
  } = {},
): Promise<Applied> {
  const available = wallet.balance - wallet.pending_charges;
  const amount = Math.min(row.amount_due, available, extra.max ?? Number.MAX_SAFE_INTEGER);
  if (amount <= 0 || !isPayable(row)) return { row, applied: 0 };
  const { transaction } = await postEntry(
    trx,
    { resellerId: row.reseller_id, canWrite: true },
    wallet.id,
    {
      type: 'payment',
      amount: -amount,
      description: `Invoice ${row.number ?? row.id}`,
      wording: { kind: 'invoice', invoice: row.number ?? row.id },
      reference: row.number,
      relatedId: row.id,
      ...(extra.test ? { test: true } : {}),
    },
    now,
  );
  const method = extra.method ?? 'wallet';
  const application: InvoiceApplication = {
    kind: extra.kind ?? 'wallet',
    amount,
    transactionId: transaction.id,
    paymentId: extra.paymentId ?? null,
    topUpTransactionId: extra.topUpTransactionId ?? null,
    method,
    at: now,
    ...(extra.test ? { test: true } : {}),
    ...(extra.kind === 'transfer'
      ? { reference: extra.reference ?? null, receivedOn: extra.receivedOn ?? null }
      : {}),
  };
  const amountDue = row.amount_due - amount;
  const amountPaid = row.amount_paid + amount;
  const saved = await saveInvoice(
    trx,
    row.id,
    {
      amount_due: amountDue,
      amount_paid: amountPaid,
      status: amountDue === 0 ? 'paid' : 'partially_paid',
      paid_at: amountDue === 0 ? now : null,
      method_last_used: method,
      applications: JSON.stringify([...(JSON.parse(row.applications) as InvoiceApplication[]), application]),
    },
    now,
  );
  return { row: saved, applied: amount };
}

export function refuseUnlessStatus(
  row: InvoiceTable,
  allowed: InvoiceTable['status'][],
  action: string,
): void {
  if (!allowed.includes(row.status)) {
    throw new Failure(
      'conflict',
      `this invoice is ${row.status}: only ${allowed.join(' or ')} invoices can be ${action}`,
      'status',
    );
  }
}
