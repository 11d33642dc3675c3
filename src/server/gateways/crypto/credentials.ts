import { z } from 'zod';
import { CURRENCIES, type Currency } from '../../../shared/money.js';
import { isEthereumAddress } from './address.js';
import { COIN_ASSETS, ETHEREUM_MAINNET_CHAIN_ID, type CoinAsset } from './assets.js';

/**
 * What a reseller stores for the crypto gateway (encrypted server-side, never sent to a client).
 * Confirmation defaults follow common merchant practice: a bitcoin block is ~10 min and rarely
 * reorganised past 2; Ethereum and Tron blocks are seconds apart and wallets wait for ~12–20.
 */
export const DEFAULT_REQUIRED_CONFIRMATIONS: Record<CoinAsset, number> = { BTC: 2, ETH: 12, USDT: 12 };

/** How long a quoted rate holds when the payment itself does not end sooner. */
export const DEFAULT_QUOTE_MINUTES = 30;

const assetSchema = z.enum(COIN_ASSETS as [CoinAsset, ...CoinAsset[]]);
const currencySchema = z.enum(CURRENCIES as [Currency, ...Currency[]]);
/** Fiat major units per whole coin, e.g. "67123.45"; exact decimal text, never a float. */
const priceSchema = z
  .string()
  .regex(/^\d{1,15}(\.\d{1,18})?$/, 'a decimal price such as "67123.45"')
  .refine((price) => /[1-9]/.test(price), 'a price must be above zero');

export const cryptoCredentialsSchema = z.strictObject({
  /** Seeds the per-payment addresses (derive-address.ts). Changing it moves every future address. */
  addressSecret: z.string().min(16).max(256),
  /** The chain source's HTTP base (chain-wire.ts); the environment's apiBaseUrl overrides it. */
  chainUrl: z.url({ protocol: /^https?$/ }).optional(),
  /**
   * Fixed quotes: fiat currency → asset → price of one coin. With live rates off, a missing pair is
   * not offered; with them on, a pair set here still wins over the live price.
   */
  rates: z.partialRecord(currencySchema, z.partialRecord(assetSchema, priceSchema)).default({}),
  /** Quote from the operator's live rate source (RATES_API_BASE_URL) for pairs not fixed above. */
  liveRates: z.boolean().default(false),
  requiredConfirmations: z.partialRecord(assetSchema, z.int().min(0).max(1000)).default({}),
  quoteMinutes: z
    .int()
    .min(1)
    .max(24 * 60)
    .default(DEFAULT_QUOTE_MINUTES),
  /** Bitcoin testnet addresses (tb1…) instead of mainnet. */
  testnet: z.boolean().default(false),
  /** EIP-155 chain id written into Ethereum payment URIs. */
  chainId: z.int().positive().default(ETHEREUM_MAINNET_CHAIN_ID),
  /** A test chain's own USDT contract; mainnet Tether otherwise. */
  usdtContract: z.string().refine(isEthereumAddress, 'an Ethereum address').optional(),
});
export type CryptoCredentials = z.infer<typeof cryptoCredentialsSchema>;
