import type { z } from 'zod';
import type { createTopUpBody, PaymentProviderId } from '../../shared/api/payments.js';
import { formatMoney, minorUnits } from '../../shared/money.js';
import { topUpFee } from '../../shared/top-up-fee.js';
import type { Trx } from '../db/database.js';
import type { PaymentTable } from '../db/schema.js';
import { CRYPTO_RAILS, type CryptoRail } from '../gateways/crypto/assets.js';
import { checkoutPresentationSchema, type CheckoutRequest } from '../gateways/provider.js';
import { Failure, notFound } from '../services/failure.js';
import { claimLink } from '../services/top-up-links/claim-link.js';
import type { Scope } from '../services/scope.js';
import { recordChanges } from '../sync/record.js';
import { findWallet } from '../services/lookups.js';
import { expectationOf, totalToPayFor } from './expectation.js';
import { paymentsId } from '../lib/ids.js';
import type { PaymentService } from './service.js';
import { settlePayment } from './settle.js';
import { effectiveSettings, limitsFor, readStoredSettings } from './settings.js';
import { paymentChange, toCheckout } from '../wire/payment.js';

export type TopUpBody = z.output<typeof createTopUpBody>;

/** How long a payment stays open unless its provider says otherwise (crypto quotes, bank QR). */
export const DEFAULT_EXPIRY_MS = 30 * 60_000;
/** A failure_reason with this prefix means the gateway itself failed: answered 502, also on replays. */
export const GATEWAY_FAILURE = 'The payment gateway could not be reached';

/**
 * The checks and the `new` payment of POST /v1/wallets/:id/top-ups, inside the idempotent
 * transaction; from a top-up link that already has a payment open, that payment instead. The
 * provider is not called here: a network call never holds a transaction open.
 */
