import { FINAL_PAYMENT_STATUSES } from '../../../shared/api/payments.js';
import type { ApplyBankLine, BankLineApplication } from '../../../shared/api/bank-lines.js';
import { newId } from '../../../shared/ids.js';
import { formatMoney } from '../../../shared/money.js';
import type { Trx } from '../../db/database.js';
import type { BankLineApplicationTable, PaymentTable } from '../../db/schema.js';
import { postEntry } from '../../ledger/movements.js';
import { linkCredit } from '../../payments/link-credit.js';
import { recordAudit } from '../audit/record.js';
import { Failure } from '../failure.js';
import { isPayable } from '../invoices/common.js';
import { lockInvoiceOf } from '../invoices/pay.js';
import { markInvoicePaid } from '../invoices/transfer.js';
import { findInvoice, findPayment } from '../lookups.js';
import { attempt, type Result } from '../result.js';
import { requireWrite, type Scope } from '../scope.js';

export type ApplyBankLineRefusal =
  'forbidden' | 'not_found' | 'conflict' | 'validation' | 'wallet_closed' | 'balance_limit';

const FINAL = FINAL_PAYMENT_STATUSES as PaymentTable['status'][];

/**
 * Applies one confirmed bank-statement line (the reconciliation workbench, POST /v1/bank-lines/apply):
 * a pending top-up becomes paid and credits its wallet, or an open invoice is paid by the transfer
 * (services/invoices/transfer.ts), in the caller's transaction, audited.
 *
 * Exactly once per bank line: the line's reference is claimed first under a unique index (reseller,
 * bank_reference). A second application — a retry, another desktop, a concurrent request, which on
 * PostgreSQL waits for the first to commit — claims nothing and answers the first application,
 * `alreadyApplied`, crediting nothing. The amount must be what the target asks, and the target
 * still waiting: any other line is refused, and its refusal says what staff can do with the money
 * (credit it to the customer's wallet: no payment review is opened for a bank line).
 */
export function applyBankLine(
  trx: Trx,
  scope: Scope,
  input: ApplyBankLine,
  now: string,
): Promise<Result<BankLineApplication, ApplyBankLineRefusal>> {
  return attempt(['forbidden', 'not_found', 'conflict', 'validation', 'wallet_closed', 'balance_limit'], () =>
    apply(trx, scope, input, now),
  );
}

async function apply(
  trx: Trx,
  scope: Scope,
  input: ApplyBankLine,
  now: string,
): Promise<BankLineApplication> {
  requireWrite(scope);
  const claim: BankLineApplicationTable = {
    id: `bkl${newId('transaction').slice('txn'.length)}`,
    reseller_id: scope.resellerId,
    bank_reference: input.bankReference,
    amount: input.amount,
    currency: input.currency,
    line_date: input.date,
    description: input.description,
    target_kind: input.target.kind,
    target_id: input.target.id,
    // Filled in below, in this transaction, once the ledger row exists.
    wallet_id: '',
    transaction_id: '',
    created_at: now,
  };
  const claimed = await trx
    .insertInto('bank_line_applications')
    .values(claim)
    .onConflict((oc) => oc.columns(['reseller_id', 'bank_reference']).doNothing())
    .returning('id')
    .executeTakeFirst();
  if (!claimed)
    return { ...toApplication(await earlier(trx, scope, input.bankReference)), alreadyApplied: true };

  const { walletId, transactionId } =
    input.target.kind === 'payment'
      ? await payPayment(trx, scope, input, input.target.id, now)
      : await payInvoice(trx, scope, input, input.target.id, now);
  const row = await trx
    .updateTable('bank_line_applications')
    .set({ wallet_id: walletId, transaction_id: transactionId })
    .where('id', '=', claim.id)
    .returningAll()
    .executeTakeFirstOrThrow();
  await recordAudit(
    trx,
    scope,
    {
      action: 'bank_line.applied',
      entityType: input.target.kind,
      entityId: input.target.id,
      after: {
        bankReference: input.bankReference,
        amount: input.amount,
        currency: input.currency,
        date: input.date,
        walletId,
        transactionId,
      },
      reason: input.reason ?? input.description,
    },
    now,
  );
  return { ...toApplication(row), alreadyApplied: false };
}

/** What staff can do with a transfer no target takes: the money arrived, so it goes to the customer. */
const CREDIT_INSTEAD = "credit what arrived to the customer's wallet instead";

