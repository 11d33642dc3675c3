import { z } from 'zod';
import type { OutboundFetch } from '../../../outbound/guarded-fetch.js';
import { baseUnits } from '../amounts.js';
import { USDT_CONTRACTS, type CoinNetwork, type CryptoRail } from '../assets.js';
import type { ChainSource, ChainTransaction, ChainTransfer } from '../chain-source.js';
import { ChainSourceError } from '../http-chain-source.js';
import { normaliseTxHash } from '../transfer-check.js';
import { accountBytes, addressTopic, ethereumAddress, TRANSFER_TOPIC } from './accounts.js';
import { requestJson, trimBase } from './request-json.js';

/**
 * Ethereum through any JSON-RPC node or provider (geth, Erigon, Infura, Alchemy…), with the methods
 * of the Ethereum execution API specification only: `eth_blockNumber`, `eth_getLogs`,
 * `eth_getBalance`, `eth_getBlockByNumber`, `eth_getTransactionByHash`, `eth_getTransactionReceipt`.
 * Quantities are 0x-hex.
 *
 * USDT (ERC-20): the token contract's `Transfer(from, to, value)` logs whose third topic is the
 * invoice address, read in windows over the recent blocks (providers cap the range of one call).
 *
 * Native ETH: JSON-RPC has no "transactions to an address" call, and an indexer would be one more
 * API to trust. Every invoice has its own fresh address, so its balance only grows; the source
 * finds the block where the balance last changed by bisecting `eth_getBalance` over block numbers
 * (about 14 calls for the default window), reads that block's transactions for the ones to the
 * address (their hashes and values), and repeats below it for earlier payments. ETH moved by a
 * contract (an internal transfer) has no transaction of its own to the address: it is reported
 * under the hash of the block that holds it. This needs a node that keeps historic state for the
 * window (any archive node or hosted provider; a pruned geth keeps the last 128 blocks). ETH still
 * in the mempool is not reported: the payment shows nothing until it is mined.
 */
const quantity = z
  .string()
  .regex(/^0x[0-9a-fA-F]{1,64}$/)
  .transform((hex) => BigInt(hex));
/** At most 13 hex digits, so it fits a JS number exactly. */
const blockNumber = z
  .string()
  .regex(/^0x[0-9a-fA-F]{1,13}$/)
  .transform((hex) => Number.parseInt(hex.slice(2), 16));
const hash = z.string().regex(/^0x[0-9a-fA-F]{64}$/);
const address = z.string().regex(/^0x[0-9a-fA-F]{40}$/);

const logSchema = z.object({
  address,
  topics: z.array(hash),
  data: z.string().regex(/^0x[0-9a-fA-F]*$/),
  blockNumber: blockNumber.nullable(),
  transactionHash: hash.nullable(),
  removed: z.boolean().optional(),
});
const txSchema = z.object({
  hash,
  to: address.nullable(),
  value: quantity,
  input: z.string().regex(/^0x[0-9a-fA-F]*$/),
  blockNumber: blockNumber.nullable(),
});
const receiptSchema = z.object({ status: z.enum(['0x0', '0x1']).optional() }).nullable();
const blockSchema = z.object({ hash, number: blockNumber, transactions: z.array(txSchema) });

const rpcAnswer = z.union([
  z.object({ jsonrpc: z.literal('2.0'), result: z.unknown() }),
  z.object({ jsonrpc: z.literal('2.0'), error: z.object({ code: z.int(), message: z.string() }) }),
]);

/** ERC-20 `transfer(address,uint256)` and `transferFrom(address,address,uint256)` selectors. */
const TRANSFER_SELECTOR = '0xa9059cbb';
const TRANSFER_FROM_SELECTOR = '0x23b872dd';

export interface EthereumRpcOptions {
  /** The USDT contract to watch (a test chain's own); Tether's mainnet contract by default. */
  usdtContract?: string;
  /** How far back payments are looked for, blocks: a day and more of 12-second blocks. */
  lookbackBlocks?: number;
  /** Blocks per eth_getLogs call, within what hosted providers accept. */
  logWindow?: number;
}

