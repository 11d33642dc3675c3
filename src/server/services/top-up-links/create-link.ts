import { randomBytes } from 'node:crypto';
import { formatMoney } from '../../../shared/money.js';
import type { Store } from '../../db/database.js';
import type { TopUpLinkTable } from '../../db/schema.js';
import type { GatewayRegistry } from '../../gateways/registry.js';
import { paymentsId } from '../../lib/ids.js';
import { effectiveSettings, limitsFor, readStoredSettings } from '../../payments/settings.js';
import { Failure, notFound } from '../failure.js';
import type { Scope } from '../scope.js';

/**
 * A shareable link that pays once into one wallet of the customer: a fixed amount (within the
 * reseller's limits) or, without one, whatever the payer enters. `scope` is a staff member's: the
 * customer is any of the reseller's.
 */
export async function createTopUpLink(
  deps: { store: Store; registry: GatewayRegistry },
  scope: Scope,
  customerId: string,
  request: { walletId: string; amount?: number | undefined; expiresAt: string },
  now: string,
): Promise<TopUpLinkTable> {
  const { walletId, amount } = request;
  const expires = new Date(request.expiresAt).toISOString();
  if (expires <= now) throw new Failure('validation', 'expiresAt: must be in the future', 'expiresAt');
  return deps.store.write(async (trx) => {
    const customer = await trx
      .selectFrom('customers')
      .select('id')
      .where('id', '=', customerId)
      .where('reseller_id', '=', scope.resellerId)
      .executeTakeFirst();
    if (!customer) throw notFound('customer', 'id');
    const wallet = await trx
      .selectFrom('wallets')
      .select(['id', 'currency'])
      .where('id', '=', walletId)
      .where('customer_id', '=', customer.id)
      .executeTakeFirst();
    if (!wallet) throw new Failure('not_found', 'wallet of this customer not found', 'walletId');
    const currency = wallet.currency;
    if (amount !== undefined) {
      const settings = effectiveSettings(await readStoredSettings(trx, scope.resellerId), deps.registry);
      const limits = limitsFor(settings, currency);
      if (amount < limits.minAmount || amount > limits.maxAmount) {
        throw new Failure(
          'top_up_limit',
          `a top-up must be between ${formatMoney(limits.minAmount, currency)} and ${formatMoney(limits.maxAmount, currency)}`,
          'amount',
        );
      }
    }
    const link: TopUpLinkTable = {
      id: paymentsId('topUpLink'),
      reseller_id: scope.resellerId,
      customer_id: customer.id,
      wallet_id: wallet.id,
      amount: amount ?? null,
      currency,
      // 256 random bits: not guessable, so a link is found only by whoever was given its URL.
      token: randomBytes(32).toString('base64url'),
      status: 'active',
      payment_id: null,
      expires_at: expires,
      created_at: now,
      updated_at: now,
    };
    await trx.insertInto('top_up_links').values(link).execute();
    return link;
  });
}
