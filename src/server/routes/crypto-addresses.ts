import { z } from 'zod';
import { errorBodySchema } from '../../shared/api/common.js';
import {
  cryptoAddressesSchema,
  paymentDerivationSchema,
  type CryptoAddresses,
  type PaymentDerivation,
} from '../../shared/api/crypto-addresses.js';
import type { Checkout } from '../../shared/api/payments.js';
import type { Api, AppContext } from '../context.js';
import { receivingPath } from '../gateways/crypto/account-key.js';
import { CRYPTO_RAILS, type CryptoRail } from '../gateways/crypto/assets.js';
import { staffScope } from '../http/access.js';
import { readStoredSettings } from '../payments/settings.js';
import { findPayment } from '../services/lookups.js';
import { addressGaps } from '../services/payments/address-gap.js';

const errors = { '4xx': errorBodySchema };
const idParams = z.strictObject({ id: z.string().min(1).max(64) });

/**
 * Staff views of the reseller's crypto receiving addresses: how far its wallet must scan, and where
 * one payment's address sits. Kept off the payment itself, which its payer reads too.
 */
export function registerCryptoAddressRoutes(api: Api, ctx: AppContext) {
  api.get(
    '/v1/payment-settings/crypto-addresses',
    { schema: { tags: ['payments'], response: { 200: cryptoAddressesSchema, ...errors } } },
    async (request): Promise<CryptoAddresses> => {
      const { resellerId } = staffScope(request);
      const settings = await readStoredSettings(ctx.store.db, resellerId);
      const gaps = await addressGaps(ctx.store.db, resellerId);
      return {
        gapLimit: settings.cryptoGapLimit,
        gapPolicy: ctx.payments.providers.cryptoGapPolicy,
        networks: gaps.map((g) => ({
          network: g.network,
          assets: CRYPTO_RAILS.filter((r) => r.network === g.network).map((r) => r.asset),
          nextIndex: g.lastIndex === null ? 0 : g.lastIndex + 1,
          highestUsedIndex: g.highestUsedIndex,
          gap: g.gap,
        })),
      };
    },
  );

  api.get(
    '/v1/payments/:id/crypto-address',
    {
      schema: {
        tags: ['payments'],
        params: idParams,
        response: { 200: paymentDerivationSchema, ...errors },
      },
    },
    async (request): Promise<PaymentDerivation> => {
      const payment = await findPayment(ctx.store.db, staffScope(request), request.params.id);
      if (payment.address_index == null || payment.rail === null) {
        return { paymentId: payment.id, crypto: null };
      }
      const rail = JSON.parse(payment.rail) as CryptoRail;
      const checkout = payment.checkout === null ? null : (JSON.parse(payment.checkout) as Checkout);
      const address = checkout?.kind === 'crypto_qr' ? checkout.address : null;
      // The address was derived from the stored key, so its prefix says whether that key is a
      // testnet one (bech32 "tb"): no need to open the reseller's credentials to read the path.
      const testnet = address?.startsWith('tb1') ?? false;
      return {
        paymentId: payment.id,
        crypto: {
          network: rail.network,
          asset: rail.asset,
          addressIndex: payment.address_index,
          derivationPath: receivingPath(rail.network, testnet, payment.address_index),
          address,
        },
      };
    },
  );
}
