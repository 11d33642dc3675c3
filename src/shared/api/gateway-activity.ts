import { z } from 'zod';

/**
 * GET /v1/gateway-activity (staff): when each gateway last delivered a webhook here, and payments of
 * the last 7 days confirmed only by polling (no webhook of theirs was stored): a sign that a
 * gateway's webhooks are not arriving.
 */
export const gatewayActivitySchema = z.object({
  providers: z.array(z.object({ provider: z.string(), lastWebhookAt: z.string().nullable() })),
  pollingOnly: z.array(
    z.object({
      paymentId: z.string(),
      provider: z.string(),
      walletId: z.string(),
      paidAt: z.string().nullable(),
    }),
  ),
});
export type GatewayActivity = z.infer<typeof gatewayActivitySchema>;
