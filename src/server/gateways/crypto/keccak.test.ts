import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isEthereumAddress, toChecksumAddress } from './address.js';
import { USDT_CONTRACTS } from './assets.js';
import { keccak256, sponge256 } from './keccak.js';

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');

describe('Keccak-256', () => {
  it('matches the published digests', () => {
    // Keccak-256 of "" and "abc", as Ethereum tooling publishes them (not NIST SHA3-256).
    expect(hex(keccak256(''))).toBe('c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470');
    expect(hex(keccak256('abc'))).toBe('4e03657aea45a94fc7d47ba826c8d667c0d1e6e33a64a036ec44f58fa12d6c45');
  });

  it('runs the same permutation as node’s SHA3-256 across block boundaries', () => {
    // SHA3-256 is this sponge with the 0x06 domain byte: any permutation or padding slip shows here.
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 600 }), (data) => {
        expect(hex(sponge256(data, 0x06))).toBe(createHash('sha3-256').update(data).digest('hex'));
      }),
      { numRuns: 60 },
    );
  });
});

describe('EIP-55 checksums', () => {
  // The test vectors of https://eips.ethereum.org/EIPS/eip-55, and Tether's published contract.
  const VECTORS = [
    '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed',
    '0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359',
    '0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB',
    '0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb',
    USDT_CONTRACTS.ethereum,
  ];

  it.each(VECTORS)('computes and accepts %s', (address) => {
    expect(toChecksumAddress(address.toLowerCase())).toBe(address);
    expect(isEthereumAddress(address)).toBe(true);
  });

  it('accepts single-case addresses, which carry no checksum, and refuses a wrong mixed case', () => {
    const address = VECTORS[0] ?? '';
    expect(isEthereumAddress(address.toLowerCase())).toBe(true);
    expect(isEthereumAddress(`0x${address.slice(2).toUpperCase()}`)).toBe(true);
    // Flip the case of one letter: still hex, no longer the checksum.
    const at = address.search(/[a-f]/);
    const flipped = address.slice(0, at) + (address[at] ?? '').toUpperCase() + address.slice(at + 1);
    expect(isEthereumAddress(flipped)).toBe(false);
  });
});
