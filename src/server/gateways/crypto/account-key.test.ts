import { describe, expect, it } from 'vitest';
import { addressAt, readAccountKey, receivingAddress, type AccountKey } from './account-key.js';
import { isAddressFor } from './address.js';
import type { CoinNetwork } from './assets.js';
import { PUBLISHED_ACCOUNT_KEYS, PUBLISHED_TESTNET_BITCOIN_KEY } from './published-keys.js';

function keyOf(network: CoinNetwork, text: string): AccountKey {
  const reading = readAccountKey(network, text);
  if (!reading.ok) throw new Error(reading.reason);
  return reading.key;
}

/** The published vectors of the mnemonic "abandon" ×11 "about" (published-keys.ts names the sources). */
describe('receiving addresses derived from an account key', () => {
  it('match the BIP-84 test vectors, from the zpub and from the same key as an xpub', () => {
    const zpub = keyOf('bitcoin', PUBLISHED_ACCOUNT_KEYS.bitcoin);
    // m/84'/0'/0'/0/0 and /0/1: the first two receiving addresses of BIP-84's test vectors.
    expect(receivingAddress(zpub, 0)).toBe('bc1qcr8te4kr609gcawutmrza0j4xv80jy8z306fyu');
    expect(receivingAddress(zpub, 1)).toBe('bc1qnjg0jd8228aq7egyzacy8cys3knf9xvrerkf9g');
    // m/84'/0'/0'/1/0, the first change address: the library walks both branches as BIP-84 does.
    expect(addressAt(zpub, 1, 0)).toBe('bc1q8c6fshw2dlwun7ekn9qwf37cu2rn755upcp6el');
    // The same account key exported as an xpub (BIP-84's "xpub" line) reads as the same BIP-84 account.
    const xpub = keyOf(
      'bitcoin',
      'xpub6CatWdiZiodmUeTDp8LT5or8nmbKNcuyvz7WyksVFkKB4RHwCD3XyuvPEbvqAQY3rAPshWcMLoP2fMFMKHPJ4ZeZXYVUhLv1VMrjPC7PW6V',
    );
    expect(receivingAddress(xpub, 0)).toBe('bc1qcr8te4kr609gcawutmrza0j4xv80jy8z306fyu');
  });

  it("match the BIP-44 Ethereum vector (m/44'/60'/0'/0/0), EIP-55 checksummed", () => {
    const key = keyOf('ethereum', PUBLISHED_ACCOUNT_KEYS.ethereum);
    expect(receivingAddress(key, 0)).toBe('0x9858EfFD232B4033E47d90003D41EC34EcaEda94');
  });

  it("match the Tron vector (m/44'/195'/0'/0/0)", () => {
    const key = keyOf('tron', PUBLISHED_ACCOUNT_KEYS.tron);
    expect(receivingAddress(key, 0)).toBe('TUEZSdKsoDHQMeZwihtdoBiN46zxhGWYdH');
  });

  it('are testnet bech32 (tb1q…) from a vpub', () => {
    const key = keyOf('bitcoin', PUBLISHED_TESTNET_BITCOIN_KEY);
    expect(key.testnet).toBe(true);
    const address = receivingAddress(key, 0);
    expect(address).toMatch(/^tb1q/);
    expect(isAddressFor('bitcoin', address, { testnet: true })).toBe(true);
  });

  it.each(['bitcoin', 'ethereum', 'tron'] as const)('are valid and distinct per index on %s', (network) => {
    const key = keyOf(network, PUBLISHED_ACCOUNT_KEYS[network]);
    const addresses = Array.from({ length: 20 }, (_, i) => receivingAddress(key, i));
    expect(new Set(addresses).size).toBe(20);
    for (const address of addresses) expect(isAddressFor(network, address)).toBe(true);
  });
});

describe('reading an account key', () => {
  const ABANDON = `${'abandon '.repeat(11)}about`;
  // Extended private keys of the same published mnemonic (BIP-84's zprv; its m/44'/60'/0' xprv).
  const ZPRV =
    'zprvAdG4iTXWBoARxkkzNpNh8r6Qag3irQB8PzEMkAFeTRXxHpbF9z4QgEvBRmfvqWvGp42t42nvgGpNgYSJA9iefm1yYNZKEm7z6qUWCroSQnE';
  const XPRV =
    'xprv9zDSoJv1aBcjX6sNgEpE2J9K6MV2MUnXuqXsFgzVn3zY2aHyupaFQdYCtdCbNMkvcTdx9FeN49sgXw6mjrhrFLRSzJVnRYPfSCCgjeg4GxY';

  it.each([
    ['a zprv', 'bitcoin', ZPRV],
    ['an xprv', 'ethereum', XPRV],
    ['a tprv prefix', 'bitcoin', `tprv${'8'.repeat(107)}`],
    ['a seed phrase', 'tron', ABANDON],
    ['a hex private key', 'ethereum', `0x${'1f'.repeat(32)}`],
    ['a WIF key', 'bitcoin', 'KwDiBf89QgGbjEhKnhXJuH7LrciVrZi3qYjgd9M7rFU73sVHnoWn'],
  ] as const)('refuses %s as private, without quoting it', (_, network, text) => {
    const reading = readAccountKey(network, text);
    expect(reading).toMatchObject({ ok: false, private: true });
    if (!reading.ok) {
      expect(reading.reason).toMatch(/private keys are never accepted/);
      expect(reading.reason).not.toContain(text.slice(4, 20));
    }
  });

  it.each([
    ['a typo', 'bitcoin', PUBLISHED_ACCOUNT_KEYS.bitcoin.replace('zpub6rFR7', 'zpub6rFR8')],
    ['an address', 'ethereum', '0x9858EfFD232B4033E47d90003D41EC34EcaEda94'],
    ['a zpub for Ethereum', 'ethereum', PUBLISHED_ACCOUNT_KEYS.bitcoin],
    ['a vpub on a mainnet-only network', 'tron', PUBLISHED_TESTNET_BITCOIN_KEY],
    [
      "a key one level too deep (m/44'/60'/0'/0)",
      'ethereum',
      'xpub6EF8jXqFeFEW5bwMU7RpQtHkzE4KJxcqJtvkCjJumzW8CPpacXkb92ek4WzLQXjL93HycJwTPUAcuNxCqFPKKU5m5Z2Vq4nCyh5CyPeBFFr',
    ],
    ['empty text', 'bitcoin', ''],
  ] as const)('refuses %s as malformed', (_, network, text) => {
    expect(readAccountKey(network, text)).toMatchObject({ ok: false, private: false });
  });
});
