import { z } from 'zod';

/**
 * What a reseller stores for Stripe. The account id is how a snapshot names its recipient: the
 * provider asks Stripe which account the secret key belongs to and compares (a key pasted from
 * another account then sends payments to review instead of crediting).
 */
export const stripeCredentialsSchema = z.strictObject({
  /** Secret or restricted key ("sk_live_…", "rk_test_…"). */
  secretKey: z.string().regex(/^(?:sk|rk)_(?:test|live)_\w+$/, 'a Stripe secret key (sk_… or rk_…)'),
  /** The signing secret of the webhook endpoint Stripe calls for this reseller ("whsec_…"). */
  webhookSecret: z.string().regex(/^whsec_\w+$/, 'a Stripe webhook signing secret (whsec_…)'),
  /** During a secret roll Stripe signs with both for a while (up to 24 h). */
  previousWebhookSecret: z
    .string()
    .regex(/^whsec_\w+$/, 'a Stripe webhook signing secret (whsec_…)')
    .optional(),
  /** The Stripe account the key belongs to ("acct_…"). */
  accountId: z.string().regex(/^acct_\w+$/, 'a Stripe account id (acct_…)'),
});
export type StripeCredentials = z.infer<typeof stripeCredentialsSchema>;
