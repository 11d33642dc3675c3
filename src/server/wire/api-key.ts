import type { z } from 'zod';
import type { apiKeySchema } from '../../shared/api/auth.js';
import type { ApiKeyTable } from '../db/schema.js';

/** An API key as listed: its prefix only (the key itself is answered once, when it is made). */
export function toApiKey(row: ApiKeyTable): z.infer<typeof apiKeySchema> {
  return {
    id: row.id,
    name: row.name,
    role: row.role,
    customerId: row.customer_id,
    prefix: row.prefix,
    createdAt: row.created_at,
    revokedAt: row.revoked_at,
  };
}
