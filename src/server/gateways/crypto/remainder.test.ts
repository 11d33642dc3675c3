import { describe, expect, it } from 'vitest';
import { baseUnits } from './amounts.js';
import { CRYPTO_RAILS } from './assets.js';
import { publishedAddress } from './published-keys.js';
import { parseBip21, parseEip681 } from './payment-uri.js';
import { invoicePayload } from './payment-uri.js';
import { checkoutAfterPartialPayment, type CryptoQrCheckout } from './remainder.js';

function invoice(asset: 'BTC' | 'ETH' | 'USDT', network: 'bitcoin' | 'ethereum' | 'tron', due: bigint) {
  const rail = CRYPTO_RAILS.find((r) => r.asset === asset && r.network === network)!;
  const address = publishedAddress(network, 0);
  const checkout: CryptoQrCheckout = {
    kind: 'crypto_qr',
    qrPayload: invoicePayload(rail, address, baseUnits(due), { chainId: 1 }),
    asset,
    network,
    address,
    amount: 'unused',
    requiredConfirmations: 2,
    expiresAt: '2030-01-01T00:30:00.000Z',
  };
  return checkout;
}

describe('a partly paid crypto invoice', () => {
  it('bitcoin: the remainder, what arrived, and a BIP21 URI for the remainder only', () => {
    const checkout = invoice('BTC', 'bitcoin', 200_000n);
    const after = checkoutAfterPartialPayment(checkout, baseUnits(200_000n), baseUnits(50_000n));
    expect(after).toMatchObject({ amount: '0.00150000', received: '0.00050000', address: checkout.address });
    expect(parseBip21(after.qrPayload)).toEqual({ address: checkout.address, amount: 150_000n });
    // Computed from the full amount due each time: applying it again changes nothing.
    expect(checkoutAfterPartialPayment(after, baseUnits(200_000n), baseUnits(50_000n))).toEqual(after);
  });

  it('ether and ERC-20 USDT: EIP-681 value or uint256 for the remainder, same chain and token', () => {
    const eth = invoice('ETH', 'ethereum', 40_000_000_000_000_000n);
    const ethAfter = checkoutAfterPartialPayment(eth, baseUnits(40_000_000_000_000_000n), baseUnits(1n));
    expect(parseEip681(ethAfter.qrPayload)).toMatchObject({
      kind: 'ether',
      chainId: 1,
      value: 39_999_999_999_999_999n,
    });
    const usdt = invoice('USDT', 'ethereum', 100_000_000n);
    const usdtAfter = checkoutAfterPartialPayment(usdt, baseUnits(100_000_000n), baseUnits(40_000_000n));
    expect(parseEip681(usdtAfter.qrPayload)).toMatchObject({
      kind: 'erc20',
      token: (parseEip681(usdt.qrPayload) as { token: string }).token,
      recipient: usdt.address,
      amount: 60_000_000n,
    });
    expect(usdtAfter.amount).toBe('60.000000');
  });

  it('USDT on Tron: the QR stays the bare address; the amounts change', () => {
    const checkout = invoice('USDT', 'tron', 100_000_000n);
    const after = checkoutAfterPartialPayment(checkout, baseUnits(100_000_000n), baseUnits(40_000_000n));
    expect(after).toMatchObject({ qrPayload: checkout.address, amount: '60.000000', received: '40.000000' });
  });
});
