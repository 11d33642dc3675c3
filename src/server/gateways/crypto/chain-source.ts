import type { BaseUnits } from './amounts.js';
import type { CoinNetwork, CryptoRail } from './assets.js';

/**
 * Where the crypto gateway reads the chain: a node, an indexer's API, or the simulated chain of the
 * tests and the demo. Only what crediting needs: the tip, and what was sent to one address.
 */
export interface ChainTransfer {
  txid: string;
  amount: BaseUnits;
  /** The block that holds it, or null while it waits in the mempool. */
  blockHeight: number | null;
}

/** One transfer found by its hash, wherever it went: what "verify my payment" looks up. */
export interface ChainTransaction extends ChainTransfer {
  network: CryptoRail['network'];
  asset: CryptoRail['asset'];
  address: string;
}

export interface ChainSource {
  /** The height of the newest block of `network` (a source that reads one chain may ignore it). */
  tipHeight(network: CoinNetwork, signal?: AbortSignal): Promise<number>;
  /** Transfers of the rail's asset to `address` on the rail's network (USDT by its token contract). */
  transfersTo(rail: CryptoRail, address: string, signal?: AbortSignal): Promise<ChainTransfer[]>;
  /**
   * The transfer with this hash, or null when the chain has none. Optional: a source that cannot
   * look a hash up is asked about the payment's own address only (transfersTo).
   */
  transaction?(txid: string, signal?: AbortSignal): Promise<ChainTransaction | null>;
}

/** Confirmations as wallets count them: 1 once in the tip block, 0 while unmined. */
export function confirmations(transfer: ChainTransfer, tipHeight: number): number {
  return transfer.blockHeight === null ? 0 : Math.max(0, tipHeight - transfer.blockHeight + 1);
}
