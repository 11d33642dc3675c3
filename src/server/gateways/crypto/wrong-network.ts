import { formatCoinAmount } from './amounts.js';
import type { CryptoRail } from './assets.js';
import { confirmations, type ChainSource } from './chain-source.js';
import { accountBytes, ethereumAddress, tronAddress } from './chain-sources/accounts.js';
import type { CryptoInvoice } from './payment-id.js';
import type { MisdirectedTransfer } from '../provider.js';

/**
 * The same invoice on the network the payer did not choose: USDT on Tron for a USDT-on-Ethereum
 * invoice and the other way round, at the twin of the invoice's address (the same 20-byte account,
 * held by the same key: see accounts.ts). Null for coins that live on one network only.
 */
export function twinOf(
  invoice: Pick<CryptoInvoice, 'rail' | 'address'>,
): { rail: CryptoRail; address: string } | null {
  if (invoice.rail.asset !== 'USDT') return null;
  const account = accountBytes(invoice.address);
  if (!account) return null;
  return invoice.rail.network === 'ethereum'
    ? { rail: { asset: 'USDT', network: 'tron' }, address: tronAddress(account) }
    : { rail: { asset: 'USDT', network: 'ethereum' }, address: ethereumAddress(account) };
}

/**
 * USDT that reached the invoice's account on the other network, with `required` confirmations
 * there (so a transfer later reorganised away opens no review). Nothing here credits: the payment
 * service opens a review, and staff recover the coins with the same key. When the other network
 * cannot be read (no source configured, or it fails) the answer is "none seen": that network's
 * trouble must not hold back the invoice's own.
 */
export async function misdirectedTransfers(
  chain: ChainSource,
  invoice: Pick<CryptoInvoice, 'rail' | 'address'>,
  required: number,
  signal?: AbortSignal,
): Promise<MisdirectedTransfer[]> {
  const twin = twinOf(invoice);
  if (!twin) return [];
  try {
    const [tip, transfers] = await Promise.all([
      chain.tipHeight(twin.rail.network, signal),
      chain.transfersTo(twin.rail, twin.address, signal),
    ]);
    return transfers
      .filter((t) => confirmations(t, tip) >= Math.max(1, required))
      .map((t) => ({
        asset: twin.rail.asset,
        network: twin.rail.network,
        expectedNetwork: invoice.rail.network,
        address: twin.address,
        txid: t.txid,
        amount: formatCoinAmount(t.amount, twin.rail.asset),
      }));
  } catch (error) {
    if (signal?.aborted) throw error;
    return [];
  }
}
