import { z } from 'zod';
import type { OutboundFetch } from '../../../outbound/guarded-fetch.js';
import { baseUnits } from '../amounts.js';
import { USDT_CONTRACTS, type CoinNetwork, type CryptoRail } from '../assets.js';
import type { ChainSource, ChainTransaction, ChainTransfer } from '../chain-source.js';
import { ChainSourceError } from '../http-chain-source.js';
import { normaliseTxHash } from '../transfer-check.js';
import { accountBytes, TRANSFER_TOPIC, tronAddress } from './accounts.js';
import { requestJson, trimBase } from './request-json.js';

/**
 * TRC-20 USDT on Tron through TronGrid (or any node with its v1 API), as TRON's developer
 * documentation describes it:
 * - `GET /v1/accounts/:address/transactions/trc20?only_to=true&contract_address=…&limit=200`, paged
 *   by `meta.fingerprint`: the transfers to the address, confirmed or not, with no block number;
 * - `POST /wallet/gettransactioninfobyid {"value": txid}`: the block that holds a transaction
 *   (`blockNumber`), and its event logs; `{}` while it is in no block (pending, or reorganised away);
 * - `POST /wallet/getnowblock`: the tip, `block_header.raw_data.number`.
 * The operator's key, when set, goes in the `TRON-PRO-API-KEY` header TronGrid asks for.
 */
const txid = z.string().regex(/^(0x)?[0-9a-fA-F]{64}$/);
const trc20Page = z.object({
  success: z.literal(true),
  data: z.array(
    z.object({
      transaction_id: txid,
      token_info: z.object({ address: z.string() }),
      to: z.string(),
      type: z.string(),
      value: z.string().regex(/^\d{1,78}$/),
    }),
  ),
  meta: z.object({ fingerprint: z.string().min(1).optional() }).optional(),
});
const infoSchema = z.union([
  z.object({
    id: txid,
    blockNumber: z.int().min(0),
    /** "SUCCESS", or why the contract call failed (REVERT, OUT_OF_ENERGY…): then nothing moved. */
    receipt: z.object({ result: z.string().optional() }).optional(),
    log: z
      .array(z.object({ address: z.string(), topics: z.array(z.string()), data: z.string().optional() }))
      .optional(),
  }),
  // Not in a block: the node knows nothing of it.
  z.strictObject({}),
]);
const nowBlock = z.object({ block_header: z.object({ raw_data: z.object({ number: z.int().min(0) }) }) });

const MAX_PAGES = 20;

export interface TronGridOptions {
  apiKey?: string;
  /** The TRC-20 USDT contract to watch; Tether's mainnet contract by default. */
  usdtContract?: string;
}

export class TronGridSource implements ChainSource {
  private readonly base: string;
  private readonly usdt: string;
  private readonly headers: Record<string, string>;

  constructor(
    baseUrl: string,
    private readonly http: OutboundFetch,
    options: TronGridOptions = {},
  ) {
    this.base = trimBase(baseUrl);
    this.usdt = options.usdtContract ?? USDT_CONTRACTS.tron;
    this.headers = {
      accept: 'application/json',
      ...(options.apiKey ? { 'TRON-PRO-API-KEY': options.apiKey } : {}),
    };
  }

  async tipHeight(_network?: CoinNetwork, signal?: AbortSignal): Promise<number> {
    const block = await this.post('/wallet/getnowblock', {}, nowBlock, 'the tip block', signal);
    return block.block_header.raw_data.number;
  }

