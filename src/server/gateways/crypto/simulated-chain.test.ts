import { describe, expect, it } from 'vitest';
import { baseUnits } from './amounts.js';
import { confirmations } from './chain-source.js';
import { publishedAddress } from './published-keys.js';
import { SimulatedChain, SimulatedChainError } from './simulated-chain.js';

const BTC = { asset: 'BTC', network: 'bitcoin' } as const;
const ETH = { asset: 'ETH', network: 'ethereum' } as const;
const USDT_ERC20 = { asset: 'USDT', network: 'ethereum' } as const;
const btcAddress = publishedAddress('bitcoin', 0);
const ethAddress = publishedAddress('ethereum', 0);

describe('simulated chain', () => {
  it('keeps sends in the mempool until mined, then counts confirmations from the tip', async () => {
    const chain = new SimulatedChain();
    chain.send(btcAddress, baseUnits(1000n));
    let [transfer] = await chain.transfersTo(BTC, btcAddress);
    expect(transfer?.blockHeight).toBeNull();
    expect(confirmations(transfer!, await chain.tipHeight())).toBe(0);

    expect(chain.mine()).toBe(1);
    [transfer] = await chain.transfersTo(BTC, btcAddress);
    expect(confirmations(transfer!, await chain.tipHeight())).toBe(1);
    chain.mine(5);
    expect(confirmations(transfer!, await chain.tipHeight())).toBe(6);

    // A later send lands in the next block only.
    chain.send(btcAddress, baseUnits(7n));
    chain.mine();
    const all = await chain.transfersTo(BTC, btcAddress);
    expect(all.map((t) => [t.amount, confirmations(t, 7)])).toEqual([
      [1000n, 7],
      [7n, 1],
    ]);
  });

  it('gives the same txids and heights for the same calls, and never reorganises', async () => {
    const run = async () => {
      const chain = new SimulatedChain();
      const ids = [chain.send(btcAddress, baseUnits(5n)).txid];
      chain.mine(2);
      ids.push(chain.send(btcAddress, baseUnits(5n)).txid);
      chain.mine();
      return { ids, transfers: await chain.transfersTo(BTC, btcAddress) };
    };
    const [a, b] = [await run(), await run()];
    expect(a).toEqual(b);
    expect(new Set(a.ids).size).toBe(2);
    expect(a.transfers.map((t) => t.blockHeight)).toEqual([1, 3]);
  });

  it('keeps ETH and USDT (ERC-20) to the same address apart', async () => {
    const chain = new SimulatedChain();
    chain.send(ethAddress, baseUnits(10n ** 18n));
    chain.send(ethAddress, baseUnits(5_000_000n), 'USDT');
    expect((await chain.transfersTo(ETH, ethAddress)).map((t) => t.amount)).toEqual([10n ** 18n]);
    expect((await chain.transfersTo(USDT_ERC20, ethAddress)).map((t) => t.amount)).toEqual([5_000_000n]);
    expect(await chain.transfersTo(BTC, btcAddress)).toEqual([]);
  });

  it('refuses what no chain would carry, naming the field', () => {
    const chain = new SimulatedChain();
    const refusal = (fn: () => unknown) => {
      try {
        fn();
      } catch (error) {
        return error instanceof SimulatedChainError ? error.field : 'other';
      }
      return 'none';
    };
    expect(refusal(() => chain.send('bc1qnotanaddress', baseUnits(1n)))).toBe('address');
    expect(refusal(() => chain.send(btcAddress, baseUnits(1n), 'ETH'))).toBe('asset');
    expect(refusal(() => chain.send(btcAddress, baseUnits(0n)))).toBe('amount');
    expect(refusal(() => chain.mine(0))).toBe('blocks');
    expect(refusal(() => chain.mine(1.5))).toBe('blocks');
  });

  it('tells listeners about every send and block', () => {
    const chain = new SimulatedChain();
    let changes = 0;
    const stop = chain.onChange(() => (changes += 1));
    chain.send(btcAddress, baseUnits(1n));
    chain.mine(3);
    stop();
    chain.mine();
    expect(changes).toBe(2);
  });
});
