import type { z } from 'zod';
import type { listPaymentsQuery, TopUpOptions } from '../../../shared/api/payments.js';
import { limitsFor } from '../../payments/settings.js';
import { toPayer } from '../../wire/payer.js';
import { toSavedMethod } from '../../wire/saved-method.js';
import { findWallet, type Reader } from '../lookups.js';
import { payersOf, savedMethodsOf } from '../payers/list.js';
import type { Scope } from '../scope.js';
import { offeredMethods, type MethodGateways } from './offered-methods.js';

/** The payments in the caller's scope matching the filters, as a query the caller pages. */
export function paymentsQuery(
  db: Reader,
  scope: Scope,
  filters: Omit<z.output<typeof listPaymentsQuery>, 'cursor' | 'limit'>,
) {
  let q = db.selectFrom('payments').selectAll().where('reseller_id', '=', scope.resellerId);
  if (scope.customerId) q = q.where('customer_id', '=', scope.customerId);
  if (filters.walletId) q = q.where('wallet_id', '=', filters.walletId);
  if (filters.customerId) q = q.where('customer_id', '=', filters.customerId);
  if (filters.status) q = q.where('status', '=', filters.status);
  if (filters.provider) q = q.where('provider', '=', filters.provider);
  return q;
}

/**
 * What the top-up form of one wallet offers: limits, available methods (crypto with the rails it
 * takes in the wallet's currency), payers, chargeable saved methods.
 */
export async function topUpOptions(
  db: Reader,
  scope: Scope,
  walletId: string,
  gateways: MethodGateways,
): Promise<TopUpOptions> {
  const wallet = await findWallet(db, scope, walletId);
  // Only what can take this wallet's currency: VietQR offered to a USD wallet was refused on Pay.
  const { settings, methods, cryptoRails } = await offeredMethods(
    db,
    gateways,
    scope.resellerId,
    wallet.currency,
  );
  const saved = await savedMethodsOf(db, wallet.customer_id);
  return {
    walletId: wallet.id,
    limits: limitsFor(settings, wallet.currency),
    methods: methods.map(({ enabled: _enabled, available: _available, ...m }) => m),
    payers: (await payersOf(db, wallet.customer_id)).map(toPayer),
    // Only what can be charged now, the default first (savedMethodsOf orders it so).
    // A method whose gateway is not offered now (e.g. the sandbox, test mode off) cannot be charged.
    savedMethods: saved
      .filter(
        (m) =>
          m.status === 'confirmed' && settings.methods.some((s) => s.provider === m.provider && s.available),
      )
      .map(toSavedMethod),
    invoiceMethod: await invoiceMethodOf(db, scope.resellerId),
    cryptoRails,
  };
}

/** "Invoice" (bank transfer) on Top Up, if the reseller offers it (invoice settings, migration 0160). */
async function invoiceMethodOf(db: Reader, resellerId: string) {
  const series = await db
    .selectFrom('invoice_series')
    .select(['offer_top_up', 'bank_details'])
    .where('reseller_id', '=', resellerId)
    .executeTakeFirst();
  return series?.offer_top_up === 1 ? { bankDetails: series.bank_details ?? null } : null;
}
