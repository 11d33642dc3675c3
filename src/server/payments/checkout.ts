import type { CryptoRailOffer, PaymentProviderId } from '../../shared/api/payments.js';
import { formatMoney, minorUnits, type Currency } from '../../shared/money.js';
import { topUpFee } from '../../shared/top-up-fee.js';
import type { PaymentTable } from '../db/schema.js';
import type { CryptoRail } from '../gateways/crypto/assets.js';
import {
  checkoutPresentationSchema,
  IdempotencyKeyInUse,
  type CheckoutRequest,
  type PaymentProvider,
  type ProviderPaymentSnapshot,
} from '../gateways/provider.js';
import { Failure } from '../services/failure.js';
import { attempt, type Result } from '../services/result.js';
import { recordChanges } from '../sync/record.js';
import { paymentChange, toCheckout } from '../wire/payment.js';
import { expectationOf, totalToPayFor } from './expectation.js';
import type { PaymentService } from './service.js';
import { settlePayment, updateOpen } from './settle.js';
import { announcePaymentFailed } from '../events/payment-events.js';
import { paymentFailure } from './failure.js';
import { effectiveSettings, readStoredSettings } from './settings.js';
import { DEFAULT_EXPIRY_MS } from '../services/payments/create-top-up.js';
import { LEASE_MS, leasePayments, releasePayment } from './leases.js';
import { chargeKeyMayHaveLapsed, holdLapsedCharge } from './lapsed-charge.js';

/**
 * Opens the provider's checkout for a `new` payment (or charges its saved method), OUTSIDE any
 * transaction, and stores what the payer is shown. A provider failure ends the payment `failed`
 * and is refused `gateway_unavailable` (502). Safe to repeat: the provider gets the same idempotency key each time.
 */
export function openCheckout(
  service: PaymentService,
  paymentId: string,
  options: OpenCheckoutOptions = {},
): Promise<Result<PaymentTable, 'gateway_unavailable'>> {
  return attempt(['gateway_unavailable'], () => open(service, paymentId, options));
}

/**
 * Takes up the off-session charges of saved methods whose process stopped with the charge out:
 * an invoice's (finalize's auto-pay of the rest, Pay by this method), a top-up's (Top up with a
 * saved method) and a renewal's (the shortfall topped up by the default method, renewal-top-up.ts;
 * its subscription waits on the payment, so nothing else would ever ask). An auto top-up's charge
 * is left to its own job, which asks again the same way (auto-top-up-job.ts). Taken: `new`,
 * nothing stored from the provider, and started more than LEASE_MS ago, longer than a live
 * request waits for its provider's answer (so this never races the request that started it). Each
 * is asked again under its own idempotency key, as openCheckout always does: a charge the provider
 * made is answered as it was, not made twice (providers keep keys far longer than a payment lives:
 * Stripe 24 h, a payment 30 min); one that never reached it is made now, as its payer meant. The
 * answer settles it (credited only when paid; declined, it fails: the invoice is due again, the
 * renewal goes past due); no answer fails it, as a first opening would, and money the provider
 * took after all reaches the review list by its webhook. So an invoice reads Processing, refusing
 * other payments and a void, and a renewal waits, for minutes, not until the payment expires.
 * One still unanswered when its payment has expired is looked up, not made (answerExpiredCharge).
 * Leased per payment, so two API processes never ask about one charge at once.
 */
export async function resumeUnansweredCharges(service: PaymentService): Promise<number> {
  const now = service.o.clock();
  const due = await leasePayments(service.o.store, now, {
    limit: 50,
    unansweredChargesFrom: new Date(now.getTime() - LEASE_MS).toISOString(),
  });
  for (const payment of due) {
    try {
      if (payment.expires_at > now.toISOString()) await openCheckout(service, payment.id);
      else await answerExpiredCharge(service, payment);
    } catch (error) {
      service.o.onError?.(error, `taking up the unanswered charge ${payment.id}`);
    } finally {
      await releasePayment(service.o.store, payment.id);
    }
  }
  return due.length;
}

