import type { Checkout } from '../../../shared/api/payments.js';
import { isBitcoinAddress } from './address.js';
import { formatCoinAmount, remainingDue, type BaseUnits } from './amounts.js';
import { bip21Uri, eip681Uri, parseBip21, parseEip681 } from './payment-uri.js';

export type CryptoQrCheckout = Extract<Checkout, { kind: 'crypto_qr' }>;

/**
 * What the payer is shown after part of an invoice arrived: the remainder to send to the same
 * address, what has arrived, and a QR code whose payment URI asks for the remainder only (a wallet
 * scanning the first QR again would send the whole amount a second time). Tron's QR is the bare
 * address and stays as it is.
 */
export function checkoutAfterPartialPayment(
  checkout: CryptoQrCheckout,
  due: BaseUnits,
  received: BaseUnits,
): CryptoQrCheckout {
  const remainder = remainingDue(due, received);
  return {
    ...checkout,
    qrPayload: payloadFor(checkout, remainder),
    amount: formatCoinAmount(remainder, checkout.asset),
    received: formatCoinAmount(received, checkout.asset),
  };
}

function payloadFor(checkout: CryptoQrCheckout, amount: BaseUnits): string {
  switch (checkout.network) {
    case 'bitcoin': {
      const testnet = isBitcoinAddress(checkout.address, { testnet: true });
      return bip21Uri({ ...parseBip21(checkout.qrPayload, { testnet }), amount }, { testnet });
    }
    case 'ethereum': {
      const request = parseEip681(checkout.qrPayload);
      return eip681Uri(request.kind === 'ether' ? { ...request, value: amount } : { ...request, amount });
    }
    case 'tron':
      return checkout.qrPayload;
  }
}
