import { z } from 'zod';
import { COIN_ASSETS, type CoinAsset } from './assets.js';

/**
 * The HTTP face of a chain source (the simulated chain's server speaks it; HttpChainSource reads it).
 * Coin amounts are whole-coin decimal strings with every decimal place ("0.00150000"), never numbers.
 */

export const coinAssetSchema = z.enum(COIN_ASSETS as [CoinAsset, ...CoinAsset[]]);
export const coinNetworkSchema = z.enum(['bitcoin', 'ethereum', 'tron']);
const decimalAmount = z.string().regex(/^\d+(\.\d+)?$/, 'a decimal amount in whole coins, e.g. "0.0015"');

export const tipResponseSchema = z.object({ height: z.int().nonnegative() });

export const transfersQuerySchema = z.strictObject({
  network: coinNetworkSchema,
  asset: coinAssetSchema,
  address: z.string().min(1).max(128),
});

export const transfersResponseSchema = z.object({
  transfers: z.array(
    z.object({
      txid: z.string().regex(/^[0-9a-f]{64}$/),
      amount: decimalAmount,
      blockHeight: z.int().nonnegative().nullable(),
    }),
  ),
});

export const transactionQuerySchema = z.strictObject({ txid: z.string().regex(/^[0-9a-f]{64}$/) });
/** The transfer with that hash wherever it went, or `transaction: null` when the chain has none. */
export const transactionResponseSchema = z.object({
  transaction: z
    .object({
      txid: z.string().regex(/^[0-9a-f]{64}$/),
      network: coinNetworkSchema,
      asset: coinAssetSchema,
      address: z.string().min(1).max(128),
      amount: decimalAmount,
      blockHeight: z.int().nonnegative().nullable(),
    })
    .nullable(),
});

export const sendBodySchema = z.strictObject({
  address: z.string().min(1).max(128),
  amount: decimalAmount,
  /** Defaults to the network's own coin (USDT on Tron); "USDT" to an Ethereum address is ERC-20. */
  asset: coinAssetSchema.optional(),
});
export const sendResponseSchema = z.object({ txid: z.string(), network: coinNetworkSchema });

export const mineBodySchema = z.strictObject({ blocks: z.int().positive().optional() });
export const mineResponseSchema = z.object({ height: z.int().nonnegative() });

/**
 * Long poll: answered as soon as the chain's activity counter (one step per send or mine) passes
 * `after`, or after `waitMs` with the counter as it is. Without `after`, answered at once. Lets a
 * watcher learn of new chain activity without polling every invoice (as a node's block
 * notifications would).
 */
export const MAX_ACTIVITY_WAIT_MS = 60_000;
export const activityQuerySchema = z.strictObject({
  after: z.coerce.number().int().nonnegative().optional(),
  waitMs: z.coerce.number().int().min(0).max(MAX_ACTIVITY_WAIT_MS).optional(),
});
export const activityResponseSchema = z.object({ activity: z.int().nonnegative() });
