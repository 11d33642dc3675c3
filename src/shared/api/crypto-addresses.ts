import { z } from 'zod';
import { idSchema } from './common.js';
import { cryptoAssetSchema, cryptoGapLimitSchema, cryptoNetworkSchema } from './payments.js';

/**
 * The reseller's crypto receiving addresses as its wallet sees them (staff only). Each checkout
 * takes the next index of the network's account key (<account>/0/<index>); a wallet restored from
 * that key stops looking after `gapLimit` unused addresses in a row, so a gap that reaches it hides
 * every later payment from the wallet until the wallet's own gap limit is raised.
 */

export const cryptoAddressNetworkSchema = z.object({
  network: cryptoNetworkSchema,
  /** The coins paid to this network's addresses (USDT on Ethereum shares ETH's addresses). */
  assets: z.array(cryptoAssetSchema),
  /** The index the next checkout gets. */
  nextIndex: z.int().min(0),
  /** The highest index that received coins; null: none yet. */
  highestUsedIndex: z.int().min(0).nullable(),
  /** Unused addresses handed out since the last used one. */
  gap: z.int().min(0),
});
export type CryptoAddressNetwork = z.infer<typeof cryptoAddressNetworkSchema>;

export const cryptoAddressesSchema = z.object({
  gapLimit: cryptoGapLimitSchema,
  /** CRYPTO_GAP_POLICY: at the limit, checkouts are refused, or go ahead with a warning. */
  gapPolicy: z.enum(['warn', 'refuse']),
  networks: z.array(cryptoAddressNetworkSchema),
});
export type CryptoAddresses = z.infer<typeof cryptoAddressesSchema>;

/**
 * Where a crypto payment's address sits in the reseller's wallet: staff only, never in the payment
 * the payer sees (it would tell anyone how many checkouts the reseller had).
 */
export const paymentDerivationSchema = z.object({
  paymentId: idSchema,
  /** Null: not a crypto payment (or one from before addresses were derived). */
  crypto: z
    .object({
      network: cryptoNetworkSchema,
      asset: cryptoAssetSchema,
      addressIndex: z.int().min(0),
      /** BIP-32 path of the address, e.g. m/84'/0'/0'/0/7. */
      derivationPath: z.string(),
      /** The address the payer was shown; null before a checkout was opened. */
      address: z.string().nullable(),
    })
    .nullable(),
});
export type PaymentDerivation = z.infer<typeof paymentDerivationSchema>;
