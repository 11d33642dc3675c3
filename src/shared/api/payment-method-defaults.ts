import type { PaymentProviderId } from './payments.js';

/**
 * The words each payment method carries until a reseller changes them. The API stores and sends
 * them as they are (English); the console shows them in its own language while they are still these
 * exact words, and a reseller's own words as typed.
 */
export const DEFAULT_METHOD_WORDS: Record<PaymentProviderId, { label: string; processingTime: string }> = {
  sandbox: { label: 'Sandbox test card', processingTime: 'Instant' },
  stripe: { label: 'Card (Visa, Mastercard)', processingTime: 'Instant' },
  paypal: { label: 'PayPal', processingTime: 'Instant' },
  crypto: { label: 'Crypto (BTC, ETH, USDT)', processingTime: '10-60 minutes' },
  vietqr: { label: 'Bank transfer (VietQR)', processingTime: '1-5 minutes' },
  cryptomus: { label: 'Cryptomus', processingTime: '10-60 minutes' },
  tazapay: { label: 'Tazapay (cards and local methods)', processingTime: 'Instant to 1 business day' },
};
