import type { Currency } from '../../../shared/money.js';
import { CRYPTO_RAILS, ETHEREUM_TEST_CHAIN_IDS, type CryptoRail } from './assets.js';
import type { CryptoCredentials } from './credentials.js';

/**
 * The rails a payer of `currency` may choose, in CRYPTO_RAILS order: exactly those the provider's
 * createCheckout does not refuse for want of configuration. A rail needs its network's account key
 * (else no address can be derived) and a price of its coin in `currency`: one fixed by hand, or, with
 * live rates on, the operator's live source (`liveSource`: RATES_API_BASE_URL is set). Without a
 * source, live rates refuse every quote, so they offer nothing. Offering a rail that is then refused
 * only tells the payer on Pay, after they chose their coin.
 *
 * A rail on a test network (Bitcoin testnet, `credentials.testnet`; an Ethereum test chain such as
 * Sepolia, by `credentials.chainId`) says so (`testnet: true`): its coins are worth nothing, and a
 * payer shown plain "Bitcoin" or "Ether" could send real coins to it. USDT on an Ethereum test chain
 * needs that chain's own USDT contract (`credentials.usdtContract`), else it is not offered.
 */
export function offeredRails(
  credentials: CryptoCredentials,
  currency: Currency,
  options: { liveSource: boolean },
): OfferedRail[] {
  const live = credentials.liveRates && options.liveSource;
  return CRYPTO_RAILS.filter(
    (rail) =>
      credentials.xpubs[rail.network] !== undefined &&
      (credentials.rates[currency]?.[rail.asset] !== undefined || live) &&
      !lacksTestToken(credentials, rail),
  ).map((rail) => (isTestnetRail(credentials, rail) ? { ...rail, testnet: true } : rail));
}

/**
 * Whether `rail` is USDT on an Ethereum test chain whose own USDT contract the reseller did not give
 * (`usdtContract`): its payment URI would name mainnet Tether's contract, which does not exist on that
 * chain, so a wallet would refuse it or send a token nobody watches. Such a rail is not offered, and
 * its checkout is refused naming `usdtContract`.
 */
export function lacksTestToken(
  credentials: Pick<CryptoCredentials, 'chainId' | 'usdtContract'>,
  rail: CryptoRail,
): boolean {
  return (
    rail.network === 'ethereum' &&
    rail.asset === 'USDT' &&
    credentials.usdtContract === undefined &&
    ETHEREUM_TEST_CHAIN_IDS.has(credentials.chainId)
  );
}

/** A rail as offered to a payer: on a test network, marked so. */
export type OfferedRail = CryptoRail & { testnet?: true };

/**
 * Whether `rail` is on a test network under these credentials: Bitcoin by its testnet setting,
 * Ethereum (ETH and its USDT alike) by the chain id its payment URIs carry. Tron has no test setting.
 */
export function isTestnetRail(
  credentials: Pick<CryptoCredentials, 'testnet' | 'chainId'>,
  rail: CryptoRail,
): boolean {
  switch (rail.network) {
    case 'bitcoin':
      return credentials.testnet;
    case 'ethereum':
      return ETHEREUM_TEST_CHAIN_IDS.has(credentials.chainId);
    case 'tron':
      return false;
  }
}
