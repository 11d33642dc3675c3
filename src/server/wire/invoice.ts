import type { Invoice, InvoiceApplication, InvoiceLine } from '../../shared/api/invoices.js';
import type { InvoiceTable } from '../db/schema.js';
import type { ChangeInput } from '../sync/record.js';

/** An invoice row as the routes answer it and the change feed carries it. */
export function toInvoice(row: InvoiceTable): Invoice {
  return {
    id: row.id,
    customerId: row.customer_id,
    number: row.number,
    status: row.status,
    currency: row.currency,
    lines: JSON.parse(row.lines) as InvoiceLine[],
    subtotal: Number(row.subtotal),
    tax: Number(row.tax),
    total: Number(row.total),
    amountPaid: Number(row.amount_paid),
    amountRefunded: Number(row.amount_refunded),
    amountDue: Number(row.amount_due),
    memo: row.memo,
    dueDate: row.due_date,
    autoPay: row.auto_pay === null ? null : row.auto_pay === 1,
    methodLastUsed: row.method_last_used,
    payments: JSON.parse(row.applications) as InvoiceApplication[],
    pendingPaymentId: row.pending_payment_id,
    topUpWalletId: row.top_up_wallet_id,
    receiptPaymentId: row.receipt_payment_id ?? null,
    test: Number(row.test ?? 0) === 1,
    issuedAt: row.issued_at,
    paidAt: row.paid_at,
    voidedAt: row.voided_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export const invoiceChange = (row: InvoiceTable, op: 'create' | 'update'): ChangeInput => ({
  resellerId: row.reseller_id,
  customerId: row.customer_id,
  entity: 'invoice',
  id: row.id,
  op,
  data: toInvoice(row),
});