/**
 * A saved method's charge still unanswered when its payment expired (no process took it up in
 * time: every API process was down, or the provider unreachable at each try). The expiry job
 * leaves it alone, since the provider may have charged the card (leases.ts), and making it now
 * would charge for a payment its payer saw expire. So a provider that can look the charge up is
 * asked whether it made it: made, its answer settles the payment (credited once when paid, the
 * payment then refreshed like any other); never made, nothing exists at the provider to take
 * money or to cancel, and the payment expires here. A provider that cannot look a charge up is
 * asked the only way it can be, under the charge's own key, as before expiry: what the payer
 * authorised is answered, or made now, never made twice; expiring it blind could leave a charged
 * card's money to reach the review list late, or an auto-paid invoice due though paid. Once that
 * provider may have forgotten the key (PayPal keeps it 6 hours), it is not sent at all but held for
 * staff (lapsed-charge.ts): openCheckout checks, whoever asks. Asked by
 * the unanswered-charges job, and for an auto top-up's charge by its own job (auto-top-up-job.ts).
 */
export async function answerExpiredCharge(service: PaymentService, payment: PaymentTable): Promise<void> {
  const { store } = service.o;
  const provider = await service.providerOrThrow(payment);
  if (!provider.findSavedMethodCharge) {
    await openCheckout(service, payment.id);
    return;
  }
  const saved = await store.db
    .selectFrom('saved_methods')
    .select('token')
    .where('id', '=', payment.saved_method_id!)
    .executeTakeFirstOrThrow();
  const answer = await provider.findSavedMethodCharge({
    reference: payment.id,
    methodToken: saved.token ?? '',
    since: new Date(payment.created_at),
  });
  if (answer === null) {
    await store.write((trx) =>
      updateOpen(
        trx,
        payment.id,
        { status: 'expired', ...paymentFailure('expired') },
        service.now(),
        (current) => current.checkout === null,
      ),
    );
    return;
  }
  await settleSavedMethodCharge(service, payment, answer, provider.recipient);
}

/**
 * A saved method's charge the provider answered (made now, or found made): stored as opened, with
 * no page to show, then settled by that answer (credited once, only when paid).
 */
async function settleSavedMethodCharge(
  service: PaymentService,
  payment: PaymentTable,
  answer: ProviderPaymentSnapshot,
  recipient: string | undefined,
): Promise<PaymentTable> {
  const opened = await storeOpened(service, payment, {
    checkout: JSON.stringify({ kind: 'none' }),
    provider_payment_id: answer.providerPaymentId,
    recipient: recipient ?? null,
    expected: null,
    memo: null,
    expires_at: payment.expires_at,
  });
  await settlePayment(service.o.store, opened, answer, service.now());
  return opened;
}

export interface OpenCheckoutOptions {
  /**
   * Where the provider sends the payer's browser afterwards (it confirms and credits nothing).
   * Default: the console's deep link, `resellerconsole://payments/<id>`, right when the console
   * itself opened the checkout. A shared top-up link's payer has no console: its page passes a page
   * of this API's own. Only the first opening counts: the checkout is stored and reused after that.
   */
  returnUrl?: string;
}