export async function createPaymentRow(
  trx: Trx,
  service: PaymentService,
  scope: Scope,
  walletId: string,
  body: TopUpBody,
  idempotencyKey: string,
  now: string,
): Promise<PaymentTable> {
  const wallet = await findWallet(trx, scope, walletId);
  if (wallet.status !== 'active')
    throw new Failure('wallet_closed', 'this wallet is closed and accepts no top-up');
  const currency = wallet.currency;
  const settings = effectiveSettings(
    await readStoredSettings(trx, scope.resellerId),
    service.providers.registry,
  );
  const method = settings.methods.find((m) => m.provider === body.provider);
  if (!method?.available) {
    throw new Failure(
      'method_unavailable',
      `${method?.label ?? body.provider} is not offered by this reseller`,
      'provider',
    );
  }

  if (body.provider === 'crypto') {
    const asked = body.asset;
    if (!asked || !CRYPTO_RAILS.some((r) => r.asset === asked.asset && r.network === asked.network)) {
      const offered = CRYPTO_RAILS.map((r) => `${r.asset} on ${r.network}`).join(', ');
      throw new Failure('validation', `asset: choose one of ${offered}`, 'asset');
    }
  }

  const link = body.topUpLinkToken ? await usableLink(trx, scope, wallet.id, body.topUpLinkToken, now) : null;
  if (link?.amount != null && link.amount !== body.amount) {
    throw new Failure(
      'validation',
      `this top-up link is for exactly ${formatMoney(link.amount, currency)}`,
      'amount',
    );
  }
  const limits = limitsFor(settings, currency);
  if (body.amount < limits.minAmount || body.amount > limits.maxAmount) {
    throw new Failure(
      'top_up_limit',
      `a top-up must be between ${formatMoney(limits.minAmount, currency)} and ${formatMoney(limits.maxAmount, currency)}`,
      'amount',
    );
  }

  if (body.payerId) await payerOf(trx, scope, wallet.customer_id, body.payerId);
  let savedMethodId: string | null = null;
  if (body.savedMethodId) {
    const saved = await trx
      .selectFrom('saved_methods')
      .selectAll()
      .where('id', '=', body.savedMethodId)
      .where('reseller_id', '=', scope.resellerId)
      .where('customer_id', '=', wallet.customer_id)
      .where('deleted_at', 'is', null)
      .executeTakeFirst();
    if (!saved) throw notFound('saved payment method', 'savedMethodId');
    if (saved.status !== 'confirmed' || saved.token === null) {
      throw new Failure(
        'method_unavailable',
        `this saved method is ${saved.status}, not confirmed`,
        'savedMethodId',
      );
    }
    if (saved.provider !== body.provider) {
      throw new Failure(
        'method_unavailable',
        `this saved method belongs to ${saved.provider}`,
        'savedMethodId',
      );
    }
    if (body.payerId && saved.payer_id !== body.payerId) {
      throw new Failure('method_unavailable', 'this saved method belongs to another payer', 'savedMethodId');
    }
    savedMethodId = saved.id;
  }
  if (body.saveMethod && !body.payerId) {
    throw new Failure(
      'validation',
      'a saved method belongs to a payer: choose one to save it for',
      'payerId',
    );
  }

  const id = paymentsId('payment');
  if (link) {
    // A link pays once: while a payment from it is open, every checkout is that payment.
    const claim = await claimLink(trx, link, id, now);
    if (!claim.claimed) {
      return trx
        .selectFrom('payments')
        .selectAll()
        .where('id', '=', claim.openPaymentId)
        .executeTakeFirstOrThrow();
    }
  }
  const savesMethodId = body.saveMethod && !savedMethodId ? paymentsId('savedMethod') : null;
  const row: PaymentTable = {
    id,
    reseller_id: scope.resellerId,
    customer_id: wallet.customer_id,
    wallet_id: wallet.id,
    payer_id: body.payerId ?? null,
    provider: body.provider,
    amount: body.amount,
    currency,
    status: 'new',
    underpaid: 0,
    overpaid: 0,
    // The fee is charged on top: the payer pays amount + fee, the wallet gets `amount`. Computed
    // once, here, rounded up to a whole minor unit (src/shared/top-up-fee.ts states the rule).
    fee: topUpFee(body.amount, method.feeBasisPoints),
    rail: body.asset ? JSON.stringify(body.asset) : null,
    checkout: null,
    provider_payment_id: null,
    recipient: null,
    expected: null,
    memo: null,
    saved_method_id: savedMethodId,
    saves_method_id: savesMethodId,
    transaction_id: null,
    top_up_link_id: link?.id ?? null,
    failure_reason: null,
    idempotency_key: idempotencyKey,
    expires_at: new Date(Date.parse(now) + DEFAULT_EXPIRY_MS).toISOString(),
    paid_at: null,
    lease_until: null,
    created_at: now,
    updated_at: now,
  };
  await trx.insertInto('payments').values(row).execute();
  if (savesMethodId) {
    await trx
      .insertInto('saved_methods')
      .values({
        id: savesMethodId,
        reseller_id: scope.resellerId,
        customer_id: wallet.customer_id,
        payer_id: body.payerId!,
        provider: body.provider,
        label: method.label,
        status: 'pending',
        token: null,
        payment_id: id,
        is_default: 0,
        deleted_at: null,
        checked_at: null,
        created_at: now,
        updated_at: now,
      })
      .execute();
  }
  await recordChanges(trx, now, [paymentChange(row, 'create')]);
  return row;
}

async function payerOf(trx: Trx, scope: Scope, customerId: string, payerId: string) {
  const payer = await trx
    .selectFrom('payers')
    .selectAll()
    .where('id', '=', payerId)
    .where('reseller_id', '=', scope.resellerId)
    .where('customer_id', '=', customerId)
    .executeTakeFirst();
  if (!payer) throw notFound('payer of this customer', 'payerId');
  return payer;
}

async function usableLink(trx: Trx, scope: Scope, walletId: string, token: string, now: string) {
  const link = await trx
    .selectFrom('top_up_links')
    .selectAll()
    .where('token', '=', token)
    .where('reseller_id', '=', scope.resellerId)
    .executeTakeFirst();
  if (!link || link.wallet_id !== walletId) throw notFound('top-up link', 'topUpLinkToken');
  if (link.status === 'used')
    throw new Failure('conflict', 'this top-up link was already used', 'topUpLinkToken');
  if (link.status === 'expired' || link.expires_at <= now) {
    throw new Failure('conflict', 'this top-up link has expired', 'topUpLinkToken');
  }
  return link;
}

