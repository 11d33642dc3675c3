import type { Invoice, InvoiceApplication } from '../../../shared/api/invoices.js';
import type { Trx } from '../../db/database.js';
import { postEntry } from '../../ledger/movements.js';
import { toInvoice } from '../../wire/invoice.js';
import { Failure } from '../failure.js';
import { attempt, type Result } from '../result.js';
import { requireWrite, type Scope } from '../scope.js';
import { recordAudit } from '../audit/record.js';
import { lockInvoice, refuseUnlessStatus, saveInvoice } from './common.js';
import { cancelCheckouts, openCheckouts, refuseWhileAnotherPays } from './pay.js';

/**
 * Voids an invoice that is not paid (POST /v1/invoices/:id/void): a draft, an open one, or a partly
 * paid one — whose paid part goes back to the wallet first, as one `refund` row referencing the
 * number. A paid invoice is refunded, not voided. Its open checkout is cancelled in the same
 * transaction: paid anyway, it goes to review, as after paying from the wallet. Refused
 * (invoice_processing) while another payment is paying it (see refuseWhileAnotherPays).
 */
export function voidInvoice(
  trx: Trx,
  scope: Scope,
  input: { id: string },
  now: string,
): Promise<
  Result<
    Invoice,
    'not_found' | 'conflict' | 'forbidden' | 'wallet_closed' | 'balance_limit' | 'invoice_processing'
  >
> {
  const codes = [
    'not_found',
    'conflict',
    'forbidden',
    'wallet_closed',
    'balance_limit',
    'invoice_processing',
  ] as const;
  return attempt(codes, async () => {
    requireWrite(scope);
    const row = await lockInvoice(trx, scope, input.id);
    refuseUnlessStatus(row, ['draft', 'open', 'partially_paid'], 'voided');
    // A void invoice takes no payment: a payment already paying it (processing, its saved card being
    // charged, or paid and held for staff) would then only fill the wallet, which is not what its
    // payer meant, so the void waits for it to end. A checkout still open for it is cancelled instead.
    await refuseWhileAnotherPays(trx, row, 'void');
    const cancelled = await cancelCheckouts(trx, scope, row, await openCheckouts(trx, row), now);
    const applications = JSON.parse(row.applications) as InvoiceApplication[];
    const refund = row.amount_paid - row.amount_refunded;
    if (refund > 0) {
      // Every application went through the wallet in the invoice's currency: the refund goes back there.
      const wallet = await trx
        .selectFrom('wallets')
        .select(['id', 'status'])
        .where('customer_id', '=', row.customer_id)
        .where('currency', '=', row.currency)
        .executeTakeFirst();
      if (!wallet || wallet.status !== 'active') {
        throw new Failure(
          'wallet_closed',
          `the ${row.currency} wallet this invoice was paid from is closed`,
          'id',
        );
      }
      const { transaction } = await postEntry(
        trx,
        scope,
        wallet.id,
        {
          type: 'refund',
          amount: refund,
          description: `Refund of void invoice ${row.number ?? row.id}`,
          wording: { kind: 'invoice_void_refund', invoice: row.number ?? row.id },
          reference: row.number,
          relatedId: row.id,
        },
        now,
      );
      applications.push({
        kind: 'refund',
        amount: -refund,
        transactionId: transaction.id,
        paymentId: null,
        topUpTransactionId: null,
        method: 'wallet',
        at: now,
      });
    }
    const saved = await saveInvoice(
      trx,
      row.id,
      {
        status: 'void',
        voided_at: now,
        amount_due: 0,
        amount_refunded: row.amount_refunded + Math.max(refund, 0),
        applications: JSON.stringify(applications),
        // Nor does it go on tracking the cancelled checkout as its payment in progress.
        ...(row.pending_payment_id !== null && cancelled.includes(row.pending_payment_id)
          ? { pending_payment_id: null }
          : {}),
      },
      now,
    );
    await recordAudit(
      trx,
      scope,
      {
        action: 'invoice.voided',
        entityType: 'invoice',
        entityId: row.id,
        before: { status: row.status, amountPaid: row.amount_paid },
        after: { status: 'void', refunded: Math.max(refund, 0) },
      },
      now,
    );
    return toInvoice(saved);
  });
}