async function open(
  service: PaymentService,
  paymentId: string,
  options: OpenCheckoutOptions,
): Promise<PaymentTable> {
  const { store } = service.o;
  let payment: PaymentTable = await store.db
    .selectFrom('payments')
    .selectAll()
    .where('id', '=', paymentId)
    .executeTakeFirstOrThrow();
  // Held for a review (a lapsed charge's, below): staff decide it, nothing is sent again.
  if (payment.status !== 'new' || payment.checkout !== null || payment.held_for_review === 1) {
    return answerOf(payment);
  }
  try {
    const provider = await service.providerOrThrow(payment);
    if (payment.saved_method_id) {
      if (!provider.chargeSavedMethod) throw new Error(`${provider.id} cannot charge saved methods`);
      if (chargeKeyMayHaveLapsed(service, provider, payment)) {
        // Unanswered since before its provider forgot the key: sent again, it could be made twice.
        await holdLapsedCharge(service, payment, provider);
      } else {
        const saved = await store.db
          .selectFrom('saved_methods')
          .select('token')
          .where('id', '=', payment.saved_method_id)
          .executeTakeFirstOrThrow();
        const answer = await provider.chargeSavedMethod({
          reference: payment.id,
          amount: minorUnits(totalToPayFor(payment)),
          currency: payment.currency,
          methodToken: saved.token ?? '',
          idempotencyKey: payment.idempotency_key,
        });
        payment = await settleSavedMethodCharge(service, payment, answer, provider.recipient);
      }
    } else {
      const payer = await store.db
        .selectFrom('customers')
        .select(['name', 'email'])
        .where('id', '=', payment.customer_id)
        .where('reseller_id', '=', payment.reseller_id)
        .executeTakeFirst();
      const request: CheckoutRequest = {
        reference: payment.id,
        // What the payer pays: the amount for the wallet plus the fee.
        amount: minorUnits(totalToPayFor(payment)),
        currency: payment.currency,
        description: topUpDescription(payment),
        // It only brings the payer back (to the app, or to the link's page); it confirms and credits nothing.
        returnUrl: options.returnUrl ?? `resellerconsole://payments/${payment.id}`,
        cancelUrl: options.returnUrl ?? `resellerconsole://payments/${payment.id}`,
        expiresAt: new Date(payment.expires_at),
        idempotencyKey: payment.idempotency_key,
        saveMethod: payment.saves_method_id !== null,
        // Read by the crypto provider (which coin, which network); others ignore it.
        ...(payment.rail ? { rail: JSON.parse(payment.rail) as CryptoRail } : {}),
        // Read by providers that must name the payer (Tazapay); never logged.
        ...(payer ? { payer: { name: payer.name, email: payer.email } } : {}),
        ...(payment.address_index != null ? { addressIndex: payment.address_index } : {}),
      };
      const presentation = checkoutPresentationSchema.parse(await provider.createCheckout(request));
      const expectation = expectationOf(payment, presentation, provider.recipient);
      payment = await storeCheckout(service, provider, payment, {
        checkout: JSON.stringify(toCheckout(presentation)),
        provider_payment_id: presentation.providerPaymentId,
        ...expectation,
        expires_at: new Date(presentation.expiresAt).toISOString(),
      });
    }
  } catch (error) {
    if (error instanceof IdempotencyKeyInUse) {
      // Another request is asking under this payment's key right now (a client's replay, the
      // unanswered-charges job): its answer settles the payment, or stores the checkout the payer
      // gets (the feed brings it). Failed here, the payment would refuse that answer, and money
      // the provider took for it would reach the review list.
      return store.db
        .selectFrom('payments')
        .selectAll()
        .where('id', '=', payment.id)
        .executeTakeFirstOrThrow();
    }
    if (error instanceof Failure) {
      // The provider refused this checkout as asked (a coin not offered, an amount too small to
      // invoice in coin) though checkoutRefusal did not foresee it (its rate changed in between, or
      // a caller that does not ask first): the payment can never be paid, so it ends now rather
      // than wait, open, for its expiry. The caller still hears the refusal, naming its field.
      await cancelUnopened(service, payment, error.message);
      throw error;
    }
    service.o.onError?.(error, `opening a ${payment.provider} checkout for ${payment.id}`);
    await store.write(async (trx) => {
      const failed = await trx
        .updateTable('payments')
        .set({
          status: 'failed',
          ...paymentFailure('gateway_unavailable'),
          updated_at: service.now(),
        })
        .where('id', '=', payment.id)
        .where('status', '=', 'new')
        .where('checkout', 'is', null)
        // Held meanwhile (its charge's key lapsed): staff decide it, not this failed request.
        .where('held_for_review', '=', 0)
        .returningAll()
        .executeTakeFirst();
      if (failed) await recordChanges(trx, service.now(), [paymentChange(failed, 'update')]);
      if (failed) await announcePaymentFailed(trx, failed, service.now());
    });
  }
  const current = await store.db
    .selectFrom('payments')
    .selectAll()
    .where('id', '=', payment.id)
    .executeTakeFirstOrThrow();
  return answerOf(current);
}

