import { z } from 'zod';
import { cursorSchema, idSchema, limitSchema, timestampSchema } from './common.js';
import { WEBHOOK_EVENT_TYPES, webhookEventTypeSchema } from './webhook-events.js';

export { WEBHOOK_EVENT_TYPES, webhookEventTypeSchema, type WebhookEventType } from './webhook-events.js';

/** The type of the event POST /v1/webhook-endpoints/:id/test sends: never subscribable, never emitted. */
export const WEBHOOK_TEST_EVENT = 'webhook.test';

export const webhookEndpointStatusSchema = z.enum(['enabled', 'disabled']);

/** A reseller's webhook endpoint as the API shows it: never its secret (shown once, on create and rotate). */
export const webhookEndpointSchema = z.object({
  id: idSchema,
  url: z.string(),
  description: z.string(),
  /**
   * The event types it is subscribed to. Read as any string, not only the types this release knows:
   * a newer server offers more (an endpoint in a console's feed must not stop its sync), and the
   * console lists each as it is. What a caller may subscribe to is still checked (`events` below).
   */
  events: z.array(z.union([webhookEventTypeSchema, z.string()])),
  status: webhookEndpointStatusSchema,
  /** Why it is disabled: by an admin, or after a long failure streak. */
  disabledReason: z.string().nullable(),
  /** Failed attempts since the last successful one. */
  failureStreak: z.int(),
  lastSuccessAt: timestampSchema.nullable(),
  createdAt: timestampSchema,
  updatedAt: timestampSchema,
});
export type WebhookEndpoint = z.infer<typeof webhookEndpointSchema>;

/** The signing secret, `whsec_` + base64 of 32 random bytes: shown in this answer only. */
export const webhookEndpointWithSecretSchema = webhookEndpointSchema.extend({ secret: z.string() });
export type WebhookEndpointWithSecret = z.infer<typeof webhookEndpointWithSecretSchema>;

export const webhookEndpointListSchema = z.object({ items: z.array(webhookEndpointSchema) });

const url = z.string().trim().min(1, { error: 'must not be empty' }).max(2048);
const events = z
  .array(webhookEventTypeSchema)
  .min(1, { error: 'must list at least one event type' })
  .max(WEBHOOK_EVENT_TYPES.length)
  .refine((list) => new Set(list).size === list.length, { error: 'lists an event type more than once' });
const description = z.string().trim().max(500, { error: 'must be at most 500 characters' });

export const createWebhookEndpointBody = z.strictObject({
  url,
  events,
  description: description.default(''),
});
export type CreateWebhookEndpoint = z.infer<typeof createWebhookEndpointBody>;

/** Changes what is given; `enabled: false` disables the endpoint, `true` enables it again. */
export const updateWebhookEndpointFields = z.strictObject({
  url: url.optional(),
  events: events.optional(),
  description: description.optional(),
  enabled: z.boolean().optional(),
});
export const updateWebhookEndpointBody = updateWebhookEndpointFields.refine(
  (b) => Object.keys(b).length > 0,
  { error: 'must change at least one field' },
);
export type UpdateWebhookEndpoint = z.infer<typeof updateWebhookEndpointBody>;

export const webhookDeliveryStatusSchema = z.enum(['pending', 'delivered', 'failed']);
export type WebhookDeliveryStatus = z.infer<typeof webhookDeliveryStatusSchema>;

export const webhookAttemptSchema = z.object({
  id: idSchema,
  attemptedAt: timestampSchema,
  ok: z.boolean(),
  /** HTTP status of the answer; null when none came (refused, timed out). */
  status: z.int().nullable(),
  durationMs: z.int(),
  /** The first bytes of the answer. */
  responseExcerpt: z.string().nullable(),
  error: z.string().nullable(),
});
export type WebhookAttempt = z.infer<typeof webhookAttemptSchema>;

export const webhookDeliverySchema = z.object({
  id: idSchema,
  endpointId: idSchema,
  /** The `webhook-id` header: the same on every attempt and redelivery of the event. */
  eventId: idSchema,
  eventType: z.string(),
  status: webhookDeliveryStatusSchema,
  attemptCount: z.int(),
  /** When the next attempt is due (pending only). */
  nextAttemptAt: timestampSchema.nullable(),
  lastStatus: z.int().nullable(),
  lastError: z.string().nullable(),
  deliveredAt: timestampSchema.nullable(),
  createdAt: timestampSchema,
  /** The event as it is sent: `{type, timestamp, data}`. */
  payload: z.object({
    type: z.string(),
    timestamp: timestampSchema,
    data: z.record(z.string(), z.unknown()),
  }),
  /** Every attempt, oldest first. */
  attempts: z.array(webhookAttemptSchema),
});
export type WebhookDelivery = z.infer<typeof webhookDeliverySchema>;

export const webhookDeliveryListQuery = z.strictObject({
  status: webhookDeliveryStatusSchema.optional(),
  eventType: z.string().max(100).optional(),
  limit: limitSchema,
  cursor: cursorSchema,
});
export type WebhookDeliveryListQuery = z.infer<typeof webhookDeliveryListQuery>;

export const webhookDeliveryListSchema = z.object({
  items: z.array(webhookDeliverySchema),
  nextCursor: z.string().nullable(),
});
export type WebhookDeliveryList = z.infer<typeof webhookDeliveryListSchema>;
