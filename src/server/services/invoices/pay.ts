import type { z } from 'zod';
import type { Invoice, invoiceCheckoutBody } from '../../../shared/api/invoices.js';
import type { Trx } from '../../db/database.js';
import type { InvoiceTable, PaymentTable } from '../../db/schema.js';
import type { OfferedGateways } from '../../payments/providers.js';
import { toInvoice } from '../../wire/invoice.js';
import { Failure } from '../failure.js';
import { cancelPayment } from '../payments/cancel.js';
import { createTopUp, type CreateTopUpFailure } from '../payments/create-top-up.js';
import { openWallet } from '../wallets/open.js';
import { attempt, unwrap, type Result } from '../result.js';
import type { Scope } from '../scope.js';
import { applyFromWallet, isPayable, lockInvoice, saveInvoice, walletInCurrency } from './common.js';

/**
 * Applies the wallet in the invoice's currency now (POST /v1/invoices/:id/pay {source: "wallet"}):
 * all that is due, or what is available. Refused when the wallet has nothing to give. Its open
 * checkout is cancelled in the same transaction; paid anyway, it goes to review (see oneOpenCheckout).
 */
export function payInvoiceFromWallet(
  trx: Trx,
  scope: Scope,
  input: { id: string },
  now: string,
): Promise<Result<Invoice, 'not_found' | 'conflict' | 'insufficient_funds' | 'invoice_processing'>> {
  return attempt(['not_found', 'conflict', 'insufficient_funds', 'invoice_processing'], async () => {
    const row = await lockInvoice(trx, scope, input.id);
    if (!isPayable(row)) {
      throw new Failure(
        'conflict',
        `this invoice is ${row.status}: only open or partly paid invoices can be paid`,
        'status',
      );
    }
    if (row.top_up_wallet_id) {
      throw new Failure(
        'conflict',
        'this invoice is a top-up of the wallet: it is paid by bank transfer',
        'source',
      );
    }
    await refuseWhileAnotherPays(trx, row);
    // The wallet pays it now: a checkout still open for it would, paid later, only fill the wallet
    // (the invoice paid or its amount changed), which is not what its payer meant.
    const cancelled = await cancelCheckouts(trx, scope, row, await openCheckouts(trx, row), now);
    const wallet = await walletInCurrency(trx, row);
    if (!wallet) {
      throw new Failure(
        'insufficient_funds',
        `the customer has no active ${row.currency} wallet to pay from`,
        'source',
        { key: 'no_wallet_in_currency', values: { currency: row.currency } },
      );
    }
    const { row: paid, applied } = await applyFromWallet(trx, row, wallet, now);
    if (applied === 0) {
      throw new Failure(
        'insufficient_funds',
        `the ${row.currency} wallet has no available balance`,
        'source',
        { key: 'no_available_balance', values: { currency: row.currency } },
      );
    }
    // Nor does it track the cancelled checkout as its payment in progress (partly paid, it would show it).
    const tracked = paid.pending_payment_id !== null && cancelled.includes(paid.pending_payment_id);
    return toInvoice(tracked ? await saveInvoice(trx, paid.id, { pending_payment_id: null }, now) : paid);
  });
}

/**
 * Refuses a second payment of an invoice while one of its payments may still pay it; paying again
 * would pay the invoice twice over (that payment's money would then land in the wallet instead):
 * - one paid at its provider but held for a review (its wallet could not take the money; settle.ts):
 *   the money arrived, and staff apply it to the payment, which then pays the invoice;
 * - a checkout `processing` (its provider has seen the money, e.g. coins awaiting confirmations: the
 *   invoice reads Processing);
 * - the off-session charge of a saved method that finalize started, still `new` (with its provider,
 *   or about to be). Unlike an open checkout it cannot be cancelled: nobody has to act for it to be
 *   paid, and the gateway interface has no way to call it back. It ends in seconds (paid or
 *   failed); if the process that started it stopped first, the payment jobs ask again within minutes
 *   (resumeUnansweredCharges), or, once its provider may have forgotten its key, hold it for staff
 *   (lapsed-charge.ts), who end it by its review; refused as being confirmed meanwhile.
 * A void is refused alike (void.ts): that payment's money would then only fill the wallet. Its
 * refusal keeps the code and field but has reasons of its own (`invoice_void_processing`,
 * `invoice_void_payment_held`), so a client words it as a void that waits, not as a payment refused.
 * Called with the invoice locked, so a checkout cannot be opened beside the one being checked.
 */
