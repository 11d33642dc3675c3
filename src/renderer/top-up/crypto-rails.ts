import type { Checkout, CryptoRailOffer, TopUpOptions } from '../../shared/api/payments';
import { i18n } from '../i18n';

/** A coin on one network as the payer picks it: USDT exists on two, so never the coin alone. */
export interface RailChoice extends CryptoRailOffer {
  /** `USDT/tron`: the value of its option. */
  key: string;
  /** On a test network (Bitcoin testnet), as the API said: named so wherever it is shown. */
  testnet?: boolean;
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
  return RAIL_CHOICES.flatMap((r) => {
    const offer = offered.find((o) => o.asset === r.asset && o.network === r.network);
    if (!offer) return [];
    return offer.testnet === true ? [onTestnet(r)] : [r];
  });
}

/**
 * The same rail on its test network: a payer reading plain "Bitcoin" could send real coins to a
 * testnet address, so its label says testnet (Bitcoin's own words; any other network's, generic).
 */
function onTestnet(rail: RailChoice): RailChoice {
  return {
    key: rail.key,
    asset: rail.asset,
    network: rail.network,
    testnet: true,
    get label() {
      return rail.network === 'bitcoin'
        ? i18n.t('top-up:ts.asset.btcTestnet')
        : i18n.t('top-up:ts.asset.testnet', { rail: rail.label });
    },
  };
}

type CryptoCheckout = Extract<Checkout, { kind: 'crypto_qr' }>;
type CryptoNetwork = CryptoRailOffer['network'];

/** A checkout's network as its "Network" row names it (`Bitcoin testnet` on a test network). */
export function networkName(checkout: Pick<CryptoCheckout, 'network' | 'testnet'>): string {
  const network = NETWORK_NAMES[checkout.network]();
  return checkout.testnet === true ? i18n.t('top-up:ts.networkName.testnet', { network }) : network;
}

/**
 * Each network's name ("Tron (TRC-20)"), by whole keys so the translations check sees every one;
 * read in the current language on every call.
 */
export const NETWORK_NAMES: Readonly<Record<CryptoNetwork, () => string>> = {
  bitcoin: () => i18n.t('top-up:ts.networkName.bitcoin'),
  ethereum: () => i18n.t('top-up:ts.networkName.ethereum'),
  tron: () => i18n.t('top-up:ts.networkName.tron'),
};

/** A network the API named as the top-up screen names it; null for one the console does not know. */
export function knownNetworkName(network: string): string | null {
  return Object.hasOwn(NETWORK_NAMES, network) ? NETWORK_NAMES[network as CryptoNetwork]() : null;
}

/** The rail the payer chose while it is still offered, else the first offered one (null: none is). */
export function chosenRail(offered: readonly RailChoice[], key: string | null): RailChoice | null {
  return offered.find((r) => r.key === key) ?? offered[0] ?? null;
}

/** What a crypto payment asks the API for: the coin and its network, nothing else. */
export const railOf = (rail: RailChoice): CryptoRailOffer => ({ asset: rail.asset, network: rail.network });
