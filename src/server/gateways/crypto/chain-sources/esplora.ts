import { z } from 'zod';
import type { OutboundFetch } from '../../../outbound/guarded-fetch.js';
import { baseUnits } from '../amounts.js';
import type { CoinNetwork, CryptoRail } from '../assets.js';
import type { ChainSource, ChainTransaction, ChainTransfer } from '../chain-source.js';
import { ChainSourceError } from '../http-chain-source.js';
import { parseAnswer, requestJson, trimBase } from './request-json.js';

/**
 * Bitcoin through an Esplora REST API (Blockstream's esplora/electrs, mempool.space, or the
 * operator's own), as its API.md documents it: `GET /blocks/tip/height` (plain text),
 * `GET /address/:address/txs` (up to 50 mempool transactions, then the newest 25 confirmed),
 * `GET /address/:address/txs/chain/:last_seen_txid` (the next 25 confirmed), `GET /tx/:txid`.
 * Amounts are satoshis as JSON integers.
 */
const satoshis = z.int().min(0).max(Number.MAX_SAFE_INTEGER);
const txSchema = z.object({
  txid: z.string().regex(/^[0-9a-f]{64}$/),
  status: z.union([
    z.object({ confirmed: z.literal(true), block_height: z.int().min(0) }),
    z.object({ confirmed: z.literal(false) }),
  ]),
  vout: z.array(z.object({ scriptpubkey_address: z.string().optional(), value: satoshis })),
});
type EsploraTx = z.infer<typeof txSchema>;

/** Esplora's page of confirmed transactions. */
const CHAIN_PAGE = 25;
/** A fresh invoice address sees a handful of payments; past this many pages something is wrong. */
const MAX_PAGES = 40;

export class EsploraSource implements ChainSource {
  private readonly base: string;

  constructor(
    baseUrl: string,
    private readonly http: OutboundFetch,
  ) {
    this.base = trimBase(baseUrl);
  }

  async tipHeight(_network?: CoinNetwork, signal?: AbortSignal): Promise<number> {
    const response = await this.http(`${this.base}/blocks/tip/height`, { signal: signal ?? null });
    const text = (await response.text()).trim();
    if (!response.ok)
      throw new ChainSourceError(`chain API answered ${response.status} to the tip height`, response.status);
    return parseAnswer(text, z.int().min(0), 'the tip height');
  }

  async transfersTo(rail: CryptoRail, address: string, signal?: AbortSignal): Promise<ChainTransfer[]> {
    if (rail.network !== 'bitcoin') throw new ChainSourceError(`Esplora reads bitcoin, not ${rail.network}`);
    const path = `/address/${encodeURIComponent(address)}/txs`;
    const first = await this.txs(path, signal);
    const all = [...first];
    let confirmed = first.filter((tx) => tx.status.confirmed);
    for (let page = 1; confirmed.length === CHAIN_PAGE; page++) {
      if (page >= MAX_PAGES)
        throw new ChainSourceError(`more than ${MAX_PAGES} pages of transactions for one address`);
      confirmed = await this.txs(`${path}/chain/${confirmed.at(-1)!.txid}`, signal);
      all.push(...confirmed);
    }
    // A transaction's outputs to this address, summed: one payment may pay it twice in one tx.
    return [...new Map(all.map((tx) => [tx.txid, tx])).values()]
      .map((tx) => ({ tx, amount: paidTo(tx, address) }))
      .filter(({ amount }) => amount > 0n)
      .map(({ tx, amount }) => ({ txid: tx.txid, amount: baseUnits(amount), blockHeight: heightOf(tx) }));
  }

  /** A transaction by its hash: its first output that names an address is where it went. */
  async transaction(txid: string, signal?: AbortSignal): Promise<ChainTransaction | null> {
    if (!/^[0-9a-f]{64}$/.test(txid)) return null;
    const response = await this.http(`${this.base}/tx/${txid}`, { signal: signal ?? null });
    const text = await response.text();
    // Esplora answers an unknown transaction with 404 (or 400 for a malformed id) and plain text.
    if (response.status === 404 || response.status === 400) return null;
    if (!response.ok)
      throw new ChainSourceError(`chain API answered ${response.status} to a transaction`, response.status);
    const tx = parseAnswer(text, txSchema, 'a transaction');
    const out = tx.vout.find((o) => o.scriptpubkey_address !== undefined);
    if (!out) return null;
    const address = out.scriptpubkey_address!;
    return {
      txid: tx.txid,
      network: 'bitcoin',
      asset: 'BTC',
      address,
      amount: baseUnits(paidTo(tx, address)),
      blockHeight: heightOf(tx),
    };
  }

  private txs(path: string, signal?: AbortSignal): Promise<EsploraTx[]> {
    return requestJson(this.http, `${this.base}${path}`, z.array(txSchema), 'address transactions', {
      signal: signal ?? null,
    });
  }
}

function paidTo(tx: EsploraTx, address: string): bigint {
  return tx.vout.reduce((sum, o) => (o.scriptpubkey_address === address ? sum + BigInt(o.value) : sum), 0n);
}

const heightOf = (tx: EsploraTx) => (tx.status.confirmed ? tx.status.block_height : null);
