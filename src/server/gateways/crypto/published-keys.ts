import { readAccountKey, receivingAddress } from './account-key.js';
import type { CoinNetwork } from './assets.js';

/**
 * Account keys of the published BIP-39 test mnemonic ("abandon" ×11, "about"): the keys of the
 * BIP-84 and BIP-44 test vectors, printed in the standards and in every wallet's test suite. The
 * simulated chain, the demo and the tests derive their addresses from these. Everyone knows the
 * seed behind them, so whatever is sent to their addresses on a real chain can be taken by anyone:
 * never configure them on a live gateway.
 *
 * Sources: BIP-84 test vectors (https://github.com/bitcoin/bips/blob/master/bip-0084.mediawiki),
 * SLIP-132 (https://github.com/satoshilabs/slips/blob/master/slip-0132.md); the BIP-44 Ethereum
 * account xpub and its first address 0x9858EfFD232B4033E47d90003D41EC34EcaEda94, and the Tron first
 * address TUEZSdKsoDHQMeZwihtdoBiN46zxhGWYdH, as wallet test suites and the Ian Coleman BIP-39 tool show them.
 */
export const PUBLISHED_ACCOUNT_KEYS: Record<CoinNetwork, string> = {
  // m/84'/0'/0'
  bitcoin:
    'zpub6rFR7y4Q2AijBEqTUquhVz398htDFrtymD9xYYfG1m4wAcvPhXNfE3EfH1r1ADqtfSdVCToUG868RvUUkgDKf31mGDtKsAYz2oz2AGutZYs',
  // m/44'/60'/0'
  ethereum:
    'xpub6DCoCpSuQZB2jawqnGMEPS63ePKWkwWPH4TU45Q7LPXWuNd8TMtVxRrgjtEshuqpK3mdhaWHPFsBngh5GFZaM6si3yZdUsT8ddYM3PwnATt',
  // m/44'/195'/0'
  tron: 'xpub6D1AabNHCupeiLM65ZR9UStMhJ1vCpyV4XbZdyhMZBiJXALQtmn9p42VTQckoHVn8WNqS7dqnJokZHAHcHGoaQgmv8D45oNUKx6DZMNZBCd',
};

/** The same mnemonic's BIP-84 testnet account key, m/84'/1'/0', as wallets' test suites carry it. */
export const PUBLISHED_TESTNET_BITCOIN_KEY =
  'vpub5Y6cjg78GGuNLsaPhmYsiw4gYX3HoQiRBiSwDaBXKUafCt9bNwWQiitDk5VZ5BVxYnQdwoTyXSs2JHRPAgjAvtbBrf8ZhDYe2jWAqvZVnsc';

/** The receiving address at <account>/0/<index> of the published key for `network`. */
export function publishedAddress(network: CoinNetwork, index: number): string {
  const reading = readAccountKey(network, PUBLISHED_ACCOUNT_KEYS[network]);
  if (!reading.ok) throw new Error(reading.reason);
  return receivingAddress(reading.key, index);
}
