import { randomBytes } from 'node:crypto';
import { sendJson, startLoopbackServer } from './loopback-server.js';
import { EmulatedBlocks, randomTxid } from './emulated-blocks.js';

/**
 * A loopback Bitcoin API speaking Esplora's REST shape, as Blockstream's esplora API.md documents
 * it: `GET /blocks/tip/height` (plain text), `GET /address/:address/txs` (up to 50 mempool
 * transactions, newest first, then the newest 25 confirmed), `GET /address/:address/txs/chain[/:last_seen_txid]`
 * (25 confirmed at a time), `GET /tx/:txid` (404 "Transaction not found"). Transactions carry `status`
 * ({confirmed, block_height, block_hash, block_time}), `vin` and `vout` ({scriptpubkey…,
 * scriptpubkey_address, value} in satoshis). Tests pay, mine and reorganise.
 */
interface Output {
  address: string;
  value: number;
}
interface EsploraTx {
  txid: string;
  outputs: Output[];
}

export interface EsploraEmulator {
  url: string;
  blocks: EmulatedBlocks<EsploraTx>;
  /** Pays `sats` to `address` (plus change elsewhere) and returns the txid: in the mempool until mined. */
  pay(address: string, sats: number, options?: { outputs?: Output[] }): string;
  /** Answers the next requests with a body of the wrong shape. */
  malformed: boolean;
  close(): Promise<void>;
}

const PAGE = 25;
const changeAddress = () => `bc1q${randomBytes(19).toString('hex').slice(0, 38)}`;

export async function startEsploraEmulator(): Promise<EsploraEmulator> {
  const blocks = new EmulatedBlocks<EsploraTx>();
  const state = { malformed: false };

  const render = (entry: { tx: EsploraTx; height: number | null }) => ({
    txid: entry.tx.txid,
    version: 2,
    locktime: 0,
    vin: [
      {
        txid: randomTxid(),
        vout: 0,
        prevout: null,
        scriptsig: '',
        scriptsig_asm: '',
        witness: [],
        is_coinbase: false,
        sequence: 4294967293,
      },
    ],
    vout: entry.tx.outputs.map((o) => ({
      scriptpubkey: `0014${randomBytes(20).toString('hex')}`,
      scriptpubkey_asm: 'OP_0 OP_PUSHBYTES_20 …',
      scriptpubkey_type: 'v0_p2wpkh',
      scriptpubkey_address: o.address,
      value: o.value,
    })),
    size: 222,
    weight: 561,
    fee: 1410,
    status:
      entry.height === null
        ? { confirmed: false }
        : {
            confirmed: true,
            block_height: entry.height,
            block_hash: blocks.blockHash(entry.height),
            block_time: 1_700_000_000 + entry.height * 600,
          },
  });

  const server = await startLoopbackServer((request, _body, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const path = url.pathname;
    if (request.method !== 'GET') return sendJson(response, 404, 'Not Found');
    if (path === '/blocks/tip/height') {
      response.writeHead(200, { 'content-type': 'text/plain' });
      response.end(state.malformed ? 'tip' : String(blocks.height));
      return;
    }
    const tx = /^\/tx\/([0-9a-f]{64})$/.exec(path);
    if (tx) {
      const found = blocks.find(tx[1]!);
      if (!found) {
        response.writeHead(404, { 'content-type': 'text/plain' });
        response.end('Transaction not found');
        return;
      }
      return sendJson(response, 200, render(found));
    }
    const txs = /^\/address\/([^/]+)\/txs(\/chain(?:\/([0-9a-f]{64}))?)?$/.exec(path);
    if (!txs) return sendJson(response, 404, 'Not Found');
    if (state.malformed) return sendJson(response, 200, [{ txid: 'not-a-txid', value: '1 BTC' }]);
    const address = decodeURIComponent(txs[1]!);
    const mine = blocks
      .all()
      .filter((e) => e.tx.outputs.some((o) => o.address === address))
      .reverse(); // newest first
    const confirmed = mine.filter((e) => e.height !== null);
    if (txs[2]) {
      const after = txs[3] ? confirmed.findIndex((e) => e.tx.txid === txs[3]) + 1 : 0;
      return sendJson(response, 200, confirmed.slice(after, after + PAGE).map(render));
    }
    const mempool = mine.filter((e) => e.height === null).slice(0, 50);
    sendJson(response, 200, [...mempool, ...confirmed.slice(0, PAGE)].map(render));
  });

  return Object.assign(state, {
    url: server.url,
    blocks,
    close: server.close,
    pay(address: string, sats: number, options: { outputs?: Output[] } = {}) {
      const outputs = options.outputs ?? [
        { address, value: sats },
        { address: changeAddress(), value: 123_456 },
      ];
      return blocks.add({ txid: randomTxid(), outputs }).txid;
    },
  });
}
