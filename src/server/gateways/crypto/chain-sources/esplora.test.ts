import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startEsploraEmulator, type EsploraEmulator } from '../../../../../test/support/emulators/esplora.js';
import { OutboundGuard } from '../../../outbound/guarded-fetch.js';
import { confirmations } from '../chain-source.js';
import { ChainSourceError } from '../http-chain-source.js';
import { EsploraSource } from './esplora.js';

const BTC = { asset: 'BTC', network: 'bitcoin' } as const;
const ADDRESS = 'bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq';
const loopbackAllowed = new OutboundGuard({ allowPrivateNetworks: true }).fetch;

describe('Bitcoin from an Esplora API', () => {
  let esplora: EsploraEmulator;
  let source: EsploraSource;

  beforeEach(async () => {
    esplora = await startEsploraEmulator();
    source = new EsploraSource(`${esplora.url}/`, loopbackAllowed);
  });
  afterEach(() => esplora.close());

  it('sees a payment in the mempool, then counts its confirmations from the tip', async () => {
    const txid = esplora.pay(ADDRESS, 150_000);
    expect(await source.tipHeight('bitcoin')).toBe(0);
    expect(await source.transfersTo(BTC, ADDRESS)).toEqual([{ txid, amount: 150_000n, blockHeight: null }]);

    esplora.blocks.mine(2);
    const [transfer] = await source.transfersTo(BTC, ADDRESS);
    expect(transfer).toEqual({ txid, amount: 150_000n, blockHeight: 1 });
    expect(confirmations(transfer!, await source.tipHeight('bitcoin'))).toBe(2);
  });

  it('adds up the outputs of one transaction to the address, and ignores the change', async () => {
    const txid = esplora.pay(ADDRESS, 0, {
      outputs: [
        { address: ADDRESS, value: 1_000 },
        { address: 'bc1qchange0000000000000000000000000000000', value: 50_000 },
        { address: ADDRESS, value: 2_000 },
      ],
    });
    esplora.pay('bc1qsomeoneelse00000000000000000000000000', 9_999);
    expect(await source.transfersTo(BTC, ADDRESS)).toEqual([{ txid, amount: 3_000n, blockHeight: null }]);
  });

  it('pages through more confirmed transactions than one answer holds', async () => {
    const sent = Array.from({ length: 60 }, (_, i) => {
      const txid = esplora.pay(ADDRESS, 1_000 + i);
      esplora.blocks.mine(1);
      return txid;
    });
    const seen = await source.transfersTo(BTC, ADDRESS);
    expect(seen.map((t) => t.txid).sort()).toEqual([...sent].sort());
  });

  it('a transaction reorganised away is no longer there, by address or by hash', async () => {
    const txid = esplora.pay(ADDRESS, 150_000);
    esplora.blocks.mine(1);
    expect(await source.transaction(txid)).toMatchObject({
      address: ADDRESS,
      amount: 150_000n,
      blockHeight: 1,
    });
    esplora.blocks.reorg(txid);
    esplora.blocks.mine(1);
    expect(await source.transfersTo(BTC, ADDRESS)).toEqual([]);
    expect(await source.transaction(txid)).toBeNull();
  });

  it('an answer of the wrong shape is an error, not an empty history', async () => {
    esplora.pay(ADDRESS, 150_000);
    esplora.malformed = true;
    await expect(source.transfersTo(BTC, ADDRESS)).rejects.toBeInstanceOf(ChainSourceError);
    await expect(source.tipHeight('bitcoin')).rejects.toBeInstanceOf(ChainSourceError);
  });

  it('goes through the outbound guard: a loopback API is refused unless the operator allows it', async () => {
    const guarded = new EsploraSource(esplora.url, new OutboundGuard({ allowPrivateNetworks: false }).fetch);
    await expect(guarded.tipHeight('bitcoin')).rejects.toThrow(/refused/);
  });
});
