import { translatedLabels } from '../i18n';
import { payingStatus, type Invoice, type InvoiceApplication } from '../../shared/api/invoices';
import type { Payment } from '../../shared/api/payments';
import type { BadgeTone } from '../components/Badge';

export type InvoiceDisplayStatus =
  'draft' | 'unpaid' | 'processing' | 'payment_held' | 'partially_paid' | 'paid' | 'void';

export const INVOICE_STATUS_LABELS = translatedLabels<InvoiceDisplayStatus>('invoices', 'invoiceStatus', [
  'draft',
  'unpaid',
  'processing',
  'payment_held',
  'partially_paid',
  'paid',
  'void',
]);

export const INVOICE_STATUS_TONES: Record<InvoiceDisplayStatus, BadgeTone> = {
  draft: 'neutral',
  unpaid: 'warning',
  processing: 'pending',
  payment_held: 'warning',
  partially_paid: 'info',
  paid: 'success',
  void: 'neutral',
};

/** How each row of "Payments and ledger rows" came about. */
export const APPLICATION_KIND_LABELS = translatedLabels<InvoiceApplication['kind']>(
  'invoices',
  'applicationKind',
  ['wallet', 'gateway', 'refund', 'transfer', 'receipt'],
);

/**
 * The status as the customer reads it: an open invoice is "Unpaid", and "Processing" while a payment
 * opened for it is seen by its provider but not yet confirmed (a crypto payment awaiting confirmations)
 * or while its saved card is being charged off-session for its rest (auto-pay).
 * Paid at its provider but held for staff (its wallet could not take the money), the payment arrived:
 * the invoice says so, not "Unpaid", or its payer would pay it again (see payingStatus). Its saved
 * method's charge held unanswered for staff to look up, it is "Processing": nothing is known to have
 * arrived.
 */
export function displayStatus(
  invoice: Pick<Invoice, 'status'>,
  pendingPayment:
    | (Pick<Payment, 'status'> & Partial<Pick<Payment, 'heldForReview' | 'savedMethodId' | 'checkout'>>)
    | null
    | undefined,
): InvoiceDisplayStatus {
  if (invoice.status === 'open' || invoice.status === 'partially_paid') {
    const paying = pendingPayment ? payingStatus(pendingPayment) : null;
    if (paying) return paying;
    return invoice.status === 'open' ? 'unpaid' : 'partially_paid';
  }
  return invoice.status;
}

/**
 * Past its due date (a UTC day) with money still due; not while a payment of it is under way or
 * arrived and waits for staff (`shown`, from displayStatus: Processing, or Payment arrived): the
 * payer has paid, or is being charged, and nobody can pay it meanwhile.
 */
export function isOverdue(
  invoice: Pick<Invoice, 'status' | 'dueDate' | 'amountDue'>,
  today: string,
  shown?: InvoiceDisplayStatus,
): boolean {
  return (
    shown !== 'payment_held' &&
    shown !== 'processing' &&
    (invoice.status === 'open' || invoice.status === 'partially_paid') &&
    invoice.amountDue > 0 &&
    invoice.dueDate !== null &&
    invoice.dueDate < today
  );
}
