/**
 * The coins and networks the crypto gateway invoices in. A payer who sends USDT on the wrong network
 * loses it, so a rail is always the pair (asset, network), never the asset alone.
 */

/** Smallest-unit digits: 1 BTC = 10^8 satoshi, 1 ETH = 10^18 wei, 1 USDT = 10^6 base units. */
export const COIN_DECIMALS = { BTC: 8, ETH: 18, USDT: 6 } as const;

export type CoinAsset = keyof typeof COIN_DECIMALS;
export const COIN_ASSETS = Object.keys(COIN_DECIMALS) as CoinAsset[];

export type CoinNetwork = 'bitcoin' | 'ethereum' | 'tron';

export type CryptoRail =
  | { asset: 'BTC'; network: 'bitcoin' }
  | { asset: 'ETH'; network: 'ethereum' }
  | { asset: 'USDT'; network: 'ethereum' }
  | { asset: 'USDT'; network: 'tron' };

export const CRYPTO_RAILS: readonly CryptoRail[] = [
  { asset: 'BTC', network: 'bitcoin' },
  { asset: 'ETH', network: 'ethereum' },
  { asset: 'USDT', network: 'ethereum' },
  { asset: 'USDT', network: 'tron' },
];

/** EIP-155 chain id of Ethereum mainnet; a test chain passes its own. */
export const ETHEREUM_MAINNET_CHAIN_ID = 1;

/**
 * EIP-155 chain ids of Ethereum's public test chains (Sepolia, Holesky, Hoodi, the retired Goerli)
 * and of the local development chains (Hardhat, Ganache/Geth dev), whose coins are worth nothing.
 * Any other id may be a chain with real value (an L2, a sidechain): it is not marked a testnet.
 * Source: the chain ids the networks publish (chainlist.org, EIP-155 registry).
 */
export const ETHEREUM_TEST_CHAIN_IDS: ReadonlySet<number> = new Set([
  11_155_111, // Sepolia
  17_000, // Holesky
  560_048, // Hoodi
  5, // Goerli
  31_337, // Hardhat
  1_337, // Ganache, Geth --dev
]);

/**
 * Tether's token contracts on mainnet. Both carry 6 decimals. A token transfer to any other contract
 * is not USDT, whatever its symbol says, so the chain watcher must match on these addresses.
 * Sources: Tether's published contract addresses, as the token lists and chain code of public wallet
 * and exchange integrations carry them (each with 6 decimals).
 */
export const USDT_CONTRACTS = {
  ethereum: '0xdAC17F958D2ee523a2206206994597C13D831ec7',
  tron: 'TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t',
} as const;

/** Human name of a rail for the network warning the desktop shows next to the QR code. */
export function railLabel(rail: CryptoRail): string {
  switch (rail.network) {
    case 'bitcoin':
      return 'Bitcoin (BTC)';
    case 'ethereum':
      return rail.asset === 'ETH' ? 'Ethereum (ETH)' : 'USDT on Ethereum (ERC-20)';
    case 'tron':
      return 'USDT on Tron (TRC-20)';
  }
}
