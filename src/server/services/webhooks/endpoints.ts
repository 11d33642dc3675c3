import type { AuditAction } from '../../../shared/api/audit.js';
import type { Selectable } from 'kysely';
import { newId } from '../../../shared/ids.js';
import type { CreateWebhookEndpoint, UpdateWebhookEndpoint } from '../../../shared/api/webhooks.js';
import type { Trx } from '../../db/database.js';
import type { WebhookEndpointTable } from '../../db/schema.js';
import { newWebhookSecret, sealSecret } from '../../events/signing.js';
import { checkOutboundUrl } from '../../outbound/url-policy.js';
import { recordChanges } from '../../sync/record.js';
import { webhookEndpointChange } from '../../wire/webhook.js';
import { recordAudit } from '../audit/record.js';
import { Failure } from '../failure.js';
import { findWebhookEndpoint, type Reader } from '../lookups.js';
import { attempt, ok, refuse, type Refused, type Result } from '../result.js';
import { requireWrite, type Scope } from '../scope.js';
import type { WebhookDeps } from './deps.js';

type Endpoint = Selectable<WebhookEndpointTable>;

/** What the audit keeps of an endpoint: never its sealed secret. */
const audited = (e: Endpoint) => ({
  url: e.url,
  description: e.description,
  events: e.events,
  status: e.status,
});
const auditEndpoint = (
  trx: Trx,
  scope: Scope,
  action: AuditAction,
  row: Endpoint,
  before: Endpoint | null,
  now: string,
) =>
  recordAudit(
    trx,
    scope,
    {
      action,
      entityType: 'webhook_endpoint',
      entityId: row.id,
      before: before ? audited(before) : null,
      after: audited(row),
    },
    now,
  );

export interface EndpointWithSecret {
  endpoint: Endpoint;
  /** Shown to the caller in this answer only; stored sealed. */
  secret: string;
}

const newEndpointId = () => `whe${newId('transaction').slice('txn'.length)}`;

/** The URL checked by name, as it will be at every request by resolved address (outbound guard). */
function checkUrl(url: string, deps: WebhookDeps) {
  const verdict = checkOutboundUrl(url, deps.outbound);
  if (verdict.ok) return null;
  // With the refusal as data, so the console words it in its person's language.
  const refused: Refused<'validation'> = {
    ok: false,
    failure: new Failure('validation', `url: the URL ${verdict.reason}`, 'url', verdict.refusal),
  };
  return refused;
}

function keyOf(deps: WebhookDeps) {
  return deps.secretsKey
    ? null
    : refuse(
        'credentials_key_missing',
        'webhook secrets cannot be stored: the operator has not set CREDENTIALS_KEY',
      );
}

export async function createWebhookEndpoint(
  trx: Trx,
  scope: Scope,
  input: CreateWebhookEndpoint,
  now: string,
  deps: WebhookDeps,
): Promise<Result<EndpointWithSecret, 'validation' | 'forbidden' | 'credentials_key_missing'>> {
  requireWrite(scope);
  const refused = checkUrl(input.url, deps) ?? keyOf(deps);
  if (refused) return refused;
  const id = newEndpointId();
  const secret = newWebhookSecret();
  const row: Endpoint = {
    id,
    reseller_id: scope.resellerId,
    url: input.url,
    description: input.description,
    events: JSON.stringify(input.events),
    secret: sealSecret(deps.secretsKey as Buffer, scope.resellerId, id, secret),
    status: 'enabled',
    disabled_reason: null,
    failure_streak: 0,
    last_success_at: null,
    deleted_at: null,
    created_at: now,
    updated_at: now,
  };
  await trx.insertInto('webhook_endpoints').values(row).execute();
  await recordChanges(trx, now, [webhookEndpointChange(row, 'create')]);
  await auditEndpoint(trx, scope, 'webhook_endpoint.created', row, null, now);
  return ok({ endpoint: row, secret });
}

