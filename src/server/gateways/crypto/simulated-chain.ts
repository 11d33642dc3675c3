import { createHash } from 'node:crypto';
import { isAddressFor } from './address.js';
import { baseUnits, type BaseUnits } from './amounts.js';
import { CRYPTO_RAILS, type CoinAsset, type CoinNetwork, type CryptoRail } from './assets.js';
import type { ChainSource, ChainTransaction, ChainTransfer } from './chain-source.js';

/**
 * A deterministic, in-memory chain for tests and the demo: coins are "sent" into a mempool and
 * "mined" into blocks on command, so a test decides exactly when a payment gains each confirmation.
 * Blocks are never reorganised; the same calls always give the same txids and heights. One height
 * counter serves every network, which is all a simulation needs.
 */

export class SimulatedChainError extends Error {
  override readonly name = 'SimulatedChainError';
  constructor(
    readonly field: 'address' | 'asset' | 'amount' | 'blocks',
    message: string,
  ) {
    super(message);
  }
}

interface StoredTransfer {
  txid: string;
  network: CoinNetwork;
  asset: CoinAsset;
  address: string;
  amount: BaseUnits;
  blockHeight: number | null;
}

/** The network an address belongs to, by its format (mainnet or testnet bitcoin). */
export function networkOfAddress(address: string): CoinNetwork | null {
  if (isAddressFor('bitcoin', address) || isAddressFor('bitcoin', address, { testnet: true }))
    return 'bitcoin';
  if (isAddressFor('ethereum', address)) return 'ethereum';
  if (isAddressFor('tron', address)) return 'tron';
  return null;
}

/** What is sent to an address when no asset is named: the network's own coin, USDT on Tron. */
export const DEFAULT_ASSET: Record<CoinNetwork, CoinAsset> = {
  bitcoin: 'BTC',
  ethereum: 'ETH',
  tron: 'USDT',
};

/** Most blocks one mine() call may add: a bound on what a stray request can make the loop do. */
export const MAX_BLOCKS_PER_MINE = 10_000;

export class SimulatedChain implements ChainSource {
  private height = 0;
  private sequence = 0;
  private readonly transfers: StoredTransfer[] = [];
  private readonly listeners = new Set<() => void>();

  /** Puts a transfer in the mempool. Ethereum addresses take ETH unless `asset` says USDT (ERC-20). */
  send(address: string, amount: BaseUnits, asset?: CoinAsset): { txid: string; network: CoinNetwork } {
    const network = networkOfAddress(address);
    if (network === null) throw new SimulatedChainError('address', `not an address on any rail: ${address}`);
    const coin = asset ?? DEFAULT_ASSET[network];
    if (!CRYPTO_RAILS.some((r) => r.network === network && r.asset === coin)) {
      throw new SimulatedChainError('asset', `${coin} is not sent on ${network}`);
    }
    if (amount <= 0n) throw new SimulatedChainError('amount', 'a transfer must move a positive amount');
    this.sequence += 1;
    const txid = createHash('sha256')
      .update(`${this.sequence}:${network}:${coin}:${address}:${amount}`)
      .digest('hex');
    this.transfers.push({
      txid,
      network,
      asset: coin,
      address,
      amount: baseUnits(amount),
      blockHeight: null,
    });
    this.changed();
    return { txid, network };
  }

  /** Mines `blocks` blocks; the first takes everything waiting in the mempool. Returns the new tip. */
  mine(blocks = 1): number {
    if (!Number.isSafeInteger(blocks) || blocks < 1 || blocks > MAX_BLOCKS_PER_MINE) {
      throw new SimulatedChainError('blocks', `blocks must be 1..${MAX_BLOCKS_PER_MINE}`);
    }
    const next = this.height + 1;
    for (const transfer of this.transfers) if (transfer.blockHeight === null) transfer.blockHeight = next;
    this.height += blocks;
    this.changed();
    return this.height;
  }

  /** Calls `listener` after every send and mine; returns the unsubscribe. */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  tipHeight(): Promise<number> {
    return Promise.resolve(this.height);
  }

  transfersTo(rail: CryptoRail, address: string): Promise<ChainTransfer[]> {
    return Promise.resolve(
      this.transfers
        .filter((t) => t.network === rail.network && t.asset === rail.asset && t.address === address)
        .map(({ txid, amount, blockHeight }) => ({ txid, amount, blockHeight })),
    );
  }

  transaction(txid: string): Promise<ChainTransaction | null> {
    const found = this.transfers.find((t) => t.txid === txid);
    return Promise.resolve(found ? { ...found } : null);
  }

  private changed() {
    for (const listener of this.listeners) listener();
  }
}