function mismatch(input: ApplyBankLine, due: number, currency: string, what: string): Failure {
  const line = formatMoney(input.amount, input.currency);
  return new Failure(
    'validation',
    `the bank line is ${line} and the ${what} asks ${formatMoney(due, currency as ApplyBankLine['currency'])}: a line is applied for the exact amount only; ${CREDIT_INSTEAD}`,
    'amount',
  );
}

/** A pending top-up paid by the line, as settling it would: paid once, then its wallet credited. */
async function payPayment(trx: Trx, scope: Scope, input: ApplyBankLine, id: string, now: string) {
  const payment = await findPayment(trx, scope, id, { field: 'target.id' });
  if (FINAL.includes(payment.status)) {
    throw new Failure(
      'conflict',
      `this payment is ${payment.status}: nothing is waiting for the transfer; ${CREDIT_INSTEAD}`,
      'target.id',
    );
  }
  if (payment.currency !== input.currency || payment.amount !== input.amount) {
    throw mismatch(input, payment.amount, payment.currency, 'payment');
  }
  const claimed = await trx
    .updateTable('payments')
    .set({
      status: 'paid',
      paid_at: now,
      underpaid: 0,
      // The statement line that paid it: staff searching for the bank's reference find the payment.
      bank_references: JSON.stringify([
        ...new Set([
          ...(payment.bank_references ? (JSON.parse(payment.bank_references) as string[]) : []),
          input.bankReference,
        ]),
      ]),
      updated_at: now,
    })
    .where('id', '=', payment.id)
    .where('status', 'not in', FINAL)
    .returningAll()
    .executeTakeFirst();
  if (!claimed) throw new Failure('conflict', 'this payment was settled meanwhile', 'target.id');
  if (claimed.invoice_id) await lockInvoiceOf(trx, claimed);
  const { transaction, wallet } = await postEntry(
    trx,
    { resellerId: scope.resellerId, canWrite: true },
    payment.wallet_id,
    {
      type: 'top_up',
      amount: payment.amount,
      description: `Bank transfer ${input.bankReference} matched by staff`,
      wording: { kind: 'bank_transfer_matched', reference: input.bankReference },
      reference: payment.id,
      relatedId: payment.id,
    },
    now,
  );
  await linkCredit(trx, payment.id, { transaction, wallet, test: false }, now);
  return { walletId: wallet.id, transactionId: transaction.id };
}

/** An open invoice paid by the line: the transfer tops its wallet up, then pays it (markInvoicePaid). */
async function payInvoice(trx: Trx, scope: Scope, input: ApplyBankLine, id: string, now: string) {
  const invoice = await findInvoice(trx, scope, id, { field: 'target.id' });
  if (!isPayable(invoice)) {
    throw new Failure(
      'conflict',
      `invoice ${invoice.number ?? invoice.id} is ${invoice.status === 'paid' ? 'already paid' : invoice.status}: nothing is waiting for the transfer; ${CREDIT_INSTEAD}`,
      'target.id',
    );
  }
  if (invoice.currency !== input.currency || invoice.amount_due !== input.amount) {
    throw mismatch(input, invoice.amount_due, invoice.currency, 'invoice');
  }
  const paid = await markInvoicePaid(
    trx,
    scope,
    { id, reference: input.bankReference, receivedOn: input.date },
    now,
  );
  if (!paid.ok) throw paid.failure;
  const transfer = paid.value.payments.findLast((a) => a.kind === 'transfer');
  const transactionId = transfer?.topUpTransactionId ?? transfer?.transactionId;
  if (!transactionId) throw new Error(`invoice ${id} was marked paid without a transfer row`);
  const entry = await trx
    .selectFrom('ledger_entries')
    .select('wallet_id')
    .where('id', '=', transactionId)
    .executeTakeFirstOrThrow();
  return { walletId: entry.wallet_id, transactionId };
}

async function earlier(trx: Trx, scope: Scope, bankReference: string) {
  return trx
    .selectFrom('bank_line_applications')
    .selectAll()
    .where('reseller_id', '=', scope.resellerId)
    .where('bank_reference', '=', bankReference)
    .executeTakeFirstOrThrow();
}

function toApplication(row: BankLineApplicationTable): Omit<BankLineApplication, 'alreadyApplied'> {
  return {
    bankReference: row.bank_reference,
    target: { kind: row.target_kind, id: row.target_id },
    walletId: row.wallet_id,
    transactionId: row.transaction_id,
    amount: row.amount,
    currency: row.currency,
    appliedAt: row.created_at,
  };
}