/**
 * Opens the provider's checkout for a `new` payment (or charges its saved method), OUTSIDE any
 * transaction, and stores what the payer is shown. A provider failure ends the payment `failed`
 * and is answered 502. Safe to repeat: the provider gets the same idempotency key each time.
 */
export async function openCheckout(service: PaymentService, paymentId: string): Promise<PaymentTable> {
  const { store } = service.o;
  let payment = await store.db
    .selectFrom('payments')
    .selectAll()
    .where('id', '=', paymentId)
    .executeTakeFirstOrThrow();
  if (payment.status !== 'new' || payment.checkout !== null) return answerOf(payment);
  try {
    const provider = await service.providerOrThrow(payment);
    if (payment.saved_method_id) {
      if (!provider.chargeSavedMethod) throw new Error(`${provider.id} cannot charge saved methods`);
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
      payment = await storeOpened(service, payment, {
        checkout: JSON.stringify({ kind: 'none' }),
        provider_payment_id: answer.providerPaymentId,
        recipient: provider.recipient ?? null,
        expected: null,
        memo: null,
        expires_at: payment.expires_at,
      });
      await settlePayment(store, payment, answer, service.now());
    } else {
      const request: CheckoutRequest = {
        reference: payment.id,
        // What the payer pays: the amount for the wallet plus the fee.
        amount: minorUnits(totalToPayFor(payment)),
        currency: payment.currency,
        description: topUpDescription(payment),
        // It only brings the user back to the app; it confirms and credits nothing.
        returnUrl: `resellerconsole://payments/${payment.id}`,
        cancelUrl: `resellerconsole://payments/${payment.id}`,
        expiresAt: new Date(payment.expires_at),
        idempotencyKey: payment.idempotency_key,
        saveMethod: payment.saves_method_id !== null,
        // Read by the crypto provider (which coin, which network); others ignore it.
        ...(payment.rail ? { rail: JSON.parse(payment.rail) as CryptoRail } : {}),
      };
      const presentation = checkoutPresentationSchema.parse(await provider.createCheckout(request));
      const expectation = expectationOf(payment, presentation, provider.recipient);
      payment = await storeOpened(service, payment, {
        checkout: JSON.stringify(toCheckout(presentation)),
        provider_payment_id: presentation.providerPaymentId,
        ...expectation,
        expires_at: new Date(presentation.expiresAt).toISOString(),
      });
    }
  } catch (error) {
    if (error instanceof Failure) throw error;
    service.o.onError?.(error, `opening a ${payment.provider} checkout for ${payment.id}`);
    await store.write(async (trx) => {
      const failed = await trx
        .updateTable('payments')
        .set({
          status: 'failed',
          failure_reason: `${GATEWAY_FAILURE}; nothing was charged. Try again later.`,
          updated_at: service.now(),
        })
        .where('id', '=', payment.id)
        .where('status', '=', 'new')
        .where('checkout', 'is', null)
        .returningAll()
        .executeTakeFirst();
      if (failed) await recordChanges(trx, service.now(), [paymentChange(failed, 'update')]);
    });
  }
  const current = await store.db
    .selectFrom('payments')
    .selectAll()
    .where('id', '=', payment.id)
    .executeTakeFirstOrThrow();
  return answerOf(current);
}

function answerOf(payment: PaymentTable): PaymentTable {
  if (
    payment.status === 'failed' &&
    payment.checkout === null &&
    payment.failure_reason?.startsWith(GATEWAY_FAILURE)
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

export const providerIdOf = (payment: PaymentTable) => payment.provider as PaymentProviderId;

function topUpDescription(payment: PaymentTable): string {
  const currency = payment.currency;
  const amount = formatMoney(payment.amount, currency);
  return payment.fee > 0
    ? `Wallet top-up ${amount} + fee ${formatMoney(payment.fee, currency)}`
    : `Wallet top-up ${amount}`;
}
