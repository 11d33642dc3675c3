import { randomBytes } from 'node:crypto';
import type { Trx } from '../../db/database.js';
import type { TopUpLinkTable } from '../../db/schema.js';
import type { GatewayRegistry } from '../../gateways/registry.js';
import { paymentsId } from '../../lib/ids.js';
import {
  effectiveSettings,
  enforceTopUpLimits,
  limitsFor,
  readStoredSettings,
} from '../../payments/settings.js';
import { findCustomer, findWallet } from '../lookups.js';
import { attempt, refuse, type Result } from '../result.js';
import { recordAudit } from '../audit/record.js';
import type { Scope } from '../scope.js';

export interface CreateTopUpLink {
  customerId: string;
  walletId: string;
  /** Minor units; without it the payer enters the amount. */
  amount?: number | undefined;
  expiresAt: string;
  /** The gateways this server offers (the reseller's limits depend on them). */
  registry: GatewayRegistry;
}

/**
 * A shareable link that pays once into one wallet of the customer: a fixed amount (within the
 * reseller's limits) or, without one, whatever the payer enters. `scope` is a staff member's: the
 * customer is any of the reseller's.
 */
export async function createTopUpLink(
  trx: Trx,
  scope: Scope,
  input: CreateTopUpLink,
  now: string,
): Promise<Result<TopUpLinkTable, 'not_found' | 'validation' | 'top_up_limit'>> {
  const expires = new Date(input.expiresAt).toISOString();
  if (expires <= now) return refuse('validation', 'expiresAt: must be in the future', 'expiresAt');
  return attempt(['not_found', 'top_up_limit'], async () => {
    const customer = await findCustomer(trx, scope, input.customerId);
    // Narrowed to the customer: another customer's wallet is not one this link can pay into.
    const wallet = await findWallet(trx, { ...scope, customerId: customer.id }, input.walletId, {
      field: 'walletId',
    });
    if (input.amount !== undefined) {
      const settings = effectiveSettings(await readStoredSettings(trx, scope.resellerId), input.registry);
      enforceTopUpLimits(limitsFor(settings, wallet.currency), input.amount);
    }
    const link: TopUpLinkTable = {
      id: paymentsId('topUpLink'),
      reseller_id: scope.resellerId,
      customer_id: customer.id,
      wallet_id: wallet.id,
      amount: input.amount ?? null,
      currency: wallet.currency,
      // 256 random bits: not guessable, so a link is found only by whoever was given its URL.
      token: randomBytes(32).toString('base64url'),
      status: 'active',
      payment_id: null,
      expires_at: expires,
      created_at: now,
      updated_at: now,
    };
    await trx.insertInto('top_up_links').values(link).execute();
    // Never the token: whoever reads the trail must not be able to pay through the link.
    await recordAudit(
      trx,
      scope,
      {
        action: 'top_up_link.created',
        entityType: 'top_up_link',
        entityId: link.id,
        after: {
          customerId: link.customer_id,
          walletId: link.wallet_id,
          amount: link.amount,
          currency: link.currency,
          expiresAt: link.expires_at,
        },
      },
      now,
    );
    return link;
  });
}
