import { describe, expect, it } from 'vitest';
import { isAddressFor, isBitcoinAddress, toChecksumAddress } from './address.js';
import type { CoinNetwork } from './assets.js';
import { deriveAddress } from './derive-address.js';

const SECRET = 'reseller-secret-0123456789';
const NETWORKS: CoinNetwork[] = ['bitcoin', 'ethereum', 'tron'];

describe('per-payment addresses', () => {
  it.each(NETWORKS)('are valid, checksummed %s addresses', (network) => {
    for (let i = 0; i < 50; i++) {
      const address = deriveAddress(network, SECRET, `pay_${i}`);
      expect(isAddressFor(network, address)).toBe(true);
      if (network === 'bitcoin') expect(address).toMatch(/^bc1q[02-9ac-hj-np-z]{38}$/);
      if (network === 'ethereum') expect(toChecksumAddress(address)).toBe(address);
      if (network === 'tron') expect(address).toMatch(/^T[1-9A-HJ-NP-Za-km-z]{33}$/);
    }
  });

  it('are the same for the same payment and distinct across payments, secrets and networks', () => {
    expect(deriveAddress('bitcoin', SECRET, 'pay_1')).toBe(deriveAddress('bitcoin', SECRET, 'pay_1'));
    const seen = new Set<string>();
    for (const network of NETWORKS) {
      for (let i = 0; i < 200; i++) seen.add(deriveAddress(network, SECRET, `pay_${i}`).toLowerCase());
    }
    expect(seen.size).toBe(600);
    expect(deriveAddress('tron', SECRET, 'pay_1')).not.toBe(deriveAddress('tron', `${SECRET}x`, 'pay_1'));
  });

  it('uses testnet addresses on testnet', () => {
    const address = deriveAddress('bitcoin', SECRET, 'pay_1', { testnet: true });
    expect(address.startsWith('tb1q')).toBe(true);
    expect(isBitcoinAddress(address, { testnet: true })).toBe(true);
    expect(isBitcoinAddress(address)).toBe(false);
  });
});
