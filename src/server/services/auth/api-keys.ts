import { newId } from '../../../shared/ids.js';
import { hashSecret, newSecret } from '../../auth/secrets.js';
import type { Trx } from '../../db/database.js';
import type { ApiKeyTable } from '../../db/schema.js';
import { notFound } from '../failure.js';
import { findCustomer, type Reader } from '../lookups.js';
import { attempt, type Result } from '../result.js';
import { recordAudit, type AuditEntry } from '../audit/record.js';
import type { Scope } from '../scope.js';

export interface CreateApiKey {
  name: string;
  role: ApiKeyTable['role'];
  /** The customer a customer key acts for. */
  customerId?: string | undefined;
}

/** A new API key of the caller's reseller: the row, and the key itself (answered once, never kept). */
export function createApiKey(
  trx: Trx,
  scope: Scope,
  input: CreateApiKey,
  now: string,
): Promise<Result<{ row: ApiKeyTable; key: string }, 'not_found'>> {
  return attempt(['not_found'], async () => {
    if (input.customerId) await findCustomer(trx, scope, input.customerId, { field: 'customerId' });
    const key = newSecret('rk');
    const row: ApiKeyTable = {
      id: newId('apiKey'),
      reseller_id: scope.resellerId,
      name: input.name,
      role: input.role,
      customer_id: input.customerId ?? null,
      key_hash: hashSecret(key),
      prefix: key.slice(0, 8),
      created_at: now,
      revoked_at: null,
    };
    await trx.insertInto('api_keys').values(row).execute();
    // Never the key itself: its prefix is how an admin recognises it.
    const after = { name: row.name, role: row.role, customerId: row.customer_id, prefix: row.prefix };
    await recordAudit(
      trx,
      scope,
      { action: 'api_key.created', entityType: 'api_key', entityId: row.id, after },
      now,
    );
    return { row, key };
  });
}

/** The reseller's API keys, revoked ones too, oldest first. */
export function listApiKeys(db: Reader, scope: Scope): Promise<ApiKeyTable[]> {
  return db
    .selectFrom('api_keys')
    .selectAll()
    .where('reseller_id', '=', scope.resellerId)
    .orderBy('created_at')
    .execute();
}

/** Revokes a key at once (a revoked one keeps its first revocation time). */
export function revokeApiKey(
  trx: Trx,
  scope: Scope,
  input: { id: string },
  now: string,
): Promise<Result<ApiKeyTable, 'not_found'>> {
  return attempt(['not_found'], async () => {
    await trx
      .updateTable('api_keys')
      .set({ revoked_at: now })
      .where('id', '=', input.id)
      .where('reseller_id', '=', scope.resellerId)
      .where('revoked_at', 'is', null)
      .execute();
    const row = await trx
      .selectFrom('api_keys')
      .selectAll()
      .where('id', '=', input.id)
      .where('reseller_id', '=', scope.resellerId)
      .executeTakeFirst();
    if (!row) throw notFound('API key', 'id');
    // Recorded when this call revoked it; revoking a revoked key changes nothing.
    if (row.revoked_at === now) {
      const entry: AuditEntry = {
        action: 'api_key.revoked',
        entityType: 'api_key',
        entityId: row.id,
        after: { name: row.name },
      };
      await recordAudit(trx, scope, entry, now);
    }
    return row;
  });
}
