import { z } from 'zod';
import { CURRENCIES, type Currency } from '../../../shared/money.js';
import { accountKeyId, readAccountKey } from './account-key.js';
import { isEthereumAddress } from './address.js';
import { COIN_ASSETS, ETHEREUM_MAINNET_CHAIN_ID, type CoinAsset, type CoinNetwork } from './assets.js';

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

/** One network's account-level extended public key (account-key.ts says which forms each takes). */
const accountKeySchema = (network: CoinNetwork) =>
  z
    .string()
    .trim()
    .max(200)
    .superRefine((text, ctx) => {
      const reading = readAccountKey(network, text);
      if (!reading.ok) ctx.addIssue({ code: 'custom', message: reading.reason });
    });

/**
 * The reseller's wallet, one account key per network it is paid on; a network without one is not
 * offered. Public keys only: each payment's address is derived from them (account-key.ts).
 */
const xpubsSchema = z
  .strictObject({
    bitcoin: accountKeySchema('bitcoin').optional(),
    ethereum: accountKeySchema('ethereum').optional(),
    tron: accountKeySchema('tron').optional(),
  })
  .refine(
    (keys) => Object.values(keys).some(Boolean),
    'give the extended public key of at least one network (bitcoin, ethereum or tron)',
  )
  // Parsed even when left out, so a document with no keys is told what is missing.
  .prefault({});

export const cryptoCredentialsSchema = z
  .strictObject({
    xpubs: xpubsSchema,
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
    /**
     * A test chain's own USDT contract; mainnet Tether otherwise. On a test chain without it, USDT on
     * Ethereum is not offered (offered-rails.ts): mainnet Tether's contract does not exist there.
     */
    usdtContract: z.string().refine(isEthereumAddress, 'an Ethereum address').optional(),
  })
  .superRefine((credentials, ctx) => {
    const bitcoin = credentials.xpubs.bitcoin;
    if (bitcoin === undefined) return;
    const reading = readAccountKey('bitcoin', bitcoin);
    // A testnet key on mainnet (or the reverse) would show addresses no wallet of the payer's pays.
    if (reading.ok && reading.key.testnet !== credentials.testnet) {
      ctx.addIssue({
        code: 'custom',
        path: ['xpubs', 'bitcoin'],
        message: credentials.testnet
          ? "Bitcoin testnet is on: give a vpub or tpub (m/84'/1'/0'), not a mainnet key"
          : 'this is a testnet key (vpub/tpub): give a mainnet zpub or xpub, or turn Bitcoin testnet on',
      });
    }
  });
export type CryptoCredentials = z.infer<typeof cryptoCredentialsSchema>;

/**
 * Each stored account key's identity, by field: a digest of its public key and chain code, the
 * same whichever serialisation (zpub or xpub) the reseller pasted. Only one reseller may hold a key.
 */
export function accountKeyIds(credentials: CryptoCredentials): Record<string, string | undefined> {
  const ids: Record<string, string | undefined> = {};
  for (const network of ['bitcoin', 'ethereum', 'tron'] as const) {
    const text = credentials.xpubs[network];
    const reading = text === undefined ? null : readAccountKey(network, text);
    if (reading?.ok) ids[`xpubs.${network}`] = accountKeyId(reading.key);
  }
  return ids;
}
