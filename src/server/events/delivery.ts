import type { Selectable } from 'kysely';
import { newId } from '../../shared/ids.js';
import type { Store, Trx } from '../db/database.js';
import type { WebhookDeliveryTable, WebhookEndpointTable } from '../db/schema.js';
import { endpointDisabledEmail, endpointDisabledReason } from '../email/templates/endpoint-disabled.js';
import { enqueueEmailIn } from '../email/enqueue.js';
import { staffRecipients } from '../email/recipients.js';
import { textIn } from '../i18n/text.js';
import type { OutboundFetch } from '../outbound/guarded-fetch.js';
import { recordChanges } from '../sync/record.js';
import { webhookEndpointChange } from '../wire/webhook.js';
import { retryDelayMs, MAX_ATTEMPTS } from './schedule.js';
import { openSecret, signedRequest } from './signing.js';

/** How long a process may work on a leased delivery before another may take it over (it crashed). */
export const DELIVERY_LEASE_MS = 60_000;
/** Deliveries leased per round; each endpoint gives at most one (its oldest unfinished). */
const BATCH = 25;
/** Bytes of a receiver's answer kept in the attempt log. */
const EXCERPT_CHARS = 500;

export interface DeliveryLog {
  info(fields: Record<string, unknown>, message: string): void;
  warn(fields: Record<string, unknown>, message: string): void;
}

export interface WebhookDelivererOptions {
  store: Store;
  clock: () => Date;
  /** The outbound guard's fetch: checks the resolved address, does not follow redirects, times out. */
  fetch: OutboundFetch;
  /** The key endpoint secrets are sealed with; null: nothing can be signed, nothing is sent. */
  secretsKey: Buffer | null;
  log?: DeliveryLog;
  /** Lease length, ms (tests of crashed processes shorten it). */
  leaseMs?: number;
}

type Delivery = Selectable<WebhookDeliveryTable>;
type Endpoint = Selectable<WebhookEndpointTable>;

interface Outcome {
  ok: boolean;
  status: number | null;
  durationMs: number;
  excerpt: string | null;
  error: string | null;
}

/**
 * The webhook delivery job. Each round leases, per enabled endpoint, its oldest unfinished delivery
 * if it is due — so an endpoint's events arrive in order, a later one waiting while an earlier one
 * is being retried — sends it signed (Standard Webhooks), logs the attempt and schedules the next
 * (schedule.ts). Leases (FOR UPDATE SKIP LOCKED on PostgreSQL) keep every delivery in one process at
 * a time; a process that dies mid-request leaves a lease that expires, and the delivery is sent
 * again (at least once).
 */
export class WebhookDeliverer {
  private readonly leaseMs: number;

  constructor(private readonly o: WebhookDelivererOptions) {
    this.leaseMs = o.leaseMs ?? DELIVERY_LEASE_MS;
  }

  /** Delivers everything due now, round after round; resolves with the number of attempts made. */
  async run(): Promise<number> {
    if (!this.o.secretsKey) return 0;
    let total = 0;
    for (;;) {
      const leased = await this.lease();
      if (leased.length === 0) return total;
      await Promise.all(leased.map((d) => this.deliver(d)));
      total += leased.length;
    }
  }

  private async lease(): Promise<Delivery[]> {
    const now = this.o.clock();
    const iso = now.toISOString();
    const until = new Date(now.getTime() + this.leaseMs).toISOString();
    const { store } = this.o;
    return store.write(async (trx) => {
      let candidates = trx
        .selectFrom('webhook_deliveries as d')
        .select('d.id')
        .where('d.status', '=', 'pending')
        .where('d.next_attempt_at', '<=', iso)
        .where((eb) => eb.or([eb('d.lease_until', 'is', null), eb('d.lease_until', '<', iso)]))
        .where((eb) =>
          eb(
            'd.endpoint_id',
            'in',
            eb
              .selectFrom('webhook_endpoints')
              .select('id')
              .where('status', '=', 'enabled')
              .where('deleted_at', 'is', null),
          ),
        )
        // The endpoint's oldest unfinished delivery only: order per endpoint.
        .where(({ not, exists, selectFrom }) =>
          not(
            exists(
              selectFrom('webhook_deliveries as p')
                .select('p.id')
                .whereRef('p.endpoint_id', '=', 'd.endpoint_id')
                .where('p.status', '=', 'pending')
                .whereRef('p.seq', '<', 'd.seq'),
            ),
          ),
        )
        .orderBy('d.seq')
        .limit(BATCH);
      if (store.dialect === 'postgres') candidates = candidates.forUpdate().skipLocked();
      return trx
        .updateTable('webhook_deliveries')
        .set({ lease_until: until })
        .where('id', 'in', candidates)
        .returningAll()
        .execute();
    });
  }

  private async deliver(delivery: Delivery): Promise<void> {
    const { store } = this.o;
    const endpoint = await store.db
      .selectFrom('webhook_endpoints')
      .selectAll()
      .where('id', '=', delivery.endpoint_id)
      .executeTakeFirstOrThrow();
    const event = await store.db
      .selectFrom('webhook_events')
      .selectAll()
      .where('id', '=', delivery.event_id)
      .executeTakeFirstOrThrow();
    const attemptedAt = this.o.clock();
    const outcome = await this.send(
      endpoint,
      {
        id: event.id,
        type: event.type,
        createdAt: event.created_at,
        data: JSON.parse(event.data) as unknown,
      },
      attemptedAt,
    );
    await store.write((trx) => this.record(trx, delivery, endpoint, attemptedAt, outcome));
    this.o.log?.info(
      {
        delivery: delivery.id,
        endpoint: endpoint.id,
        event: event.id,
        type: event.type,
        status: outcome.status,
        ok: outcome.ok,
        durationMs: outcome.durationMs,
        ...(outcome.error ? { error: outcome.error } : {}),
      },
      'webhook attempt',
    );
  }

