import { describe, expect, it } from 'vitest';
import { baseUnits } from '../amounts.js';
import type { ChainSource } from '../chain-source.js';
import { ChainSourceByNetwork } from './by-network.js';

const fixed = (tip: number, txid: string): ChainSource => ({
  tipHeight: () => Promise.resolve(tip),
  transfersTo: () => Promise.resolve([{ txid, amount: baseUnits(1n), blockHeight: tip }]),
  transaction: (id) =>
    Promise.resolve(
      id === txid
        ? { txid, amount: baseUnits(1n), blockHeight: tip, network: 'tron', asset: 'USDT', address: 'T…' }
        : null,
    ),
});

describe('chain sources by network', () => {
  const bitcoin = fixed(800_000, 'b'.repeat(64));
  const simulated = fixed(7, 's'.repeat(64));
  const router = new ChainSourceByNetwork({ bitcoin }, simulated);

  it("asks each network's own source for its tip and transfers, the fallback for the others", async () => {
    expect(await router.tipHeight('bitcoin')).toBe(800_000);
    expect(await router.tipHeight('tron')).toBe(7);
    expect(await router.transfersTo({ asset: 'BTC', network: 'bitcoin' }, 'bc1q…')).toMatchObject([
      { txid: 'b'.repeat(64) },
    ]);
    expect(await router.transfersTo({ asset: 'USDT', network: 'tron' }, 'T…')).toMatchObject([
      { txid: 's'.repeat(64) },
    ]);
  });

  it('looks a bare hash up on every source until one knows it', async () => {
    expect(await router.transaction('s'.repeat(64))).toMatchObject({ txid: 's'.repeat(64) });
    expect(await router.transaction('0'.repeat(64))).toBeNull();
  });
});