/** At most this many separate ETH payments to one invoice address are traced. */
const MAX_NATIVE_PAYMENTS = 20;
const hex = (n: number) => `0x${n.toString(16)}`;

export class EthereumRpcSource implements ChainSource {
  private readonly url: string;
  private readonly usdt: string;
  private readonly lookback: number;
  private readonly window: number;
  private nextId = 1;

  constructor(
    url: string,
    private readonly http: OutboundFetch,
    options: EthereumRpcOptions = {},
  ) {
    this.url = trimBase(url);
    this.usdt = (options.usdtContract ?? USDT_CONTRACTS.ethereum).toLowerCase();
    this.lookback = options.lookbackBlocks ?? 10_000;
    this.window = options.logWindow ?? 2_000;
  }

  async tipHeight(_network?: CoinNetwork, signal?: AbortSignal): Promise<number> {
    return this.call('eth_blockNumber', [], blockNumber, signal);
  }

  async transfersTo(rail: CryptoRail, to: string, signal?: AbortSignal): Promise<ChainTransfer[]> {
    if (rail.network !== 'ethereum')
      throw new ChainSourceError(`an Ethereum node reads ethereum, not ${rail.network}`);
    const account = accountBytes(to);
    if (!account || !to.startsWith('0x')) throw new ChainSourceError('not an Ethereum address');
    const tip = await this.tipHeight('ethereum', signal);
    const from = Math.max(0, tip - this.lookback + 1);
    return rail.asset === 'USDT'
      ? this.tokenTransfers(account, from, tip, signal)
      : this.nativeTransfers(to.toLowerCase(), from, tip, signal);
  }

  async transaction(txid: string, signal?: AbortSignal): Promise<ChainTransaction | null> {
    const id = normaliseTxHash(txid);
    if (!/^[0-9a-f]{64}$/.test(id)) return null;
    const tx = await this.call('eth_getTransactionByHash', [`0x${id}`], txSchema.nullable(), signal);
    if (!tx || tx.to === null) return null;
    if (tx.blockNumber !== null) {
      // A mined call that reverted moved nothing (its value and token transfer are undone).
      const receipt = await this.call('eth_getTransactionReceipt', [`0x${id}`], receiptSchema, signal);
      if (receipt?.status === '0x0') return null;
    }
    const common = { txid: id, network: 'ethereum' as const, blockHeight: tx.blockNumber };
    if (tx.to.toLowerCase() === this.usdt) {
      const token = decodeTokenTransfer(tx.input);
      if (!token) return null;
      return { ...common, asset: 'USDT', address: token.to, amount: baseUnits(token.amount) };
    }
    if (tx.value === 0n) return null;
    return {
      ...common,
      asset: 'ETH',
      address: ethereumAddress(accountBytes(tx.to)!),
      amount: baseUnits(tx.value),
    };
  }

  private async tokenTransfers(
    account: Uint8Array,
    from: number,
    tip: number,
    signal?: AbortSignal,
  ): Promise<ChainTransfer[]> {
    const sums = new Map<string, ChainTransfer>();
    for (let start = from; start <= tip; start += this.window) {
      const filter = {
        fromBlock: hex(start),
        toBlock: hex(Math.min(tip, start + this.window - 1)),
        address: this.usdt,
        topics: [TRANSFER_TOPIC, null, addressTopic(account)],
      };
      const logs = await this.call('eth_getLogs', [filter], z.array(logSchema), signal);
      for (const log of logs) {
        // A log of a block reorganised away comes back `removed`; a pending one has no block yet.
        if (log.removed || log.transactionHash === null || log.blockNumber === null) continue;
        if (log.address.toLowerCase() !== this.usdt || log.topics[0] !== TRANSFER_TOPIC) continue;
        const txid = normaliseTxHash(log.transactionHash);
        const amount = BigInt(log.data === '0x' ? 0 : log.data);
        const seen = sums.get(txid);
        sums.set(txid, {
          txid,
          amount: baseUnits((seen?.amount ?? 0n) + amount),
          blockHeight: log.blockNumber,
        });
      }
    }
    return [...sums.values()].filter((t) => t.amount > 0n);
  }

