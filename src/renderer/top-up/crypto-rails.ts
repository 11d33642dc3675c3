import type { CryptoRailOffer, TopUpOptions } from '../../shared/api/payments';
import { i18n } from '../i18n';

/** A coin on one network as the payer picks it: USDT exists on two, so never the coin alone. */
export interface RailChoice extends CryptoRailOffer {
  /** `USDT/tron`: the value of its option. */
  key: string;
  /** Read in the current language on every access. */
  readonly label: string;
}

/**
 * Every rail the console can name, in the order Top Up has always listed them (USDT on Tron first).
 * Top Up and an invoice's "Pay by this method" both use this one list.
 */
export const RAIL_CHOICES: readonly RailChoice[] = [
  {
    key: 'USDT/tron',
    asset: 'USDT',
    network: 'tron',
    get label() {
      return i18n.t('top-up:ts.asset.usdtTron');
    },
  },
  {
    key: 'USDT/ethereum',
    asset: 'USDT',
    network: 'ethereum',
    get label() {
      return i18n.t('top-up:ts.asset.usdtEthereum');
    },
  },
  {
    key: 'BTC/bitcoin',
    asset: 'BTC',
    network: 'bitcoin',
    get label() {
      return i18n.t('top-up:ts.asset.btc');
    },
  },
  {
    key: 'ETH/ethereum',
    asset: 'ETH',
    network: 'ethereum',
    get label() {
      return i18n.t('top-up:ts.asset.eth');
    },
  },
];

/**
 * The rails to offer for a wallet: those the API says the reseller takes in its currency, in the
 * console's order. An API older than `cryptoRails` does not say: every rail, as before (it refuses an
 * unoffered one on Pay, naming the coin).
 */
export function offeredRails(options: Pick<TopUpOptions, 'cryptoRails'> | undefined): RailChoice[] {
  const offered = options?.cryptoRails;
  if (offered === undefined) return [...RAIL_CHOICES];
  return RAIL_CHOICES.filter((r) => offered.some((o) => o.asset === r.asset && o.network === r.network));
}

/** The rail the payer chose while it is still offered, else the first offered one (null: none is). */
export function chosenRail(offered: readonly RailChoice[], key: string | null): RailChoice | null {
  return offered.find((r) => r.key === key) ?? offered[0] ?? null;
}

/** What a crypto payment asks the API for: the coin and its network, nothing else. */
export const railOf = (rail: RailChoice): CryptoRailOffer => ({ asset: rail.asset, network: rail.network });
