import type { AuditRecord, ListAuditQuery } from '../../../shared/api/audit.js';
import type { AuditRecordTable } from '../../db/schema.js';
import type { Reader } from '../lookups.js';
import { newestFirstPage } from '../paging.js';
import type { Scope } from '../scope.js';

/** The reseller's audit trail, newest first, filtered as asked. Admins only (the route checks). */
export async function listAudit(
  db: Reader,
  scope: Scope,
  query: ListAuditQuery,
): Promise<{ items: AuditRecord[]; nextCursor: string | null }> {
  let q = db.selectFrom('audit_records').selectAll().where('reseller_id', '=', scope.resellerId);
  if (query.actor) q = q.where('actor_user_id', '=', query.actor);
  if (query.action) q = q.where('action', '=', query.action);
  if (query.entity) q = q.where('entity_id', '=', query.entity);
  if (query.from) q = q.where('created_at', '>=', new Date(query.from).toISOString());
  if (query.to) q = q.where('created_at', '<', new Date(query.to).toISOString());
  const { page, nextCursor } = await newestFirstPage(q, query.cursor, query.limit);
  return { items: page.map(toAuditRecord), nextCursor };
}

export function toAuditRecord(row: AuditRecordTable): AuditRecord {
  return {
    id: row.id,
    actor: { userId: row.actor_user_id, apiKeyId: row.actor_api_key_id, role: row.actor_role },
    action: row.action,
    entityType: row.entity_type,
    entityId: row.entity_id,
    before: row.before === null ? null : (JSON.parse(row.before) as unknown),
    after: row.after === null ? null : (JSON.parse(row.after) as unknown),
    reason: row.reason,
    at: row.created_at,
  };
}
