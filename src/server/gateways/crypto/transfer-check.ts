import { baseUnits, type BaseUnits } from './amounts.js';
import type { CoinAsset, CoinNetwork } from './assets.js';
import { confirmations, type ChainSource } from './chain-source.js';
import type { CryptoInvoice } from './payment-id.js';
import { twinOf } from './wrong-network.js';

/**
 * What the chain says about one transaction hash a payer gave for an invoice ("verify my payment"),
 * before anything is credited: the payment service decides from it and settles through its normal
 * path.
 */
export type TransferCheck =
  | { kind: 'not_found' }
  /** On the chain, but to another address (or in another coin) than the invoice asked for. */
  | { kind: 'elsewhere'; address: string; asset: CoinAsset; sameAsset: boolean }
  /** The invoice's coin, to its account, but on the other network (USDT on Tron, not Ethereum). */
  | { kind: 'wrong_network'; asset: CoinAsset; network: CoinNetwork; expectedNetwork: CoinNetwork }
  | {
      kind: 'at_address';
      asset: CoinAsset;
      /** This transfer's own confirmations, and the invoice's requirement. */
      confirmations: number;
      required: number;
      /** Everything at the address with enough confirmations, and what the invoice asks for. */
      confirmedTotal: BaseUnits;
      due: BaseUnits;
    };

/** Hashes are hex; wallets show them with or without 0x, in either case. */
export function normaliseTxHash(hash: string): string {
  return hash.trim().toLowerCase().replace(/^0x/, '');
}

export async function checkTransfer(
  chain: ChainSource,
  invoice: CryptoInvoice,
  txHash: string,
  required: number,
  signal?: AbortSignal,
): Promise<TransferCheck> {
  const txid = normaliseTxHash(txHash);
  const [tip, transfers] = await Promise.all([
    chain.tipHeight(invoice.rail.network, signal),
    chain.transfersTo(invoice.rail, invoice.address, signal),
  ]);
  const mine = transfers.find((t) => t.txid === txid);
  if (!mine) {
    const found = chain.transaction ? await chain.transaction(txid, signal) : null;
    if (!found) return { kind: 'not_found' };
    const twin = twinOf(invoice);
    if (
      twin &&
      found.asset === twin.rail.asset &&
      found.network === twin.rail.network &&
      found.address.toLowerCase() === twin.address.toLowerCase()
    ) {
      return {
        kind: 'wrong_network',
        asset: found.asset,
        network: found.network,
        expectedNetwork: invoice.rail.network,
      };
    }
    return {
      kind: 'elsewhere',
      address: found.address,
      asset: found.asset,
      sameAsset: found.asset === invoice.rail.asset && found.network === invoice.rail.network,
    };
  }
  let confirmed = 0n;
  for (const t of transfers) if (confirmations(t, tip) >= required) confirmed += t.amount;
  return {
    kind: 'at_address',
    asset: invoice.rail.asset,
    confirmations: confirmations(mine, tip),
    required,
    confirmedTotal: baseUnits(confirmed),
    due: invoice.due,
  };
}