  private async send(
    endpoint: Endpoint,
    event: { id: string; type: string; createdAt: string; data: unknown },
    now: Date,
  ): Promise<Outcome> {
    const started = performance.now();
    const elapsed = () => Math.round(performance.now() - started);
    let secret: string;
    try {
      secret = openSecret(this.o.secretsKey as Buffer, endpoint.reseller_id, endpoint.id, endpoint.secret);
    } catch {
      return {
        ok: false,
        status: null,
        durationMs: 0,
        excerpt: null,
        error: "the secret cannot be opened with this server's key",
      };
    }
    const { headers, body } = signedRequest(secret, event, now);
    try {
      const response = await this.o.fetch(endpoint.url, { method: 'POST', headers, body });
      const text = await response.text().catch(() => '');
      const ok = response.status >= 200 && response.status < 300;
      return {
        ok,
        status: response.status,
        durationMs: elapsed(),
        excerpt: text.slice(0, EXCERPT_CHARS) || null,
        error: ok ? null : `answered ${response.status}`,
      };
    } catch (error) {
      const message =
        error instanceof Error
          ? error.name === 'TimeoutError' || error.name === 'AbortError'
            ? 'timed out'
            : error.message
          : String(error);
      return { ok: false, status: null, durationMs: elapsed(), excerpt: null, error: message.slice(0, 300) };
    }
  }

  private async record(trx: Trx, delivery: Delivery, endpoint: Endpoint, at: Date, outcome: Outcome) {
    const now = this.o.clock().toISOString();
    const attemptedAt = at.toISOString();
    // Only the process holding the lease records: one whose lease ran out and was taken over
    // (it was too slow) must not write over the newer attempt.
    const current = await trx
      .selectFrom('webhook_deliveries')
      .select(['status', 'lease_until', 'attempts'])
      .where('id', '=', delivery.id)
      .executeTakeFirst();
    if (!current || current.status !== 'pending' || current.lease_until !== delivery.lease_until) return;
    await trx
      .insertInto('webhook_attempts')
      .values({
        id: `wha${newId('transaction').slice('txn'.length)}`,
        reseller_id: delivery.reseller_id,
        delivery_id: delivery.id,
        endpoint_id: endpoint.id,
        attempted_at: attemptedAt,
        ok: outcome.ok ? 1 : 0,
        status: outcome.status,
        duration_ms: outcome.durationMs,
        response_excerpt: outcome.excerpt,
        error: outcome.error,
      })
      .execute();
    const attempts = current.attempts + 1;
    if (outcome.ok) {
      await trx
        .updateTable('webhook_deliveries')
        .set({
          status: 'delivered',
          attempts,
          lease_until: null,
          last_status: outcome.status,
          last_error: null,
          delivered_at: attemptedAt,
          updated_at: now,
        })
        .where('id', '=', delivery.id)
        .execute();
      await trx
        .updateTable('webhook_endpoints')
        .set({ failure_streak: 0, last_success_at: attemptedAt })
        .where('id', '=', endpoint.id)
        .execute();
      return;
    }
    const delay = retryDelayMs(attempts);
    await trx
      .updateTable('webhook_deliveries')
      .set({
        status: delay === null ? 'failed' : 'pending',
        attempts,
        lease_until: null,
        last_status: outcome.status,
        last_error: outcome.error,
        next_attempt_at: new Date(at.getTime() + (delay ?? 0)).toISOString(),
        updated_at: now,
      })
      .where('id', '=', delivery.id)
      .execute();
    const streak = await trx
      .updateTable('webhook_endpoints')
      .set((eb) => ({ failure_streak: eb('failure_streak', '+', 1) }))
      .where('id', '=', endpoint.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    // Given up after every attempt of the schedule failed (about three days): switch the endpoint
    // off and tell the reseller, in the feed and by email.
    if (delay === null && streak.status === 'enabled') await this.disable(trx, streak, now);
  }

  private async disable(trx: Trx, endpoint: Endpoint, now: string) {
    const counts = { attempts: MAX_ATTEMPTS, failures: endpoint.failure_streak };
    // Kept on the endpoint in English, as the API's other reasons are; the email is in each admin's.
    const reason = endpointDisabledReason(textIn('en'), counts);
    const row = await trx
      .updateTable('webhook_endpoints')
      .set({ status: 'disabled', disabled_reason: reason, updated_at: now })
      .where('id', '=', endpoint.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordChanges(trx, now, [webhookEndpointChange(row, 'update')]);
    const admins = await staffRecipients(trx, endpoint.reseller_id, { roles: ['reseller_admin'] });
    await enqueueEmailIn(
      trx,
      endpoint.reseller_id,
      admins,
      (text) => endpointDisabledEmail(text, { url: row.url, endpointId: row.id, ...counts }),
      now,
    );
    this.o.log?.warn({ endpoint: row.id }, 'webhook endpoint disabled after repeated failures');
  }
}
