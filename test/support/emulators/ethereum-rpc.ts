import { randomBytes } from 'node:crypto';
import {
  accountBytes,
  addressTopic,
  TRANSFER_TOPIC,
} from '../../../src/server/gateways/crypto/chain-sources/accounts.js';
import { sendJson, startLoopbackServer } from './loopback-server.js';
import { EmulatedBlocks, randomTxid } from './emulated-blocks.js';

/**
 * A loopback Ethereum node answering JSON-RPC 2.0 (POST /) with the execution API specification's
 * shapes: `eth_blockNumber`, `eth_getBalance(address, block)`, `eth_getBlockByNumber(block, full)`,
 * `eth_getLogs({fromBlock, toBlock, address, topics})`, `eth_getTransactionByHash`. Quantities are
 * 0x-hex; hashes 0x + 32 bytes; an unknown method is error -32601, a bad parameter -32602, a log
 * range over `maxLogRange` blocks is refused as hosted providers do. ERC-20 transfers are calls to
 * the token contract (`transfer(to, amount)`) whose `Transfer` event the logs carry.
 */
interface EthTx {
  txid: string;
  from: string;
  to: string;
  value: bigint;
  input: string;
  /** Mined but reverted: no balance moved, no log. */
  reverted?: boolean;
  /** Set for a token transfer: the event its log carries. */
  token?: { contract: string; to: string; amount: bigint };
}

export interface EthereumEmulator {
  url: string;
  blocks: EmulatedBlocks<EthTx>;
  /** Native ETH, wei, to `to`: returns the hash (hex, no 0x), in the mempool until mined. */
  sendEth(to: string, wei: bigint): string;
  /** `amount` base units of the token at `contract` to `to`. */
  sendToken(contract: string, to: string, amount: bigint, options?: { reverted?: boolean }): string;
  /** Answers the next calls with results of the wrong shape. */
  malformed: boolean;
  maxLogRange: number;
  /** Calls received, by method. */
  calls: Record<string, number>;
  close(): Promise<void>;
}

const hex = (n: number | bigint) => `0x${n.toString(16)}`;
const randomAddress = () => `0x${randomBytes(20).toString('hex')}`;
const word = (hexDigits: string) => hexDigits.padStart(64, '0');

