import type { Invoice, InvoiceApplication } from '../../../shared/api/invoices.js';
import { formatMoney } from '../../../shared/money.js';
import { announceInvoice } from '../../events/invoice-events.js';
import { customerLanguage } from '../../email/recipients.js';
import { textIn } from '../../i18n/text.js';
import type { Trx } from '../../db/database.js';
import type { InvoiceTable } from '../../db/schema.js';
import { postEntry } from '../../ledger/movements.js';
import { recordChanges } from '../../sync/record.js';
import { invoiceChange, toInvoice } from '../../wire/invoice.js';
import { Failure } from '../failure.js';
import { findWallet } from '../lookups.js';
import { attempt, type Result } from '../result.js';
import { requireWrite, type Scope } from '../scope.js';
import { openWallet } from '../wallets/open.js';
import {
  applyFromWallet,
  isPayable,
  lockInvoice,
  newInvoiceId,
  saveInvoice,
  walletInCurrency,
} from './common.js';
import { DEFAULT_TERMS_DAYS, nextNumber } from './finalize.js';
import { cancelCheckouts, openCheckouts, refuseWhileAnotherPays } from './pay.js';

/**
 * "Invoice" as a top-up method (POST /v1/wallets/:id/invoice-top-ups): an open, numbered invoice for
 * the amount, printed with the reseller's bank details and its number as the transfer's reference.
 * Nothing moves until staff record the transfer (markInvoicePaid), which credits the wallet once.
 */
export function createTopUpInvoice(
  trx: Trx,
  scope: Scope,
  input: { walletId: string; amount: number },
  now: string,
): Promise<Result<Invoice, 'not_found' | 'wallet_closed' | 'method_unavailable'>> {
  return attempt(['not_found', 'wallet_closed', 'method_unavailable'], async () => {
    const wallet = await findWallet(trx, scope, input.walletId);
    if (wallet.status !== 'active')
      throw new Failure('wallet_closed', 'this wallet is closed and accepts no top-up');
    const series = await trx
      .selectFrom('invoice_series')
      .select(['bank_details', 'offer_top_up'])
      .where('reseller_id', '=', scope.resellerId)
      .executeTakeFirst();
    if (series?.offer_top_up !== 1) {
      throw new Failure(
        'method_unavailable',
        '"Invoice" is not offered as a top-up method: the reseller turns it on in its invoice settings',
        'method',
      );
    }
    const { sequence, number } = await nextNumber(trx, scope.resellerId, now);
    // Issued to the customer in the customer's language; the PDF words it again in another (pdf.ts).
    const text = textIn(await customerLanguage(trx, wallet.customer_id));
    const row: InvoiceTable = {
      id: newInvoiceId(),
      reseller_id: scope.resellerId,
      customer_id: wallet.customer_id,
      number,
      sequence,
      status: 'open',
      currency: wallet.currency,
      lines: JSON.stringify([
        {
          description: text.t('pdf.invoice.line.topUp', { currency: wallet.currency }),
          quantity: 1,
          unitAmount: input.amount,
          taxRateBps: null,
          amount: input.amount,
        },
      ]),
      subtotal: input.amount,
      tax: 0,
      total: input.amount,
      amount_paid: 0,
      amount_refunded: 0,
      amount_due: input.amount,
      memo: text.t('pdf.invoice.memo.bankTransfer', {
        amount: text.money(input.amount, wallet.currency),
        bank: series?.bank_details ?? text.t('pdf.invoice.memo.noBankDetails'),
        reference: number,
      }),
      due_date: new Date(Date.parse(now) + DEFAULT_TERMS_DAYS * 86_400_000).toISOString().slice(0, 10),
      auto_pay: 0,
      method_last_used: null,
      applications: '[]',
      pending_payment_id: null,
      top_up_wallet_id: wallet.id,
      issued_at: now,
      paid_at: null,
      voided_at: null,
      created_at: now,
      updated_at: now,
    };
    await trx.insertInto('invoices').values(row).execute();
    await recordChanges(trx, now, [invoiceChange(row, 'create')]);
    // Issued numbered at once: invoice.finalized (issue 12).
    await announceInvoice(trx, row, { number: row.number }, now);
    return toInvoice(row);
  });
}

/** A day a transfer arrived may be "today" east of UTC, so one day past UTC's today is still accepted. */
const latestReceivedOn = (now: string) => new Date(Date.parse(now) + 86_400_000).toISOString().slice(0, 10);