  async transfersTo(rail: CryptoRail, address: string, signal?: AbortSignal): Promise<ChainTransfer[]> {
    if (rail.network !== 'tron' || rail.asset !== 'USDT')
      throw new ChainSourceError(`TronGrid reads USDT on tron, not ${rail.asset} on ${rail.network}`);
    if (!address.startsWith('T') || !accountBytes(address)) throw new ChainSourceError('not a Tron address');
    const amounts = new Map<string, bigint>();
    let fingerprint: string | undefined;
    for (let page = 0; ; page++) {
      if (page >= MAX_PAGES)
        throw new ChainSourceError(`more than ${MAX_PAGES} pages of transfers for one address`);
      const query = new URLSearchParams({ only_to: 'true', contract_address: this.usdt, limit: '200' });
      if (fingerprint) query.set('fingerprint', fingerprint);
      const body = await requestJson(
        this.http,
        `${this.base}/v1/accounts/${encodeURIComponent(address)}/transactions/trc20?${query}`,
        trc20Page,
        'TRC-20 transfers',
        { headers: this.headers, signal: signal ?? null },
      );
      for (const t of body.data) {
        // The filters are the API's; the checks are ours: only Tether's Transfer to this address counts.
        if (t.type !== 'Transfer' || t.to !== address || t.token_info.address !== this.usdt) continue;
        const id = normaliseTxHash(t.transaction_id);
        amounts.set(id, (amounts.get(id) ?? 0n) + BigInt(t.value));
      }
      fingerprint = body.meta?.fingerprint;
      if (!fingerprint || body.data.length === 0) break;
    }
    const transfers: ChainTransfer[] = [];
    for (const [id, amount] of amounts) {
      if (amount === 0n) continue;
      const info = await this.info(id, signal);
      // A reverted call moved nothing, whatever an index lists.
      if (info === 'failed') continue;
      transfers.push({ txid: id, amount: baseUnits(amount), blockHeight: info?.blockNumber ?? null });
    }
    return transfers;
  }

  /** A USDT transfer by its hash, from the Transfer event in its logs; null for anything else. */
  async transaction(id: string, signal?: AbortSignal): Promise<ChainTransaction | null> {
    const hash = normaliseTxHash(id);
    if (!/^[0-9a-f]{64}$/.test(hash)) return null;
    const info = await this.info(hash, signal);
    if (!info || info === 'failed') return null;
    const contract = accountBytes(this.usdt)!;
    const contractHex = Buffer.from(contract).toString('hex');
    for (const log of info.log ?? []) {
      // Tron logs carry the contract as 20 hex bytes and topics as hex, neither with a prefix.
      const topics = log.topics.map((t) => `0x${t.toLowerCase().replace(/^0x/, '')}`);
      if (log.address.toLowerCase().replace(/^(0x|41)/, '') !== contractHex) continue;
      if (topics[0] !== TRANSFER_TOPIC || topics.length < 3 || !/^0x[0-9a-f]{64}$/.test(topics[2]!)) continue;
      const to = tronAddress(Buffer.from(topics[2]!.slice(26), 'hex'));
      const data = (log.data ?? '').replace(/^0x/, '');
      if (!/^[0-9a-fA-F]{1,64}$/.test(data)) continue;
      return {
        txid: hash,
        network: 'tron',
        asset: 'USDT',
        address: to,
        amount: baseUnits(BigInt(`0x${data}`)),
        blockHeight: info.blockNumber,
      };
    }
    return null;
  }

  /** The transaction's block and logs; null while no block holds it; "failed" when its call failed. */
  private async info(hash: string, signal?: AbortSignal) {
    const info = await this.post(
      '/wallet/gettransactioninfobyid',
      { value: hash },
      infoSchema,
      'a transaction',
      signal,
    );
    if (!('blockNumber' in info)) return null;
    const result = info.receipt?.result;
    return result === undefined || result === 'SUCCESS' ? info : 'failed';
  }

  private post<T extends z.ZodType>(
    path: string,
    body: unknown,
    schema: T,
    what: string,
    signal?: AbortSignal,
  ) {
    return requestJson(this.http, `${this.base}${path}`, schema, what, {
      method: 'POST',
      headers: { ...this.headers, 'content-type': 'application/json' },
      body: JSON.stringify(body),
      signal: signal ?? null,
    });
  }
}
