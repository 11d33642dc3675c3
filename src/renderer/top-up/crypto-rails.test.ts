import { describe, expect, it } from 'vitest';
import { i18n } from '../i18n';
import { chosenRail, networkName, offeredRails, railOf } from './crypto-rails';

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

describe('a rail on a test network', () => {
  const testnet = { cryptoRails: [{ asset: 'BTC' as const, network: 'bitcoin' as const, testnet: true }] };

  it('is named "Bitcoin testnet" in English and Vietnamese, never plain "Bitcoin"', async () => {
    const [rail] = offeredRails(testnet);
    expect(rail).toMatchObject({ key: 'BTC/bitcoin', testnet: true });
    expect(rail?.label).toBe('Bitcoin testnet (test coins, no value)');
    // What the API is asked for is the rail itself: the server knows its own network.
    expect(railOf(rail!)).toEqual({ asset: 'BTC', network: 'bitcoin' });
    await i18n.changeLanguage('vi');
    try {
      expect(rail?.label).toBe('Bitcoin testnet (tiền thử nghiệm, không có giá trị)');
      expect(networkName({ network: 'bitcoin', testnet: true })).toBe(
        'Bitcoin testnet (tiền thử nghiệm, không có giá trị)',
      );
    } finally {
      await i18n.changeLanguage('en');
    }
  });

  it("a mainnet rail (or an API too old to say) keeps its name; the checkout's network row follows", () => {
    expect(offeredRails({ cryptoRails: [{ asset: 'BTC', network: 'bitcoin' }] })[0]?.label).toBe(
      'Bitcoin (BTC)',
    );
    expect(networkName({ network: 'bitcoin' })).toBe('Bitcoin');
    expect(networkName({ network: 'bitcoin', testnet: true })).toBe('Bitcoin testnet (test coins, no value)');
    expect(networkName({ network: 'tron' })).toBe('Tron (TRC-20)');
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
