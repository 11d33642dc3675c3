import type { AuditRecord, ListAuditQuery } from '../../../shared/api/audit.js';
import type { AuditRecordTable, LedgerEntryTable } from '../../db/schema.js';
import { toTransaction } from '../../wire/transaction.js';
import type { Reader } from '../lookups.js';
import { decodeCursor, encodeCursor, newestFirstPage } from '../paging.js';
import type { Scope } from '../scope.js';
import { movementAudit } from './movement.js';

/**
 * The reseller's audit trail, newest first, filtered as asked. Admins only (the route checks). Two
 * sources: audit_records, and the ledger rows that are their own record (a staff movement, migration
 * 0450). Each gives its own newest page after the cursor; the trail is the newest `limit` of both.
 */
export async function listAudit(
  db: Reader,
  scope: Scope,
  query: ListAuditQuery,
): Promise<{ items: AuditRecord[]; nextCursor: string | null }> {
  const [records, movements] = await Promise.all([
    auditRecords(db, scope, query),
    movementRecords(db, scope, query),
  ]);
  const items = [...records.page.map(toAuditRecord), ...movements.page.map(movementRecord)].sort(newestFirst);
  const page = items.slice(0, query.limit);
  const more = items.length > query.limit || records.nextCursor !== null || movements.nextCursor !== null;
  const last = page.at(-1);
  return { items: page, nextCursor: more && last ? encodeCursor([last.at, last.id]) : null };
}

function auditRecords(db: Reader, scope: Scope, query: ListAuditQuery) {
  let q = db.selectFrom('audit_records').selectAll().where('reseller_id', '=', scope.resellerId);
  if (query.actor) q = q.where('actor_user_id', '=', query.actor);
  if (query.action) q = q.where('action', '=', query.action);
  if (query.entity) q = q.where('entity_id', '=', query.entity);
  if (query.from) q = q.where('created_at', '>=', new Date(query.from).toISOString());
  if (query.to) q = q.where('created_at', '<', new Date(query.to).toISOString());
  return newestFirstPage(q, query.cursor, query.limit);
}

/** A movement's record id: its ledger row's, under the audit prefix (both are time-ordered alike). */
const AUDIT_PREFIX = 'aud';
const TRANSACTION_PREFIX = 'txn';
const recordId = (transactionId: string) => AUDIT_PREFIX + transactionId.slice(TRANSACTION_PREFIX.length);

function movementRecords(db: Reader, scope: Scope, query: ListAuditQuery) {
  let q = db
    .selectFrom('ledger_entries')
    .selectAll()
    .where('reseller_id', '=', scope.resellerId)
    .where('audit_action', 'is not', null);
  if (query.actor) q = q.where('actor_user_id', '=', query.actor);
  if (query.action) q = q.where('audit_action', '=', query.action);
  if (query.entity) q = q.where('wallet_id', '=', query.entity);
  if (query.from) q = q.where('created_at', '>=', new Date(query.from).toISOString());
  if (query.to) q = q.where('created_at', '<', new Date(query.to).toISOString());
  // The cursor names a record id; the same position among ledger rows has the ledger's id prefix.
  const cursor = query.cursor && decodeCursor(query.cursor, ['string', 'string']).map(String);
  const ledgerCursor = cursor
    ? encodeCursor([cursor[0]!, TRANSACTION_PREFIX + cursor[1]!.slice(AUDIT_PREFIX.length)])
    : undefined;
  return newestFirstPage(q, ledgerCursor, query.limit);
}

const newestFirst = (a: AuditRecord, b: AuditRecord) =>
  a.at === b.at ? (a.id < b.id ? 1 : a.id > b.id ? -1 : 0) : a.at < b.at ? 1 : -1;

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

/** A ledger row that is a staff movement's record, as the trail shows it (movementAudit). */
function movementRecord(row: LedgerEntryTable): AuditRecord {
  const entry = movementAudit(row.audit_action!, toTransaction(row));
  return {
    id: recordId(row.id),
    actor: {
      userId: row.actor_user_id ?? null,
      apiKeyId: row.actor_api_key_id ?? null,
      role: row.actor_role!,
    },
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId,
    before: entry.before,
    after: entry.after,
    reason: entry.reason ?? null,
    at: row.created_at,
  };
}