/**
 * Why the provider would refuse this checkout, asked BEFORE the payment is created (outside any
 * transaction: a live coin rate may be fetched), or null when it would not, cannot tell, or is not
 * configured (creating the payment then refuses or fails as it always did). A payer refused on Pay
 * (no account key for the coin's network, no rate, an amount too small to invoice in coin) was
 * offered nothing: they expect nothing to have happened, not a cancelled payment in their list. The
 * amount asked about is what the payer would pay, the method's fee included, as openCheckout asks.
 * The caller throws the refusal inside its idempotent run, so a retry with the key gets the first
 * answer, and a payment already made under the key is answered as it is.
 */
export async function checkoutRefusal(
  service: PaymentService,
  asked: {
    resellerId: string;
    provider: PaymentProviderId;
    amount: number;
    currency: Currency;
    rail?: CryptoRailOffer;
  },
): Promise<Failure | null> {
  // Asking writes nothing: a top-up refused for its own reasons next must leave no trace.
  const provider = await service.o.providers.providerFor(asked.resellerId, asked.provider, {
    provision: false,
  });
  if (!provider?.checkCheckout) return null;
  const settings = effectiveSettings(
    await readStoredSettings(service.o.store.db, asked.resellerId),
    service.o.providers.registry,
  );
  const method = settings.methods.find((m) => m.provider === asked.provider);
  if (!method) return null;
  const now = service.now();
  try {
    await provider.checkCheckout({
      amount: minorUnits(asked.amount + topUpFee(asked.amount, method.feeBasisPoints)),
      currency: asked.currency,
      expiresAt: new Date(Date.parse(now) + DEFAULT_EXPIRY_MS),
      // The provider checks the pair itself (a rail is never the asset alone), as openCheckout's does.
      ...(asked.rail ? { rail: asked.rail as CryptoRail } : {}),
    });
    return null;
  } catch (error) {
    // A passing fault (a live rate too old, a source down) is not this checkout's answer: it is
    // not kept under the key, and the payment's own opening reports it as it always did.
    if (error instanceof Failure) return error.code === 'gateway_unavailable' ? null : error;
    service.o.onError?.(error, `checking a ${asked.provider} checkout before creating it`);
    return null;
  }
}

/** Ends a payment whose checkout the provider refused: cancelled, nothing was paid, and why. */
async function cancelUnopened(service: PaymentService, payment: PaymentTable, why: string): Promise<void> {
  const now = service.now();
  await service.o.store.write(async (trx) => {
    const cancelled = await trx
      .updateTable('payments')
      .set({
        status: 'cancelled',
        failure_code: 'cancelled_before_paid',
        failure_reason: `${paymentFailure('cancelled_before_paid').failure_reason} ${why}`,
        updated_at: now,
      })
      .where('id', '=', payment.id)
      .where('status', '=', 'new')
      .where('checkout', 'is', null)
      .returningAll()
      .executeTakeFirst();
    if (cancelled) await recordChanges(trx, now, [paymentChange(cancelled, 'update')]);
  });
}

function answerOf(payment: PaymentTable): PaymentTable {
  if (
    payment.status === 'failed' &&
    payment.checkout === null &&
    payment.failure_code === 'gateway_unavailable'
  ) {
    throw new Failure('gateway_unavailable', `${payment.provider}: ${payment.failure_reason}`);
  }
  return payment;
}