export async function listWebhookEndpoints(db: Reader, scope: Scope): Promise<Endpoint[]> {
  if (scope.customerId) return [];
  return db
    .selectFrom('webhook_endpoints')
    .selectAll()
    .where('reseller_id', '=', scope.resellerId)
    .where('deleted_at', 'is', null)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

export async function getWebhookEndpoint(
  db: Reader,
  scope: Scope,
  id: string,
): Promise<Result<Endpoint, 'not_found'>> {
  return attempt(['not_found'], () => findWebhookEndpoint(db, scope, id));
}

export async function updateWebhookEndpoint(
  trx: Trx,
  scope: Scope,
  input: { id: string } & UpdateWebhookEndpoint,
  now: string,
  deps: WebhookDeps,
): Promise<Result<Endpoint, 'not_found' | 'validation' | 'forbidden'>> {
  requireWrite(scope);
  const found = await attempt(['not_found'], () =>
    findWebhookEndpoint(trx, scope, input.id, { forUpdate: trx.dialect === 'postgres' }),
  );
  if (!found.ok) return found;
  if (input.url !== undefined) {
    const refused = checkUrl(input.url, deps);
    if (refused) return refused;
  }
  const enabled = input.enabled ?? found.value.status === 'enabled';
  const status = enabled ? ('enabled' as const) : ('disabled' as const);
  const changes = {
    ...(input.url !== undefined ? { url: input.url } : {}),
    ...(input.description !== undefined ? { description: input.description } : {}),
    ...(input.events !== undefined ? { events: JSON.stringify(input.events) } : {}),
    status,
    disabled_reason:
      status === 'enabled'
        ? null
        : found.value.status === 'disabled'
          ? found.value.disabled_reason
          : 'disabled by an admin',
    // Enabled again: the streak that disabled it starts over.
    ...(status === 'enabled' && found.value.status === 'disabled' ? { failure_streak: 0 } : {}),
    updated_at: now,
  };
  const row = await trx
    .updateTable('webhook_endpoints')
    .set(changes)
    .where('id', '=', input.id)
    .returningAll()
    .executeTakeFirstOrThrow();
  await recordChanges(trx, now, [webhookEndpointChange(row, 'update')]);
  await auditEndpoint(trx, scope, 'webhook_endpoint.updated', row, found.value, now);
  return ok(row);
}

/**
 * Deletes an endpoint: it gets no more events and leaves the list; its row stays (deleted_at) so
 * its deliveries keep their log. Its pending deliveries end as `failed`.
 */
export async function deleteWebhookEndpoint(
  trx: Trx,
  scope: Scope,
  input: { id: string },
  now: string,
): Promise<Result<null, 'not_found' | 'forbidden'>> {
  requireWrite(scope);
  const found = await attempt(['not_found'], () =>
    findWebhookEndpoint(trx, scope, input.id, { forUpdate: trx.dialect === 'postgres' }),
  );
  if (!found.ok) return found;
  const row = await trx
    .updateTable('webhook_endpoints')
    .set({ deleted_at: now, status: 'disabled', disabled_reason: 'deleted', updated_at: now })
    .where('id', '=', input.id)
    .returningAll()
    .executeTakeFirstOrThrow();
  await trx
    .updateTable('webhook_deliveries')
    .set({ status: 'failed', last_error: 'the endpoint was deleted', lease_until: null, updated_at: now })
    .where('endpoint_id', '=', input.id)
    .where('status', '=', 'pending')
    .execute();
  await recordChanges(trx, now, [webhookEndpointChange(row, 'update')]);
  await auditEndpoint(trx, scope, 'webhook_endpoint.deleted', row, found.value, now);
  return ok(null);
}

/** A new secret, shown once; the old one stops signing at once. */
export async function rotateWebhookSecret(
  trx: Trx,
  scope: Scope,
  input: { id: string },
  now: string,
  deps: WebhookDeps,
): Promise<Result<EndpointWithSecret, 'not_found' | 'forbidden' | 'credentials_key_missing'>> {
  requireWrite(scope);
  const missingKey = keyOf(deps);
  if (missingKey) return missingKey;
  const found = await attempt(['not_found'], () =>
    findWebhookEndpoint(trx, scope, input.id, { forUpdate: trx.dialect === 'postgres' }),
  );
  if (!found.ok) return found;
  const secret = newWebhookSecret();
  const row = await trx
    .updateTable('webhook_endpoints')
    .set({
      secret: sealSecret(deps.secretsKey as Buffer, scope.resellerId, input.id, secret),
      updated_at: now,
    })
    .where('id', '=', input.id)
    .returningAll()
    .executeTakeFirstOrThrow();
  await recordChanges(trx, now, [webhookEndpointChange(row, 'update')]);
  await auditEndpoint(trx, scope, 'webhook_endpoint.secret_rotated', row, found.value, now);
  return ok({ endpoint: row, secret });
}