export async function refuseWhileAnotherPays(
  trx: Trx,
  row: InvoiceTable,
  refused: 'payment' | 'void' = 'payment',
): Promise<void> {
  const payment = await trx
    .selectFrom('payments')
    .select(['id', 'held_for_review', 'saved_method_id', 'checkout'])
    .where('reseller_id', '=', row.reseller_id)
    .where('invoice_id', '=', row.id)
    .where((eb) =>
      eb.or([
        eb('status', '=', 'processing'),
        eb.and([
          eb('status', '=', 'new'),
          eb.or([eb('held_for_review', '=', 1), eb('saved_method_id', 'is not', null)]),
        ]),
      ]),
    )
    // A held payment first: its money has arrived, which says more than "being confirmed".
    .orderBy('held_for_review', 'desc')
    .orderBy('created_at')
    .executeTakeFirst();
  if (!payment) return;
  const invoice = row.number ?? row.id;
  const values = { invoice, payment: payment.id };
  // A saved method's charge held unanswered (lapsed-charge.ts) is not known to be paid: staff are
  // looking it up at its provider, so it reads as being confirmed.
  const unanswered = payment.saved_method_id !== null && payment.checkout === null;
  if (payment.held_for_review && !unanswered) {
    const held = `invoice ${invoice} was paid by payment ${payment.id}, which waits for staff (its wallet could not take the money)`;
    throw refused === 'void'
      ? new Failure('invoice_processing', `${held}, so it cannot be voided`, 'status', {
          key: 'invoice_void_payment_held',
          values,
        })
      : new Failure('invoice_processing', `${held}, so it takes no other payment`, 'status', {
          key: 'invoice_payment_held',
          values,
        });
  }
  throw refused === 'void'
    ? new Failure(
        'invoice_processing',
        `invoice ${invoice} cannot be voided while payment ${payment.id} is being confirmed by its provider; try again once it ends`,
        'status',
        { key: 'invoice_void_processing', values },
      )
    : new Failure(
        'invoice_processing',
        `invoice ${invoice} is processing: payment ${payment.id} is being confirmed by its provider, so it takes no other payment until that one ends`,
        'status',
        { key: 'invoice_processing', values },
      );
}

export type InvoiceCheckoutBody = z.output<typeof invoiceCheckoutBody>;

/**
 * Keeps an invoice to one open checkout, so whichever the payer pays is the one the invoice tracks
 * (`pending_payment_id`) and pays: asked again for the same method (provider, payer, coin) and the
 * same amount due, the checkout still open is answered; asked for anything else, the open ones are
 * cancelled first, as "Cancel payment" cancels a top-up (nobody has started paying them: a
 * `processing` one refuses the request before this). Called with the invoice locked. A payer who
 * still pays a cancelled checkout at its provider is credited nothing automatically: the payment
 * opens a review (settle.ts), where staff apply it.
 */
async function oneOpenCheckout(
  trx: Trx,
  scope: Scope,
  row: InvoiceTable,
  body: InvoiceCheckoutBody,
  now: string,
): Promise<PaymentTable | null> {
  const open = await openCheckouts(trx, row);
  const rail = body.asset ? JSON.stringify({ asset: body.asset.asset, network: body.asset.network }) : null;
  const same = (p: PaymentTable) =>
    body.savedMethodId === undefined &&
    p.provider === body.provider &&
    p.payer_id === (body.payerId ?? null) &&
    railOf(p) === rail &&
    p.amount === row.amount_due &&
    p.expires_at > now;
  const [newest] = open;
  if (newest && same(newest) && row.pending_payment_id === newest.id) {
    await cancelCheckouts(trx, scope, row, open.slice(1), now);
    return newest;
  }
  await cancelCheckouts(trx, scope, row, open, now);
  return null;
}

/** The invoice's checkouts nobody has started paying, newest first. */
export function openCheckouts(trx: Trx, row: InvoiceTable): Promise<PaymentTable[]> {
  return (
    trx
      .selectFrom('payments')
      .selectAll()
      .where('reseller_id', '=', row.reseller_id)
      .where('invoice_id', '=', row.id)
      .where('status', '=', 'new')
      // Paid at its provider and held for a review: not a checkout left to pay, nor to cancel.
      .where('held_for_review', '=', 0)
      // An off-session charge of a saved method is not a checkout a payer could still pay.
      .where('saved_method_id', 'is', null)
      .orderBy('created_at', 'desc')
      .execute()
  );
}

const railOf = (p: PaymentTable) => {
  if (!p.rail) return null;
  const { asset, network } = JSON.parse(p.rail) as { asset: string; network: string };
  return JSON.stringify({ asset, network });
};

/**
 * Cancels `checkouts` of the invoice (read by openCheckouts), as "Cancel payment" cancels a top-up;
 * called with the invoice locked. Answers the ids of those it cancelled. One that became processing
 * or held meanwhile refuses the write (invoice_processing).
 */
