import type { CreateInvoiceBody, Invoice, UpdateInvoiceBody } from '../../../shared/api/invoices.js';
import type { Trx } from '../../db/database.js';
import type { InvoiceTable } from '../../db/schema.js';
import { recordChanges } from '../../sync/record.js';
import { invoiceChange, toInvoice } from '../../wire/invoice.js';
import { findCustomer } from '../lookups.js';
import { attempt, type Result } from '../result.js';
import { requireWrite, type Scope } from '../scope.js';
import { lockInvoice, newInvoiceId, refuseUnlessStatus, saveInvoice } from './common.js';
import { computeTotals } from './totals.js';

/** A draft invoice for a customer (POST /v1/customers/:id/invoices): no number, nothing due yet. */
export function createInvoiceDraft(
  trx: Trx,
  scope: Scope,
  input: CreateInvoiceBody & { customerId: string },
  now: string,
): Promise<Result<Invoice, 'not_found' | 'validation' | 'forbidden'>> {
  return attempt(['not_found', 'validation', 'forbidden'], async () => {
    requireWrite(scope);
    const customer = await findCustomer(trx, scope, input.customerId);
    const totals = computeTotals(input.lines);
    const row: InvoiceTable = {
      id: newInvoiceId(),
      reseller_id: scope.resellerId,
      customer_id: customer.id,
      number: null,
      sequence: null,
      status: 'draft',
      currency: input.currency,
      lines: JSON.stringify(totals.lines),
      subtotal: totals.subtotal,
      tax: totals.tax,
      total: totals.total,
      amount_paid: 0,
      amount_refunded: 0,
      amount_due: totals.total,
      memo: input.memo ?? null,
      due_date: input.dueDate ?? null,
      auto_pay: input.autoPay === undefined ? null : input.autoPay ? 1 : 0,
      method_last_used: null,
      applications: '[]',
      pending_payment_id: null,
      top_up_wallet_id: null,
      issued_at: null,
      paid_at: null,
      voided_at: null,
      created_at: now,
      updated_at: now,
    };
    await trx.insertInto('invoices').values(row).execute();
    await recordChanges(trx, now, [invoiceChange(row, 'create')]);
    return toInvoice(row);
  });
}

/** Changes a draft (PATCH /v1/invoices/:id); once finalized an invoice's lines never change. */
export function updateInvoiceDraft(
  trx: Trx,
  scope: Scope,
  input: UpdateInvoiceBody & { id: string },
  now: string,
): Promise<Result<Invoice, 'not_found' | 'validation' | 'conflict' | 'forbidden'>> {
  return attempt(['not_found', 'validation', 'conflict', 'forbidden'], async () => {
    requireWrite(scope);
    const current = await lockInvoice(trx, scope, input.id);
    refuseUnlessStatus(current, ['draft'], 'changed');
    const totals = input.lines ? computeTotals(input.lines) : null;
    const row = await saveInvoice(
      trx,
      current.id,
      {
        ...(input.currency ? { currency: input.currency } : {}),
        ...(input.dueDate !== undefined ? { due_date: input.dueDate } : {}),
        ...(input.memo !== undefined ? { memo: input.memo } : {}),
        ...(input.autoPay !== undefined
          ? { auto_pay: input.autoPay === null ? null : input.autoPay ? 1 : 0 }
          : {}),
        ...(totals
          ? {
              lines: JSON.stringify(totals.lines),
              subtotal: totals.subtotal,
              tax: totals.tax,
              total: totals.total,
              amount_due: totals.total,
            }
          : {}),
      },
      now,
    );
    return toInvoice(row);
  });
}
