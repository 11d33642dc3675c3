import { z } from 'zod';
import { cursorSchema, idSchema, limitSchema, timestampSchema } from './common.js';

const dateTime = z.iso.datetime({ error: 'must be an ISO 8601 date-time' });

/** GET /v1/audit: every filter optional; `actor` is a user id, `entity` an entity id. */
export const listAuditQuery = z.strictObject({
  actor: idSchema.optional(),
  action: z.string().min(1).max(100).optional(),
  entity: idSchema.optional(),
  from: dateTime.optional(),
  to: dateTime.optional(),
  cursor: cursorSchema,
  limit: limitSchema,
});
export type ListAuditQuery = z.infer<typeof listAuditQuery>;

/**
 * Every action the audit trail records (`resource.verb`, as events are named). The server's
 * recordAudit takes only these, so the console can name each one and offer them as a filter.
 */
export const auditActions = [
  'wallet.credited',
  'wallet.debited',
  'wallet.adjusted',
  'wallet.paid_out',
  'wallet.closed',
  'transaction.refunded',
  'payment.refunded',
  'orders.batch_refunded',
  'hold.placed',
  'hold.captured',
  'hold.released',
  'payment_review.applied',
  'payment_review.resolved',
  'bank_line.applied',
  'invoice.voided',
  'invoice.marked_paid',
  'invoice_settings.updated',
  'customer_invoice_settings.updated',
  'customer.created',
  'customer.updated',
  'top_up_link.created',
  'top_up_link.revoked',
  'alert_settings.updated',
  'auto_top_up.updated',
  'movement_limits.updated',
  'payment_settings.updated',
  'gateway_credentials.updated',
  'product.created',
  'product.updated',
  'user.created',
  'user.updated',
  'user.password_reset',
  'api_key.created',
  'api_key.revoked',
  'webhook_endpoint.created',
  'webhook_endpoint.updated',
  'webhook_endpoint.deleted',
  'webhook_endpoint.secret_rotated',
] as const;
export type AuditAction = (typeof auditActions)[number];

/** One staff action: who (user or API key, and role), when, what and why. */
export const auditRecordSchema = z.object({
  id: idSchema,
  actor: z.object({
    userId: z.string().nullable(),
    apiKeyId: z.string().nullable(),
    role: z.string(),
  }),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string(),
  before: z.unknown().nullable(),
  after: z.unknown().nullable(),
  reason: z.string().nullable(),
  at: timestampSchema,
});
export type AuditRecord = z.infer<typeof auditRecordSchema>;

export const auditListSchema = z.object({
  items: z.array(auditRecordSchema),
  nextCursor: z.string().nullable(),
});
export type AuditList = z.infer<typeof auditListSchema>;
