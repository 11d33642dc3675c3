import { z } from 'zod';

/** What the sandbox's webhooks carry: which checkout changed, and our payment id as its reference. */
export const sandboxEventTypes = [
  'checkout.processing',
  'checkout.paid',
  'checkout.failed',
  'checkout.cancelled',
] as const;

export const sandboxEventSchema = z.strictObject({
  id: z.string().regex(/^sbevt_[0-9A-Z]+$/),
  type: z.enum(sandboxEventTypes),
  created: z.int(),
  data: z.strictObject({ checkout: z.string().min(1).max(64), reference: z.string().min(1).max(64) }),
});
export type SandboxEvent = z.infer<typeof sandboxEventSchema>;