export async function startEthereumEmulator(): Promise<EthereumEmulator> {
  const blocks = new EmulatedBlocks<EthTx>();
  const state = { malformed: false, maxLogRange: 5_000, calls: {} as Record<string, number> };

  const heightOf = (tag: unknown): number | null => {
    if (tag === 'latest' || tag === 'safe' || tag === 'finalized' || tag === 'pending') return blocks.height;
    if (tag === 'earliest') return 0;
    if (typeof tag === 'string' && /^0x[0-9a-f]+$/i.test(tag)) return Number.parseInt(tag, 16);
    return null;
  };
  const txJson = (entry: { tx: EthTx; height: number | null }) => ({
    hash: `0x${entry.tx.txid}`,
    from: entry.tx.from,
    to: entry.tx.to,
    value: hex(entry.tx.value),
    input: entry.tx.input,
    nonce: '0x0',
    gas: '0x5208',
    gasPrice: '0x3b9aca00',
    blockNumber: entry.height === null ? null : hex(entry.height),
    blockHash: entry.height === null ? null : `0x${blocks.blockHash(entry.height)}`,
    transactionIndex: entry.height === null ? null : '0x0',
  });

  const methods: Record<string, (params: unknown[]) => unknown> = {
    eth_blockNumber: () => hex(blocks.height),
    eth_getBalance: ([address, tag]) => {
      const height = heightOf(tag);
      if (typeof address !== 'string' || height === null) throw rpcError(-32602, 'invalid argument');
      if (height > blocks.height) throw rpcError(-32000, 'header not found');
      const pending = tag === 'pending';
      const total = blocks
        .all()
        .filter((e) => e.tx.to.toLowerCase() === address.toLowerCase() && !e.tx.reverted)
        .filter((e) => (e.height === null ? pending : e.height <= height))
        .reduce((sum, e) => sum + e.tx.value, 0n);
      return hex(total);
    },
    eth_getBlockByNumber: ([tag, full]) => {
      const height = heightOf(tag);
      if (height === null) throw rpcError(-32602, 'invalid argument');
      if (height > blocks.height) return null;
      const txs = blocks.inBlock(height).map((tx) => ({ tx, height }));
      return {
        number: hex(height),
        hash: `0x${blocks.blockHash(height)}`,
        parentHash: `0x${height === 0 ? '0'.repeat(64) : blocks.blockHash(height - 1)}`,
        timestamp: hex(1_700_000_000 + height * 12),
        transactions: full === true ? txs.map(txJson) : txs.map((e) => `0x${e.tx.txid}`),
      };
    },
    eth_getTransactionByHash: ([hash]) => {
      if (typeof hash !== 'string' || !/^0x[0-9a-f]{64}$/i.test(hash))
        throw rpcError(-32602, 'invalid argument');
      const found = blocks.find(hash.slice(2).toLowerCase());
      return found ? txJson(found) : null;
    },
    eth_getTransactionReceipt: ([hash]) => {
      if (typeof hash !== 'string' || !/^0x[0-9a-f]{64}$/i.test(hash))
        throw rpcError(-32602, 'invalid argument');
      const found = blocks.find(hash.slice(2).toLowerCase());
      if (!found || found.height === null) return null;
      return {
        transactionHash: hash.toLowerCase(),
        blockNumber: hex(found.height),
        blockHash: `0x${blocks.blockHash(found.height)}`,
        from: found.tx.from,
        to: found.tx.to,
        gasUsed: '0x5208',
        status: found.tx.reverted ? '0x0' : '0x1',
        logs: [],
      };
    },
    eth_getLogs: ([filter]) => {
      const f = filter as {
        fromBlock?: string;
        toBlock?: string;
        address?: string;
        topics?: (string | null)[];
      };
      const from = heightOf(f.fromBlock ?? 'latest');
      const to = heightOf(f.toBlock ?? 'latest');
      if (from === null || to === null || from > to) throw rpcError(-32602, 'invalid block range');
      if (to - from + 1 > state.maxLogRange)
        throw rpcError(-32005, `block range is too wide (max ${state.maxLogRange})`);
      return blocks
        .all()
        .filter(
          (e): e is { tx: EthTx & { token: NonNullable<EthTx['token']> }; height: number } =>
            e.tx.token !== undefined &&
            !e.tx.reverted &&
            e.height !== null &&
            e.height >= from &&
            e.height <= to,
        )
        .map((e) => {
          const topics = [
            TRANSFER_TOPIC,
            addressTopic(accountBytes(e.tx.from)!),
            addressTopic(accountBytes(e.tx.token.to)!),
          ];
          return {
            address: e.tx.token.contract.toLowerCase(),
            topics,
            data: `0x${word(e.tx.token.amount.toString(16))}`,
            blockNumber: hex(e.height),
            blockHash: `0x${blocks.blockHash(e.height)}`,
            transactionHash: `0x${e.tx.txid}`,
            transactionIndex: '0x0',
            logIndex: '0x0',
            removed: false,
          };
        })
        .filter((log) => !f.address || log.address === f.address.toLowerCase())
        .filter((log) =>
          (f.topics ?? []).every((t, i) => t === null || t.toLowerCase() === log.topics[i]?.toLowerCase()),
        );
    },
  };

  const server = await startLoopbackServer((request, body, response) => {
    if (request.method !== 'POST') return sendJson(response, 405, { error: 'POST JSON-RPC only' });
    let call: { jsonrpc?: unknown; id?: unknown; method?: unknown; params?: unknown };
    try {
      call = JSON.parse(body) as typeof call;
    } catch {
      return sendJson(response, 200, {
        jsonrpc: '2.0',
        id: null,
        error: { code: -32700, message: 'parse error' },
      });
    }
    const id = call.id ?? null;
    const method = typeof call.method === 'string' ? methods[call.method] : undefined;
    if (!method) {
      return sendJson(response, 200, {
        jsonrpc: '2.0',
        id,
        error: { code: -32601, message: `the method ${String(call.method)} does not exist/is not available` },
      });
    }
    state.calls[call.method as string] = (state.calls[call.method as string] ?? 0) + 1;
    try {
      const result = method(Array.isArray(call.params) ? call.params : []);
      sendJson(response, 200, {
        jsonrpc: '2.0',
        id,
        result: state.malformed ? { unexpected: true } : result,
      });
    } catch (error) {
      const { code, message } = error as { code: number; message: string };
      sendJson(response, 200, { jsonrpc: '2.0', id, error: { code, message } });
    }
  });

  return Object.assign(state, {
    url: server.url,
    blocks,
    close: server.close,
    sendEth(to: string, wei: bigint) {
      return blocks.add({ txid: randomTxid(), from: randomAddress(), to, value: wei, input: '0x' }).txid;
    },
    sendToken(contract: string, to: string, amount: bigint, options: { reverted?: boolean } = {}) {
      const recipient = Buffer.from(accountBytes(to)!).toString('hex');
      const input = `0xa9059cbb${word(recipient)}${word(amount.toString(16))}`;
      return blocks.add({
        txid: randomTxid(),
        from: randomAddress(),
        to: contract,
        value: 0n,
        input,
        token: { contract, to, amount },
        ...options,
      }).txid;
    },
  });
}

function rpcError(code: number, message: string) {
  return Object.assign(new Error(message), { code });
}
