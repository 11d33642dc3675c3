import type { Invoice, InvoiceApplication } from '../../../shared/api/invoices.js';
import type { Trx } from '../../db/database.js';
import type { InvoiceTable } from '../../db/schema.js';
import { announceInvoice } from '../../events/invoice-events.js';
import { customerLanguage } from '../../email/recipients.js';
import { textIn } from '../../i18n/text.js';
import { recordChanges } from '../../sync/record.js';
import { invoiceChange, toInvoice } from '../../wire/invoice.js';
import { Failure } from '../failure.js';
import { findPayment } from '../lookups.js';
import { attempt, type Result } from '../result.js';
import type { Scope } from '../scope.js';
import { newInvoiceId } from './common.js';
import { nextNumber, nextTestNumber } from './finalize.js';

export interface Receipt {
  invoice: Invoice;
  /** False when the payment already had its receipt: the same invoice is answered again. */
  created: boolean;
}

/**
 * A receipt for a paid top-up (POST /v1/payments/:id/invoice), at the customer's request: an invoice
 * issued `paid`, with the next number of the reseller's series, for the amount the payment put into
 * the wallet. A test-mode top-up's receipt is a test one (`test`), numbered `TEST-…` from its own
 * counter, never from the real series. Nothing moves — the top-up's ledger row is the money; the
 * invoice only documents it (and raises `invoice.paid`). One per payment: the payment is locked (PostgreSQL; SQLite has one writer) and the unique index of
 * migration 0160 stands behind it, so asking again answers the same invoice.
 */
export function requestReceiptInvoice(
  trx: Trx,
  scope: Scope,
  input: { paymentId: string },
  now: string,
): Promise<Result<Receipt, 'not_found' | 'conflict'>> {
  return attempt(['not_found', 'conflict'], async () => {
    const payment = await findPayment(trx, scope, input.paymentId, {
      forUpdate: trx.dialect === 'postgres',
    });
    const existing = await trx
      .selectFrom('invoices')
      .selectAll()
      .where('reseller_id', '=', scope.resellerId)
      .where('receipt_payment_id', '=', payment.id)
      .executeTakeFirst();
    if (existing) return { invoice: toInvoice(existing), created: false };
    if (payment.status !== 'paid' || !payment.transaction_id) {
      throw new Failure(
        'conflict',
        `this payment is ${payment.status}: only a paid top-up has a receipt`,
        'status',
      );
    }
    if (payment.invoice_id) {
      throw new Failure('conflict', 'this payment paid an invoice: that invoice is its receipt', 'id');
    }
    // The top-up's ledger row is what reached the wallet (an under- or overpaid crypto payment differs
    // from the amount asked), so the receipt states that amount.
    const topUp = await trx
      .selectFrom('ledger_entries')
      .select(['amount', 'test'])
      .where('id', '=', payment.transaction_id)
      .executeTakeFirstOrThrow();
    const amount = Number(topUp.amount);
    // A test-mode (sandbox) top-up moved no real money: its receipt says it is a test and is numbered
    // apart, so test payments never consume (or leave gaps in) the reseller's legal invoice series.
    const test = Number(topUp.test) === 1;
    const { sequence, number } = test
      ? await nextTestNumber(trx, scope.resellerId, now)
      : await nextNumber(trx, scope.resellerId, now);
    const paidAt = payment.paid_at ?? now;
    const text = textIn(await customerLanguage(trx, payment.customer_id));
    const application: InvoiceApplication = {
      kind: 'receipt',
      amount,
      transactionId: payment.transaction_id,
      paymentId: payment.id,
      topUpTransactionId: payment.transaction_id,
      method: payment.provider,
      at: paidAt,
      ...(test ? { test: true } : {}),
    };
    const row: InvoiceTable = {
      id: newInvoiceId(),
      reseller_id: scope.resellerId,
      customer_id: payment.customer_id,
      number,
      sequence,
      status: 'paid',
      currency: payment.currency,
      lines: JSON.stringify([
        {
          // In the customer's language; the PDF words it again in another (pdf.ts reads it back).
          description: text.t(test ? 'pdf.invoice.line.topUpReceiptTest' : 'pdf.invoice.line.topUpReceipt', {
            currency: payment.currency,
            payment: payment.id,
          }),
          quantity: 1,
          unitAmount: amount,
          taxRateBps: null,
          amount,
        },
      ]),
      subtotal: amount,
      tax: 0,
      total: amount,
      amount_paid: amount,
      amount_refunded: 0,
      amount_due: 0,
      memo: text.t(test ? 'pdf.invoice.memo.receiptTest' : 'pdf.invoice.memo.receipt', {
        day: text.day(paidAt),
      }),
      due_date: null,
      auto_pay: 0,
      method_last_used: payment.provider,
      applications: JSON.stringify([application]),
      pending_payment_id: null,
      top_up_wallet_id: null,
      receipt_payment_id: payment.id,
      test: test ? 1 : 0,
      issued_at: now,
      paid_at: paidAt,
      voided_at: null,
      created_at: now,
      updated_at: now,
    };
    await trx.insertInto('invoices').values(row).execute();
    await recordChanges(trx, now, [invoiceChange(row, 'create')]);
    // An invoice paid in full, by a gateway payment (docs/webhooks.md): `invoice.paid` and the
    // customer's invoice receipt, as every paid invoice. No `invoice.finalized`: it is issued paid,
    // never open. The money itself was announced when the top-up was credited (`wallet.topped_up`).
    await announceInvoice(trx, row, { status: 'paid' }, now);
    return { invoice: toInvoice(row), created: true };
  });
}
