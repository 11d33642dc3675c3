import type { z } from 'zod';
import type { createTopUpBody } from '../../../shared/api/payments.js';
import { formatMoney } from '../../../shared/money.js';
import { topUpFee } from '../../../shared/top-up-fee.js';
import type { Trx } from '../../db/database.js';
import type { PaymentTable } from '../../db/schema.js';
import { CRYPTO_RAILS } from '../../gateways/crypto/assets.js';
import { paymentsId } from '../../lib/ids.js';
import type { OfferedGateways } from '../../payments/providers.js';
import {
  effectiveSettings,
  enforceTopUpLimits,
  limitsFor,
  readStoredSettings,
} from '../../payments/settings.js';
import { recordChanges } from '../../sync/record.js';
import { paymentChange } from '../../wire/payment.js';
import { Failure, notFound } from '../failure.js';
import { findWallet } from '../lookups.js';
import { attempt, type Result } from '../result.js';
import type { Scope } from '../scope.js';
import { claimLink, linkExpired, linkRevoked, linkUsed } from '../top-up-links/claim-link.js';
import { allocateAddressIndex } from './address-index.js';

export type TopUpBody = z.output<typeof createTopUpBody>;

export interface CreateTopUp {
  walletId: string;
  body: TopUpBody;
  /** The request's Idempotency-Key: the provider gets it too, so a retried checkout is one payment. */
  idempotencyKey: string;
  /** The gateways this server offers, with its CRYPTO_GAP_POLICY (address-gap.ts). */
  gateways: OfferedGateways;
}

/** Why a top-up is refused before any gateway is asked. */
export type CreateTopUpFailure =
  'not_found' | 'wallet_closed' | 'method_unavailable' | 'validation' | 'top_up_limit' | 'conflict';

/** How long a payment stays open unless its provider says otherwise (crypto quotes, bank QR). */
export const DEFAULT_EXPIRY_MS = 30 * 60_000;

/**
 * A top-up's checks and its `new` payment (POST /v1/wallets/:id/top-ups, and a top-up link's
 * form), inside the caller's idempotent transaction; from a top-up link that already has a payment open, that payment instead. The
 * provider is not called here: a network call never holds a transaction open.
 */
export function createTopUp(
  trx: Trx,
  scope: Scope,
  input: CreateTopUp,
  now: string,
): Promise<Result<PaymentTable, CreateTopUpFailure>> {
  return attempt(
    ['not_found', 'wallet_closed', 'method_unavailable', 'validation', 'top_up_limit', 'conflict'],
    () => insertTopUp(trx, scope, input, now),
  );
}

async function insertTopUp(trx: Trx, scope: Scope, input: CreateTopUp, now: string): Promise<PaymentTable> {
  const { body, idempotencyKey } = input;
  const wallet = await findWallet(trx, scope, input.walletId);
  if (wallet.status !== 'active')
    throw new Failure('wallet_closed', 'this wallet is closed and accepts no top-up');
  const currency = wallet.currency;
  const settings = effectiveSettings(
    await readStoredSettings(trx, scope.resellerId),
    input.gateways.registry,
  );
  const method = settings.methods.find((m) => m.provider === body.provider);
  if (!method?.available) {
    throw new Failure(
      'method_unavailable',
      `${method?.label ?? body.provider} is not offered by this reseller`,
      'provider',
    );
  }
  // Stored credentials the provider can no longer read (legacy crypto secrets): refused here, before
  // an index or a payment is taken, rather than a checkout that fails at the gateway.
  const problem = await input.gateways.credentialProblem(trx, scope.resellerId, body.provider);
  if (problem) {
    throw new Failure(
      'method_unavailable',
      `provider: ${method.label} cannot open a checkout until its credentials are stored again: ${problem.message}`,
      'provider',
    );
  }

  if (body.provider === 'crypto') {
    const asked = body.asset;
    if (!asked || !CRYPTO_RAILS.some((r) => r.asset === asked.asset && r.network === asked.network)) {
      const offered = CRYPTO_RAILS.map((r) => `${r.asset} on ${r.network}`).join(', ');
      throw new Failure('validation', `asset: choose one of ${offered}`, 'asset', {
        key: 'coin_not_chosen',
        values: {},
      });
    }
  }

  const link = body.topUpLinkToken ? await usableLink(trx, scope, wallet.id, body.topUpLinkToken, now) : null;
  if (link?.amount != null && link.amount !== body.amount) {
    throw new Failure(
      'validation',
      `this top-up link is for exactly ${formatMoney(link.amount, currency)}`,
      'amount',
      { key: 'top_up_link_amount', values: { amount: link.amount, currency } },
    );
  }
  enforceTopUpLimits(limitsFor(settings, currency), body.amount);

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
    if (!saved) {
      throw new Failure('not_found', 'saved payment method not found', 'savedMethodId', {
        key: 'saved_method_not_found',
        values: {},
      });
    }
    if (saved.status !== 'confirmed' || saved.token === null) {
      throw new Failure(
        'method_unavailable',
        `this saved method is ${saved.status}, not confirmed`,
        'savedMethodId',
        { key: 'saved_method_not_confirmed', values: { status: saved.status } },
      );
    }
    if (saved.provider !== body.provider) {
      throw new Failure(
        'method_unavailable',
        `this saved method belongs to ${saved.provider}`,
        'savedMethodId',
        { key: 'saved_method_other_provider', values: { provider: saved.provider } },
      );
    }
    if (body.payerId && saved.payer_id !== body.payerId) {
      throw new Failure('method_unavailable', 'this saved method belongs to another payer', 'savedMethodId', {
        key: 'saved_method_other_payer',
        values: {},
      });
    }
    savedMethodId = saved.id;
  }
  if (body.saveMethod && !body.payerId) {
    throw new Failure(
      'validation',
      'a saved method belongs to a payer: choose one to save it for',
      'payerId',
      { key: 'save_method_needs_payer', values: {} },
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
  // The payment's own receiving address, fixed with the payment: a replay of this request is this
  // row, hence the same index and the same address.
  const addressIndex =
    body.provider === 'crypto' && body.asset
      ? await allocateAddressIndex(trx, scope.resellerId, body.asset.network, {
          limit: settings.cryptoGapLimit,
          policy: input.gateways.cryptoGapPolicy,
        })
      : null;
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
    address_index: addressIndex,
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
  if (!payer) {
    throw new Failure('not_found', 'payer of this customer not found', 'payerId', {
      key: 'payer_not_found',
      values: {},
    });
  }
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
  if (link.status === 'revoked') throw linkRevoked();
  if (link.status === 'used') throw linkUsed();
  if (link.status === 'expired' || link.expires_at <= now) throw linkExpired();
  return link;
}
