import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { changeRows } from '../../src/server/sync/record.js';
import { Sequencer } from '../../src/server/sync/sequencer.js';
import { call, key } from '../support/api.js';
import { DIALECTS } from '../support/databases.js';
import { startObservedApi, sample, type ObservedApi } from '../support/observed-api.js';
import { signedSandboxEvent, sandboxEventId, useKnownSandboxSecret } from '../support/payments.js';
import { createTenant, ok, type Tenant } from '../support/tenants.js';

/** Webhook deliveries, job runs and lag, feed lag and the pool: each appears and moves with its event. */
describe.each(DIALECTS)('background metrics on %s', (dialect) => {
  let api: ObservedApi;
  let t: Tenant;
  let now = new Date('2026-12-01T10:00:00.000Z');
  const clock = () => now;

  beforeEach(async () => {
    now = new Date('2026-12-01T10:00:00.000Z');
    // Events wait for the job, so its lag can be seen.
    api = await startObservedApi(dialect, { clock, payments: { processInline: false } });
    t = await createTenant(api.app, 'Metrics');
    await useKnownSandboxSecret(api.app, t.admin);
  });
  afterEach(() => api.close());

  /** A signed event about a payment nobody has: stored, then processed as unmatched. */
  const event = (options: { secret?: string; id?: string } = {}) =>
    signedSandboxEvent(
      { id: options.id ?? sandboxEventId(), type: 'checkout.paid', checkout: 'sbco_none', reference: 'none' },
      { at: now, ...(options.secret ? { secret: options.secret } : {}) },
    );
  const deliver = (delivery: { body: string; headers: Record<string, string> }, provider = 'sandbox') =>
    call(api.app, 'POST', `/v1/webhooks/${provider}/${t.resellerId}`, {
      rawBody: delivery.body,
      headers: delivery.headers,
    });

  it('counts webhook deliveries by provider and outcome, and refusals as failures', async () => {
    const first = event();
    expect((await deliver(first)).status).toBe(200);
    expect((await deliver(first)).status).toBe(200);
    expect((await deliver(event({ secret: 'sbwhsec_wrong_secret_0000000000' }))).status).toBe(401);
    expect((await deliver(event(), 'nosuchgateway')).status).toBe(404);

    const text = await api.scrape();
    expect(sample(text, 'gateway_webhook_deliveries_total{provider="sandbox",outcome="accepted"}')).toBe(1);
    expect(sample(text, 'gateway_webhook_deliveries_total{provider="sandbox",outcome="duplicate"}')).toBe(1);
    expect(sample(text, 'gateway_webhook_deliveries_total{provider="sandbox",outcome="bad_signature"}')).toBe(
      1,
    );
    expect(sample(text, 'gateway_webhook_failures_total{provider="sandbox",reason="bad_signature"}')).toBe(1);
    expect(
      sample(text, 'gateway_webhook_failures_total{provider="(unknown)",reason="unknown_endpoint"}'),
    ).toBe(1);
    expect(text).not.toContain('nosuchgateway');
    expect(text).not.toContain(t.resellerId);
  });

  it('shows the events job’s backlog and lag, its runs, and the time since it last succeeded', async () => {
    const before = await api.scrape();
    expect(sample(before, 'gateway_events_unprocessed')).toBe(0);
    expect(sample(before, 'gateway_events_oldest_unprocessed_age_seconds')).toBe(0);
    expect(before).not.toContain('job_seconds_since_last_success{');

    expect((await deliver(event())).status).toBe(200);
    now = new Date(now.getTime() + 30_000);
    const waiting = await api.scrape();
    expect(sample(waiting, 'gateway_events_unprocessed')).toBe(1);
    expect(sample(waiting, 'gateway_events_oldest_unprocessed_age_seconds')).toBe(30);

    await api.app.paymentJobs.runOnce('gateway-events');
    now = new Date(now.getTime() + 5_000);
    const after = await api.scrape();
    expect(sample(after, 'gateway_events_unprocessed')).toBe(0);
    expect(sample(after, 'gateway_events_oldest_unprocessed_age_seconds')).toBe(0);
    expect(sample(after, 'job_runs_total{job="gateway-events",outcome="ok"}')).toBe(1);
    expect(sample(after, 'job_run_duration_seconds_count{job="gateway-events"}')).toBe(1);
    expect(sample(after, 'job_seconds_since_last_success{job="gateway-events"}')).toBe(5);
  });

  it('shows the change feed’s lag while the sequencer has not numbered a change', async () => {
    await api.app.sequencer.flush();
    let numbered = sample(await api.scrape(), 'feed_newest_seq')!;
    expect(numbered).toBeGreaterThan(0);
    // No sequencer runs now: on PostgreSQL the next write's changes wait unnumbered.
    await api.app.sequencer.stop();
    await ok(
      call(api.app, 'POST', `/v1/wallets/${t.walletId}/credits`, {
        token: t.admin,
        key: key(),
        body: { amount: 100, description: 'lagging' },
      }),
    );
    if (dialect === 'sqlite') {
      // A group commit numbers its rows as it inserts them: the credit is in the feed already.
      const credited = sample(await api.scrape(), 'feed_newest_seq')!;
      expect(credited).toBeGreaterThan(numbered);
      numbered = credited;
      // A row written outside a group commit waits for the sequencer, as every row does on PostgreSQL.
      const change = { resellerId: t.resellerId, customerId: null, entity: 'customer' as const };
      await api.db.store.db
        .insertInto('changes')
        .values(changeRows(now.toISOString(), [{ ...change, id: 'cus_outside', op: 'update', data: {} }]))
        .execute();
    }
    now = new Date(now.getTime() + 12_000);
    const lagging = await api.scrape();
    expect(sample(lagging, 'feed_unnumbered_changes')).toBeGreaterThan(0);
    expect(sample(lagging, 'feed_oldest_unnumbered_change_age_seconds')).toBe(12);
    expect(sample(lagging, 'feed_newest_seq')).toBe(numbered);

    await new Sequencer(api.db.store).flush();
    const caught = await api.scrape();
    expect(sample(caught, 'feed_unnumbered_changes')).toBe(0);
    expect(sample(caught, 'feed_oldest_unnumbered_change_age_seconds')).toBe(0);
    expect(sample(caught, 'feed_newest_seq')).toBeGreaterThan(numbered);
  });

  it(`reports the database pool ${dialect === 'postgres' ? 'by state' : 'not at all (SQLite has none)'}`, async () => {
    const text = await api.scrape();
    if (dialect === 'sqlite') {
      expect(text).not.toContain('db_pool_connections');
      return;
    }
    expect(sample(text, 'db_pool_connections{state="total"}')).toBeGreaterThan(0);
    expect(sample(text, 'db_pool_connections{state="idle"}')).toBeGreaterThanOrEqual(0);
    // The scrape's own backlog read may be waiting for a connection while the pool is sampled.
    expect(sample(text, 'db_pool_connections{state="waiting"}')).toBeGreaterThanOrEqual(0);
  });
});
