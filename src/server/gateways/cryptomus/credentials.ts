import { z } from 'zod';

/** What a reseller stores for Cryptomus: the merchant's uuid and its payment API key. */
export const cryptomusCredentialsSchema = z.strictObject({
  merchantId: z.uuid('the merchant uuid from the Cryptomus dashboard'),
  /** Signs our API requests and Cryptomus's webhooks alike. */
  paymentApiKey: z.string().trim().min(16, 'the payment API key from the Cryptomus dashboard').max(512),
});
export type CryptomusCredentials = z.infer<typeof cryptomusCredentialsSchema>;

export const CRYPTOMUS_API_BASE = 'https://api.cryptomus.com';