export async function cancelCheckouts(
  trx: Trx,
  scope: Scope,
  row: InvoiceTable,
  checkouts: PaymentTable[],
  now: string,
): Promise<string[]> {
  const ids: string[] = [];
  for (const payment of checkouts) {
    const cancelled = await cancelPayment(trx, scope, { id: payment.id }, now);
    if (cancelled.ok) ids.push(payment.id);
    // No longer `new`, or held: its provider saw it being paid since it was read (the invoice is
    // Processing after all, or paid and waiting for staff), or it ended on its own (expired, failed)
    // and needs no cancelling.
    else await refuseWhileAnotherPays(trx, row);
  }
  return ids;
}

/**
 * A gateway payment for the amount due (POST /v1/invoices/:id/payments), through the top-up service
 * into the wallet in the invoice's currency (opened if the customer has none): settling it credits
 * the wallet (`top_up`) and pays the invoice (`payment`) in one transaction (see applySettledPayment).
 * The caller opens the checkout after commit.
 */
export function createInvoicePayment(
  trx: Trx,
  scope: Scope,
  input: { id: string; body: InvoiceCheckoutBody; idempotencyKey: string; gateways: OfferedGateways },
  now: string,
): Promise<Result<PaymentTable, 'not_found' | 'conflict' | 'invoice_processing' | CreateTopUpFailure>> {
  return attempt(
    [
      'not_found',
      'conflict',
      'invoice_processing',
      'wallet_closed',
      'method_unavailable',
      'validation',
      'top_up_limit',
    ],
    async () => {
      const row = await lockInvoice(trx, scope, input.id);
      if (!isPayable(row)) {
        throw new Failure('conflict', `this invoice is ${row.status}: nothing is due`, 'status');
      }
      if (row.top_up_wallet_id) {
        throw new Failure(
          'conflict',
          'this invoice is a top-up of the wallet: it is paid by bank transfer',
          'id',
        );
      }
      await refuseWhileAnotherPays(trx, row);
      const open = await oneOpenCheckout(trx, scope, row, input.body, now);
      if (open) return open;
      let walletId = (await walletInCurrency(trx, row))?.id;
      if (!walletId) {
        const opened = await openWallet(
          trx,
          { resellerId: row.reseller_id, canWrite: true },
          { customerId: row.customer_id, currency: row.currency },
          now,
        );
        // A closed wallet in this currency: the money would have nowhere to pass through.
        if (!opened.ok)
          throw new Failure('wallet_closed', `the customer's ${row.currency} wallet is closed`, 'id');
        walletId = opened.value.id;
      }
      const payment = unwrap(
        await createTopUp(
          trx,
          scope,
          {
            walletId,
            body: { ...input.body, amount: row.amount_due },
            idempotencyKey: input.idempotencyKey,
            gateways: input.gateways,
          },
          now,
        ),
      );
      await trx.updateTable('payments').set({ invoice_id: row.id }).where('id', '=', payment.id).execute();
      await saveInvoice(
        trx,
        row.id,
        { pending_payment_id: payment.id, method_last_used: payment.provider },
        now,
      );
      return { ...payment, invoice_id: row.id };
    },
  );
}

/**
 * Locks the invoice a payment pays (PostgreSQL), before settle.ts moves the wallet: invoice writes
 * take the invoice, then the wallet, and settling must too, or the two could wait on each other.
 */
export async function lockInvoiceOf(trx: Trx, payment: PaymentTable): Promise<void> {
  if (!payment.invoice_id) return;
  await lockInvoice(trx, { resellerId: payment.reseller_id, canWrite: true }, payment.invoice_id);
}

/**
 * Called by payments/settle.ts in the transaction that marked `payment` paid and posted its `top_up`
 * row: applies the money to the invoice it was opened for (a `payment` row, reference the invoice
 * number). An invoice paid or voided meanwhile takes nothing: the money stays in the wallet.
 */
export async function applySettledPayment(
  trx: Trx,
  payment: PaymentTable,
  topUpTransactionId: string,
  test: boolean,
  now: string,
): Promise<void> {
  if (!payment.invoice_id) return;
  const scope = { resellerId: payment.reseller_id, canWrite: true };
  const row = await lockInvoice(trx, scope, payment.invoice_id);
  const cleared =
    row.pending_payment_id === payment.id
      ? await saveInvoice(trx, row.id, { pending_payment_id: null }, now)
      : row;
  if (!isPayable(cleared)) return;
  const wallet = await trx
    .selectFrom('wallets')
    .selectAll()
    .where('id', '=', payment.wallet_id)
    .$if(trx.dialect === 'postgres', (q) => q.forUpdate())
    .executeTakeFirstOrThrow();
  await applyFromWallet(trx, cleared, wallet, now, {
    max: payment.amount,
    kind: 'gateway',
    paymentId: payment.id,
    topUpTransactionId,
    method: payment.provider,
    test,
  });
}
