import type { AuditAction } from '../../../shared/api/audit.js';
import { newId } from '../../../shared/ids.js';
import type { Trx } from '../../db/database.js';
import type { AuditRecordTable } from '../../db/schema.js';
import type { Scope } from '../scope.js';

/** What a staff write changed: the entity, its state before and after where it matters, and why. */
export interface AuditEntry {
  /** `resource.verb`, as events are named: `wallet.credited`, `payment_settings.updated`, … */
  action: AuditAction;
  entityType: string;
  entityId: string;
  before?: unknown;
  after?: unknown;
  /** What the staff member entered as the reason, where the route takes one. */
  reason?: string | null | undefined;
}

/**
 * Records one staff action in the audit trail, in the caller's transaction: the change and its
 * record commit (or roll back) together. Every service that changes money or settings calls this
 * once per change; the actor comes from the scope the request was given (http/scope.ts), so no
 * route has to name it. Secrets never go in before/after: callers pass what an admin may read.
 */
export async function recordAudit(trx: Trx, scope: Scope, entry: AuditEntry, now: string): Promise<void> {
  await trx
    .insertInto('audit_records')
    .values(auditRow(scope, entry, now))
    .execute();
}

/** The audit row recordAudit writes, for a writer that records many in one statement. */
/** An audit record's id: time-ordered like every id, under its own prefix. */
export const newAuditId = () => `aud${newId('transaction').slice('txn'.length)}`;

export function auditRow(scope: Scope, entry: AuditEntry, now: string): AuditRecordTable {
  return {
    id: newAuditId(),
    reseller_id: scope.resellerId,
    actor_user_id: scope.actor?.userId ?? null,
    actor_api_key_id: scope.actor?.apiKeyId ?? null,
    actor_role: scope.actor?.role ?? 'system',
    action: entry.action,
    entity_type: entry.entityType,
    entity_id: entry.entityId,
    before: entry.before === undefined ? null : JSON.stringify(entry.before),
    after: entry.after === undefined ? null : JSON.stringify(entry.after),
    reason: entry.reason ?? null,
    created_at: now,
  };
}
