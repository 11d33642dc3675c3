import { z } from 'zod';

/** What a reseller stores for PayPal (a REST app's credentials and the webhook registered for us). */
export const paypalCredentialsSchema = z.strictObject({
  clientId: z.string().trim().min(1).max(200),
  clientSecret: z.string().trim().min(1).max(200),
  /** The id PayPal gave the webhook pointing at our endpoint: part of every signed message. */
  webhookId: z.string().regex(/^[A-Za-z0-9]{1,50}$/, 'a PayPal webhook id (letters and digits)'),
  /**
   * The payer id of the merchant account the app belongs to. When set, a payment counts only if
   * PayPal names this account as its payee.
   */
  merchantId: z
    .string()
    .regex(/^[A-Z0-9]{8,20}$/, 'a PayPal merchant (payer) id')
    .optional(),
  /** Which PayPal the app lives on: https://api-m.paypal.com or https://api-m.sandbox.paypal.com. */
  environment: z.enum(['live', 'sandbox']).default('live'),
});
export type PayPalCredentials = z.infer<typeof paypalCredentialsSchema>;

export const PAYPAL_API_BASE = {
  live: 'https://api-m.paypal.com',
  sandbox: 'https://api-m.sandbox.paypal.com',
} as const;
