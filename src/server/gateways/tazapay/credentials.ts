import { z } from 'zod';

/**
 * What a reseller stores for Tazapay: the API key and secret of its Tazapay account (HTTP Basic on
 * every API call), the webhook "secret token" from the dashboard (Settings > Webhooks), which signs
 * every webhook, and the country its customers are invoiced from (Tazapay requires one per checkout).
 */
export const tazapayCredentialsSchema = z.strictObject({
  apiKey: z.string().trim().min(8, 'the API key from the Tazapay dashboard').max(200),
  apiSecret: z.string().trim().min(8, 'the API secret from the Tazapay dashboard').max(500),
  webhookSecret: z
    .string()
    .trim()
    .min(16, 'the webhook secret token from the Tazapay dashboard (Settings > Webhooks)')
    .max(500),
  /** ISO 3166-1 alpha-2, sent as customer_details.country: it decides which local methods are offered. */
  customerCountry: z
    .string()
    .trim()
    .regex(/^[A-Z]{2}$/, 'a two-letter ISO country code in capitals, e.g. SG'),
  /** Which Tazapay the account lives on. */
  environment: z.enum(['live', 'sandbox']).default('live'),
});
export type TazapayCredentials = z.infer<typeof tazapayCredentialsSchema>;

export const TAZAPAY_API_BASE = {
  live: 'https://service.tazapay.com',
  sandbox: 'https://service-sandbox.tazapay.com',
} as const;
