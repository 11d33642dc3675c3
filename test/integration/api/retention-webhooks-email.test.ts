import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enqueueEmail } from '../../../src/server/email/enqueue.js';
import { Pruner } from '../../../src/server/services/retention/pruner.js';
import { call, key, startApi, type TestApi } from '../../support/api.js';
import { DIALECTS } from '../../support/databases.js';
import { startSmtpSink } from '../../support/smtp-sink.js';
import { createTenant, manualClock, ok, type Tenant } from '../../support/tenants.js';
import { startReceiver, verifyWithReference } from '../../support/webhook-receiver.js';

const DAY = 86_400_000;

/**
 * The pruning job forgets delivered webhooks (with their attempt logs) and sent emails once they
 * are older than their retention (30 days by default), and never what is still to be sent: a
 * receiver that was down for the whole month still gets its events afterwards, in order.
 */
describe.each(DIALECTS)('webhook and email retention on %s', (dialect) => {
  let api: TestApi;
  let t: Tenant;
  let up: Awaited<ReturnType<typeof startReceiver>>;
  let down: Awaited<ReturnType<typeof startReceiver>>;
  let smtp: Awaited<ReturnType<typeof startSmtpSink>>;
  let downIsUp = false;
  const clock = manualClock('2030-05-01T08:00:00.000Z');

  beforeAll(async () => {
    up = await startReceiver();
    down = await startReceiver(() => (downIsUp ? 200 : 503));
    smtp = await startSmtpSink();
    api = await startApi(dialect, {
      clock: clock.now,
      outbound: { allowPrivateNetworks: true },
      webhooks: { jobs: false, secretsKey: randomBytes(32) },
      email: { smtpUrl: smtp.url, from: 'b@acme.example' },
    });
    t = await createTenant(api.app, 'Acme');
  });
  afterAll(async () => {
    await api?.close();
    await Promise.all([up?.close(), down?.close(), smtp?.close()]);
  });

  const endpoint = (url: string) =>
    ok(
      call(api.app, 'POST', '/v1/webhook-endpoints', {
        token: t.admin,
        body: { url, events: ['wallet.payment_made'] },
      }),
    );
  const debit = (description: string) =>
    ok(
      call(api.app, 'POST', `/v1/wallets/${t.walletId}/debits`, {
        token: t.admin,
        key: key(),
        body: { amount: 10, description },
      }),
    );
  const deliveries = async (endpointId: string) =>
    (await ok(call(api.app, 'GET', `/v1/webhook-endpoints/${endpointId}/deliveries`, { token: t.admin })))
      .items as Array<{ id: string; status: string; attempts: unknown }>;
  const count = async (table: 'webhook_attempts' | 'webhook_events' | 'emails') =>
    Number(
      (
        await api.db.store.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const email = (subject: string) =>
    api.db.store.write((trx) =>
      enqueueEmail(
        trx,
        t.resellerId,
        { to: ['ops@acme.example'], subject, text: subject, html: `<p>${subject}</p>` },
        clock.iso(),
      ),
    );
  const emailSubjects = async () =>
    (
      await api.db.store.db.selectFrom('emails').select(['subject', 'status']).orderBy('subject').execute()
    ).map((e) => [e.subject, e.status]);

  it('deletes delivered deliveries, their attempts and sent emails past 30 days; keeps the young and the undelivered', async () => {
    const healthy = await endpoint(up.url);
    const broken = await endpoint(down.url);
    await debit('Old 1');
    await debit('Old 2');
    await api.app.eventJobs.runOnce('webhook-deliveries');
    expect(up.received).toHaveLength(2);
    expect((await deliveries(healthy.id)).map((d) => d.status)).toEqual(['delivered', 'delivered']);
    expect((await deliveries(broken.id)).map((d) => d.status)).toEqual(['pending', 'pending']);
    await email('Old sent');
    await api.app.eventJobs.runOnce('emails');
    await smtp.waitFor(1);

    clock.advance(20 * DAY);
    await debit('Young');
    await api.app.eventJobs.runOnce('webhook-deliveries');
    await email('Young sent');
    await api.app.eventJobs.runOnce('emails');
    await smtp.waitFor(2);
    // An email the SMTP server has not taken yet (the job did not run): queued, as old as the rest.
    clock.advance(-20 * DAY);
    await email('Old queued');
    clock.advance(20 * DAY);

    const attemptsBefore = await count('webhook_attempts');
    // Events no endpoint listened to (the tenant's own records, made before the endpoints existed).
    const unheard = Number(
      (
        await api.db.store.db
          .selectFrom('webhook_events as e')
          .select((eb) => eb.fn.countAll().as('n'))
          .where(({ not, exists, selectFrom }) =>
            not(
              exists(
                selectFrom('webhook_deliveries as d').select('d.id').whereRef('d.event_id', '=', 'e.id'),
              ),
            ),
          )
          .executeTakeFirstOrThrow()
      ).n,
    );
    expect(unheard).toBeGreaterThan(0);
    clock.advance(11 * DAY); // the first batch is 31 days old, the young one 11
    const report = await new Pruner(api.db.store, clock.now).run();
    expect(report).toMatchObject({ webhookDeliveries: 2, webhookEvents: unheard, emails: 1 });

    const kept = await deliveries(healthy.id);
    expect(kept.map((d) => d.status)).toEqual(['delivered']);
    expect((await deliveries(broken.id)).map((d) => d.status)).toEqual(['pending', 'pending', 'pending']);
    // Two attempts (one per old delivery to the healthy endpoint) went with their deliveries.
    expect(await count('webhook_attempts')).toBe(attemptsBefore - 2);
    // Every event is still named by the broken endpoint's pending deliveries.
    expect(await count('webhook_events')).toBe(3);
    expect(await emailSubjects()).toEqual([
      ['Old queued', 'queued'],
      ['Young sent', 'sent'],
    ]);

    // The receiver comes back after a month: nothing was lost, in order, signatures good.
    downIsUp = true;
    const before = down.received.length;
    for (let run = 0; run < 5 && down.received.length < before + 3; run++) {
      await api.app.eventJobs.runOnce('webhook-deliveries');
    }
    const late = down.received.slice(before).map((r) => verifyWithReference(broken.secret, r) as any);
    expect(late.map((e) => e.data.transaction.description)).toEqual(['Old 1', 'Old 2', 'Young']);

    // Once delivered and old enough, those go too, and then the events no delivery names.
    clock.advance(31 * DAY);
    const second = await new Pruner(api.db.store, clock.now).run();
    expect(second).toMatchObject({ webhookDeliveries: 4, webhookEvents: 3 });
    expect(await deliveries(healthy.id)).toEqual([]);
    expect(await deliveries(broken.id)).toEqual([]);
    expect(await count('webhook_attempts')).toBe(0);
    expect(await count('webhook_events')).toBe(0);
    expect(await emailSubjects()).toEqual([['Old queued', 'queued']]);
  });
});