  private async nativeTransfers(to: string, from: number, tip: number, signal?: AbortSignal) {
    const balanceAt = (height: number) => this.call('eth_getBalance', [to, hex(height)], quantity, signal);
    const transfers: ChainTransfer[] = [];
    const floor = await balanceAt(from);
    let high = tip;
    let current = await balanceAt(tip);
    for (let found = 0; current > floor && found < MAX_NATIVE_PAYMENTS; found++) {
      // Invariant: balance(low) differs from `current`, balance(high) equals it.
      let low = from;
      let before = floor;
      while (high - low > 1) {
        const middle = Math.floor((low + high) / 2);
        const balance = await balanceAt(middle);
        if (balance === current) high = middle;
        else [low, before] = [middle, balance];
      }
      if (before > current) break; // money left the address: what came before is not ours to trace
      transfers.push(...(await this.paymentsIn(high, to, current - before, signal)));
      current = before;
      high = low;
    }
    return transfers;
  }

  /** The transactions in block `height` that paid `to` `delta` wei between them. */
  private async paymentsIn(height: number, to: string, delta: bigint, signal?: AbortSignal) {
    const block = await this.call('eth_getBlockByNumber', [hex(height), true], blockSchema, signal);
    const direct = block.transactions
      .filter((tx) => tx.to?.toLowerCase() === to && tx.value > 0n)
      .map((tx) => ({ txid: normaliseTxHash(tx.hash), amount: baseUnits(tx.value), blockHeight: height }));
    const rest = delta - direct.reduce((sum, t) => sum + t.amount, 0n);
    const byBlock = { txid: normaliseTxHash(block.hash), amount: baseUnits(delta), blockHeight: height };
    // More sent than arrived: one of them reverted. The balance is the truth; the block names it.
    if (rest < 0n) return [byBlock];
    // An internal transfer (a contract paying out) has no transaction to the address: the block names it.
    if (rest > 0n)
      direct.push({ txid: normaliseTxHash(block.hash), amount: baseUnits(rest), blockHeight: height });
    return direct;
  }

  private async call<T extends z.ZodType>(
    method: string,
    params: unknown[],
    schema: T,
    signal?: AbortSignal,
  ): Promise<z.infer<T>> {
    const body = JSON.stringify({ jsonrpc: '2.0', id: this.nextId++, method, params });
    const answer = await requestJson(this.http, this.url, rpcAnswer, method, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
      signal: signal ?? null,
    });
    if ('error' in answer)
      throw new ChainSourceError(
        `the Ethereum node refused ${method}: ${answer.error.code} ${answer.error.message}`,
      );
    const parsed = schema.safeParse(answer.result);
    if (!parsed.success)
      throw new ChainSourceError(`the Ethereum node sent an unexpected answer to ${method}`);
    return parsed.data;
  }
}

/** The recipient and amount of an ERC-20 transfer or transferFrom call, from its input data. */
function decodeTokenTransfer(input: string): { to: string; amount: bigint } | null {
  const selector = input.slice(0, 10).toLowerCase();
  const words = input.slice(10);
  const at = selector === TRANSFER_SELECTOR ? 0 : selector === TRANSFER_FROM_SELECTOR ? 1 : null;
  if (at === null || words.length < (at + 2) * 64) return null;
  const toWord = words.slice(at * 64, (at + 1) * 64);
  const account = accountBytes(`0x${toWord.slice(24)}`);
  if (!account) return null;
  return { to: ethereumAddress(account), amount: BigInt(`0x${words.slice((at + 1) * 64, (at + 2) * 64)}`) };
}