/**
 * Staff record a bank transfer that arrived for an invoice (POST /v1/invoices/:id/mark-paid): the
 * money comes in as a `top_up` of the wallet in the invoice's currency. For a top-up invoice that
 * is all (the wallet is what was bought); any other invoice is then paid from that wallet (a
 * `payment`), so the ledger stays the one truth. `amount` (minor units) is at most the amount due,
 * the whole of it when left out; less leaves the invoice partly paid. A paid invoice is refused.
 * Its open checkout is cancelled in the same transaction, as paying from the wallet does.
 */
export function markInvoicePaid(
  trx: Trx,
  scope: Scope,
  input: {
    id: string;
    amount?: number | undefined;
    reference?: string | undefined;
    receivedOn?: string | undefined;
  },
  now: string,
): Promise<
  Result<
    Invoice,
    | 'not_found'
    | 'conflict'
    | 'forbidden'
    | 'validation'
    | 'wallet_closed'
    | 'balance_limit'
    | 'invoice_processing'
  >
> {
  return attempt(
    [
      'not_found',
      'conflict',
      'forbidden',
      'validation',
      'wallet_closed',
      'balance_limit',
      'invoice_processing',
    ],
    async () => {
      requireWrite(scope);
      const row = await lockInvoice(trx, scope, input.id);
      if (!isPayable(row)) {
        throw new Failure('conflict', `this invoice is ${row.status}: nothing is due`, 'status');
      }
      const amount = input.amount ?? row.amount_due;
      if (amount > row.amount_due) {
        throw new Failure(
          'validation',
          `must be at most the amount due, ${formatMoney(row.amount_due, row.currency)}`,
          'amount',
        );
      }
      if (input.receivedOn !== undefined && input.receivedOn > latestReceivedOn(now)) {
        throw new Failure('validation', 'must not be a day still to come', 'receivedOn');
      }
      const transfer = { reference: input.reference ?? null, receivedOn: input.receivedOn ?? null };
      // A payment its provider is confirming (or a saved card being charged, or one paid and held for
      // staff) pays it already: recorded too, the transfer would pay it twice.
      await refuseWhileAnotherPays(trx, row);
      // The transfer pays it now: a checkout still open for it would, paid later, only fill the
      // wallet (the invoice paid or its amount changed), which is not what its payer meant.
      const cancelled = await cancelCheckouts(trx, scope, row, await openCheckouts(trx, row), now);
      let walletId = row.top_up_wallet_id ?? (await walletInCurrency(trx, row))?.id;
      if (!walletId) {
        const opened = await openWallet(
          trx,
          scope,
          { customerId: row.customer_id, currency: row.currency },
          now,
        );
        if (!opened.ok)
          throw new Failure('wallet_closed', `the customer's ${row.currency} wallet is closed`, 'id');
        walletId = opened.value.id;
      }
      const { transaction, wallet } = await postEntry(
        trx,
        scope,
        walletId,
        {
          type: 'top_up',
          amount,
          description: `Bank transfer for invoice ${row.number ?? row.id}${input.reference ? ` (${input.reference})` : ''}`,
          wording: {
            kind: 'invoice_bank_transfer',
            invoice: row.number ?? row.id,
            reference: input.reference ?? null,
          },
          reference: row.number,
          relatedId: row.id,
        },
        now,
      );
      if (row.top_up_wallet_id) {
        const application: InvoiceApplication = {
          kind: 'transfer',
          amount,
          transactionId: transaction.id,
          paymentId: null,
          topUpTransactionId: transaction.id,
          method: 'bank_transfer',
          at: now,
          ...transfer,
        };
        const amountDue = row.amount_due - amount;
        const paid = await saveInvoice(
          trx,
          row.id,
          {
            amount_due: amountDue,
            amount_paid: row.amount_paid + amount,
            status: amountDue === 0 ? 'paid' : 'partially_paid',
            paid_at: amountDue === 0 ? now : null,
            method_last_used: 'bank_transfer',
            applications: JSON.stringify([
              ...(JSON.parse(row.applications) as InvoiceApplication[]),
              application,
            ]),
          },
          now,
        );
        return toInvoice(paid);
      }
      const locked = await trx
        .selectFrom('wallets')
        .selectAll()
        .where('id', '=', wallet.id)
        .executeTakeFirstOrThrow();
      const { row: paid } = await applyFromWallet(trx, row, locked, now, {
        max: amount,
        kind: 'transfer',
        topUpTransactionId: transaction.id,
        method: 'bank_transfer',
        ...transfer,
      });
      // Nor does it track the cancelled checkout as its payment in progress (partly paid, it would show it).
      const tracked = paid.pending_payment_id !== null && cancelled.includes(paid.pending_payment_id);
      return toInvoice(tracked ? await saveInvoice(trx, paid.id, { pending_payment_id: null }, now) : paid);
    },
  );
}