async function storeOpened(
  service: PaymentService,
  payment: PaymentTable,
  opened: Pick<
    PaymentTable,
    'checkout' | 'provider_payment_id' | 'recipient' | 'expected' | 'memo' | 'expires_at'
  >,
): Promise<PaymentTable> {
  const now = service.now();
  return service.o.store.write(async (trx) => {
    const row = await trx
      .updateTable('payments')
      .set({ ...opened, updated_at: now })
      .where('id', '=', payment.id)
      .where('checkout', 'is', null)
      .returningAll()
      .executeTakeFirst();
    if (!row) {
      // A concurrent replay stored its (same-key, hence same) checkout first.
      return trx.selectFrom('payments').selectAll().where('id', '=', payment.id).executeTakeFirstOrThrow();
    }
    await recordChanges(trx, now, [paymentChange(row, 'update')]);
    return row;
  });
}

/**
 * Stores a checkout the provider opened, only on a payment still open for it (`new`, no checkout
 * yet). Another opening of the same payment may have ended it meanwhile (its own request to the
 * provider failed, so the payment failed and that caller heard so): a page stored on it, or
 * answered to this caller, would take money nothing credits (it would reach the review list). So
 * the payment keeps only what leads the provider's events about the checkout to it (its id there,
 * the recipient and the amount expected), never the page; the checkout is closed at the provider
 * where it can be; and the caller gets the payment as it is. A close that fails is only logged: the
 * page's address reached nobody, and it lapses at the payment's expiry.
 */
async function storeCheckout(
  service: PaymentService,
  provider: PaymentProvider,
  payment: PaymentTable,
  opened: Pick<
    PaymentTable,
    'checkout' | 'provider_payment_id' | 'recipient' | 'expected' | 'memo' | 'expires_at'
  >,
): Promise<PaymentTable> {
  const now = service.now();
  const { checkout: _page, expires_at: _expiry, ...trail } = opened;
  const { row, stored } = await service.o.store.write(async (trx) => {
    const stored = await trx
      .updateTable('payments')
      .set({ ...opened, updated_at: now })
      .where('id', '=', payment.id)
      .where('status', '=', 'new')
      .where('checkout', 'is', null)
      .returningAll()
      .executeTakeFirst();
    if (stored) {
      await recordChanges(trx, now, [paymentChange(stored, 'update')]);
      return { row: stored, stored: true };
    }
    const current = await trx
      .selectFrom('payments')
      .selectAll()
      .where('id', '=', payment.id)
      .executeTakeFirstOrThrow();
    // A concurrent replay stored its (same-key, hence same) checkout first.
    if (current.checkout !== null) return { row: current, stored: true };
    const kept = await trx
      .updateTable('payments')
      .set({ ...trail, updated_at: now })
      .where('id', '=', payment.id)
      .where('checkout', 'is', null)
      .where('provider_payment_id', 'is', null)
      .returningAll()
      .executeTakeFirst();
    if (kept) await recordChanges(trx, now, [paymentChange(kept, 'update')]);
    return { row: kept ?? current, stored: false };
  });
  if (!stored && provider.expireCheckout) {
    await provider.expireCheckout(opened.provider_payment_id!).catch((error: unknown) => {
      service.o.onError?.(
        error,
        `closing the ${payment.provider} checkout of the ended payment ${payment.id}`,
      );
    });
  }
  return row;
}

export const providerIdOf = (payment: PaymentTable) => payment.provider as PaymentProviderId;

function topUpDescription(payment: PaymentTable): string {
  const currency = payment.currency;
  const amount = formatMoney(payment.amount, currency);
  return payment.fee > 0
    ? `Wallet top-up ${amount} + fee ${formatMoney(payment.fee, currency)}`
    : `Wallet top-up ${amount}`;
}
