import { describe, expect, it } from 'vitest';
import { i18n } from '../i18n';
import { chosenRail, offeredRails, railOf } from './crypto-rails';

const keys = (rails: readonly { key: string }[]) => rails.map((r) => r.key);

describe('offeredRails', () => {
  it('offers only the rails the API says the reseller takes, in the console’s order', () => {
    expect(keys(offeredRails({ cryptoRails: [{ asset: 'BTC', network: 'bitcoin' }] }))).toEqual([
      'BTC/bitcoin',
    ]);
    expect(
      keys(
        offeredRails({
          cryptoRails: [
            { asset: 'ETH', network: 'ethereum' },
            { asset: 'USDT', network: 'tron' },
          ],
        }),
      ),
    ).toEqual(['USDT/tron', 'ETH/ethereum']);
    expect(offeredRails({ cryptoRails: [] })).toEqual([]);
  });

  it('offers every rail when the API does not say (older than cryptoRails), or the options are not known yet', () => {
    const every = ['USDT/tron', 'USDT/ethereum', 'BTC/bitcoin', 'ETH/ethereum'];
    expect(keys(offeredRails({}))).toEqual(every);
    expect(keys(offeredRails(undefined))).toEqual(every);
  });

  it('names each rail in the console’s language', async () => {
    expect(offeredRails(undefined).map((r) => r.label)).toEqual([
      'USDT on Tron (TRC-20)',
      'USDT on Ethereum (ERC-20)',
      'Bitcoin (BTC)',
      'Ether (ETH) on Ethereum',
    ]);
    await i18n.changeLanguage('vi');
    try {
      expect(offeredRails({ cryptoRails: [{ asset: 'USDT', network: 'tron' }] })[0]?.label).toBe(
        'USDT trên Tron (TRC-20)',
      );
    } finally {
      await i18n.changeLanguage('en');
    }
  });
});

describe('chosenRail', () => {
  const bitcoinAndTron = offeredRails({
    cryptoRails: [
      { asset: 'BTC', network: 'bitcoin' },
      { asset: 'USDT', network: 'tron' },
    ],
  });

  it('starts on the first offered rail, keeps the one chosen, and falls back when it is no longer offered', () => {
    expect(chosenRail(bitcoinAndTron, null)?.key).toBe('USDT/tron');
    expect(chosenRail(bitcoinAndTron, 'BTC/bitcoin')?.key).toBe('BTC/bitcoin');
    expect(chosenRail(bitcoinAndTron, 'ETH/ethereum')?.key).toBe('USDT/tron');
    expect(chosenRail([], null)).toBeNull();
  });

  it('asks the API for the coin and its network only', () => {
    expect(railOf(chosenRail(bitcoinAndTron, 'BTC/bitcoin')!)).toEqual({ asset: 'BTC', network: 'bitcoin' });
  });
});
