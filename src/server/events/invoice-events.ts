import type { Trx } from '../db/database.js';
import type { InvoiceTable } from '../db/schema.js';
import { enqueueEmailIn } from '../email/enqueue.js';
import { invoiceReceiptEmail } from '../email/templates/invoice-receipt.js';
import { toInvoice } from '../wire/invoice.js';
import { customerContact } from './contact.js';
import { emitEvent } from './emit.js';

/**
 * An invoice row was written (services/invoices/common.ts saveInvoice, or an insert), in that
 * write's transaction: `invoice.finalized` when it got its number, `invoice.paid` (and a receipt
 * to the customer) when its status became paid, `invoice.voided` when an issued one became void. `set` is
 * what the write changed, so a write that leaves the status alone raises nothing; paid and void
 * are final, so each is raised once.
 */
export async function announceInvoice(
  trx: Trx,
  row: InvoiceTable,
  set: Partial<InvoiceTable>,
  now: string,
): Promise<void> {
  const finalized = set.number !== undefined && set.number !== null;
  const paid = set.status === 'paid';
  // A draft was never issued: receivers never heard of it, so voiding it tells them nothing.
  const voided = set.status === 'void' && row.number !== null;
  if (!finalized && !paid && !voided) return;
  const invoice = toInvoice(row);
  if (finalized) await emitEvent(trx, row.reseller_id, 'invoice.finalized', { invoice }, now);
  if (voided) await emitEvent(trx, row.reseller_id, 'invoice.voided', { invoice }, now);
  if (!paid) return;
  await emitEvent(trx, row.reseller_id, 'invoice.paid', { invoice }, now);
  // A zero invoice is paid by being issued: there is nothing to give a receipt for.
  if (row.total === 0) return;
  const contact = await customerContact(trx, row.reseller_id, row.customer_id);
  if (!contact.email) return;
  await enqueueEmailIn(
    trx,
    row.reseller_id,
    [{ address: contact.email, language: contact.language }],
    (text) =>
      invoiceReceiptEmail(text, {
        resellerName: contact.resellerName,
        customerName: contact.customerName,
        number: row.number ?? row.id,
        total: Number(row.total),
        amountPaid: Number(row.amount_paid),
        currency: row.currency,
        method: row.method_last_used,
        paidAt: row.paid_at ?? now,
        test: invoice.test || invoice.payments.some((p) => p.test === true),
      }),
    now,
  );
}
