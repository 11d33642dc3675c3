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
