import { randomBytes } from 'node:crypto';
import {
  accountBytes,
  addressTopic,
  TRANSFER_TOPIC,
  tronAddress,
} from '../../../src/server/gateways/crypto/chain-sources/accounts.js';
import { sendJson, startLoopbackServer } from './loopback-server.js';
import { EmulatedBlocks, randomTxid } from './emulated-blocks.js';

/**
 * A loopback TronGrid speaking the shapes of TRON's developer documentation:
 * - `GET /v1/accounts/:address/transactions/trc20` (only_to, only_from, only_confirmed,
 *   contract_address, limit ≤ 200, fingerprint): `{data: [{transaction_id, token_info: {symbol,
 *   address, decimals, name}, block_timestamp, from, to, type: "Transfer", value}], success: true,
 *   meta: {at, page_size, fingerprint?, links?}}`, newest first, unconfirmed included unless asked;
 * - `POST /wallet/gettransactioninfobyid {"value": txid}`: `{id, blockNumber, blockTimeStamp,
 *   contract_address, receipt, log: [{address, topics, data}]}` (hex without 0x, the contract
 *   without its 41 prefix), or `{}` for a transaction in no block;
 * - `POST /wallet/getnowblock`: `{blockID, block_header: {raw_data: {number, timestamp, …}}}`.
 * With `apiKey` set it refuses (401) requests without that TRON-PRO-API-KEY header.
 */
interface TronTx {
  /** A reverted call (out of energy…): indexed, in a block, but nothing moved. */
  failed?: boolean;
  txid: string;
  contract: string;
  from: string;
  to: string;
  amount: bigint;
}

export interface TronGridEmulator {
  url: string;
  blocks: EmulatedBlocks<TronTx>;
  /** `amount` base units of the TRC-20 token at `contract` to `to`; in no block until mined. */
  sendToken(contract: string, to: string, amount: bigint, options?: { failed?: boolean }): string;
  apiKey: string | null;
  malformed: boolean;
  /** Page size the emulator uses whatever the limit asked (to exercise paging). */
  pageSize: number;
  close(): Promise<void>;
}

const hexNo0x = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');

export async function startTronGridEmulator(): Promise<TronGridEmulator> {
  // Tron's height is in the tens of millions; starting there keeps numbers honest.
  const blocks = new EmulatedBlocks<TronTx>(60_000_000);
  const state = { apiKey: null as string | null, malformed: false, pageSize: 200 };
  const timeOf = (height: number) => 1_700_000_000_000 + height * 3000;

  const server = await startLoopbackServer((request, body, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    if (state.apiKey !== null && request.headers['tron-pro-api-key'] !== state.apiKey) {
      return sendJson(response, 401, { success: false, error: 'ApiKey not exists', statusCode: 401 });
    }
    if (request.method === 'POST' && url.pathname === '/wallet/getnowblock') {
      if (state.malformed) return sendJson(response, 200, { block_header: {} });
      return sendJson(response, 200, {
        blockID: blocks.blockHash(blocks.height),
        block_header: {
          raw_data: {
            number: blocks.height,
            txTrieRoot: '0'.repeat(64),
            witness_address: '41' + '0'.repeat(40),
            parentHash: blocks.blockHash(blocks.height - 1),
            version: 30,
            timestamp: timeOf(blocks.height),
          },
          witness_signature: '',
        },
      });
    }
    if (request.method === 'POST' && url.pathname === '/wallet/gettransactioninfobyid') {
      const { value } = JSON.parse(body || '{}') as { value?: string };
      const found = typeof value === 'string' ? blocks.find(value.toLowerCase()) : undefined;
      if (!found || found.height === null) return sendJson(response, 200, {});
      const contract = accountBytes(found.tx.contract)!;
      return sendJson(response, 200, {
        id: found.tx.txid,
        fee: 345_000,
        blockNumber: found.height,
        blockTimeStamp: timeOf(found.height),
        contractResult: ['0'.repeat(63) + '1'],
        contract_address: `41${hexNo0x(contract)}`,
        receipt: {
          energy_usage_total: 14_650,
          net_usage: 345,
          result: found.tx.failed ? 'OUT_OF_ENERGY' : 'SUCCESS',
        },
        log: [
          {
            address: hexNo0x(contract),
            topics: [
              TRANSFER_TOPIC.slice(2),
              addressTopic(accountBytes(found.tx.from)!).slice(2),
              addressTopic(accountBytes(found.tx.to)!).slice(2),
            ],
            data: found.tx.amount.toString(16).padStart(64, '0'),
          },
        ],
      });
    }
    const trc20 = /^\/v1\/accounts\/([^/]+)\/transactions\/trc20$/.exec(url.pathname);
    if (request.method === 'GET' && trc20) {
      if (state.malformed) return sendJson(response, 200, { data: [{ value: 12 }], success: true });
      const account = decodeURIComponent(trc20[1]!);
      const q = url.searchParams;
      const contract = q.get('contract_address');
      const all = blocks
        .all()
        .reverse()
        .filter((e) => e.tx.to === account || e.tx.from === account)
        .filter((e) => q.get('only_to') !== 'true' || e.tx.to === account)
        .filter((e) => q.get('only_from') !== 'true' || e.tx.from === account)
        .filter((e) => q.get('only_confirmed') !== 'true' || e.height !== null)
        .filter((e) => !contract || e.tx.contract === contract);
      const limit = Math.min(Number(q.get('limit') ?? 20), 200, state.pageSize);
      const start = q.get('fingerprint') ? all.findIndex((e) => e.tx.txid === q.get('fingerprint')) : 0;
      if (start < 0)
        return sendJson(response, 400, { success: false, error: 'invalid fingerprint', statusCode: 400 });
      const page = all.slice(start, start + limit);
      const next = all[start + limit];
      return sendJson(response, 200, {
        data: page.map((e) => ({
          transaction_id: e.tx.txid,
          token_info: { symbol: 'USDT', address: e.tx.contract, decimals: 6, name: 'Tether USD' },
          block_timestamp: e.height === null ? Date.now() : timeOf(e.height),
          from: e.tx.from,
          to: e.tx.to,
          type: 'Transfer',
          value: e.tx.amount.toString(),
        })),
        success: true,
        meta: {
          at: Date.now(),
          page_size: page.length,
          ...(next
            ? {
                fingerprint: next.tx.txid,
                links: { next: `${url.origin}${url.pathname}?fingerprint=${next.tx.txid}` },
              }
            : {}),
        },
      });
    }
    sendJson(response, 404, { success: false, error: 'not found', statusCode: 404 });
  });

  return Object.assign(state, {
    url: server.url,
    blocks,
    close: server.close,
    sendToken(contract: string, to: string, amount: bigint, options: { failed?: boolean } = {}) {
      const from = tronAddress(randomBytes(20));
      return blocks.add({ txid: randomTxid(), contract, from, to, amount, ...options }).txid;
    },
  });
}
