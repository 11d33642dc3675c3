import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../support/databases.js';
import { call, key, startApi, type TestApi } from '../../support/api.js';
import { pressSandboxButton } from '../../support/payments.js';
import { createTenant, ok, type Tenant } from '../../support/tenants.js';
import { startReceiver, verifyWithReference } from '../../support/webhook-receiver.js';
import { startSmtpSink } from '../../support/smtp-sink.js';
import { EmailSender, EMAIL_RETRY_DELAYS_MS } from '../../../src/server/email/sender.js';
import { enqueueEmail } from '../../../src/server/email/enqueue.js';

/**
 * Paid and failed top-ups raise their webhooks from settle's own transaction, and a paid one sends
 * the payer a receipt through a real SMTP server (started here), as text and HTML, user data escaped.
 */
describe.each(DIALECTS)('top-up events and receipts on %s', (dialect) => {
  let api: TestApi;
  let t: Tenant;
  let smtp: Awaited<ReturnType<typeof startSmtpSink>>;
  let hooks: Awaited<ReturnType<typeof startReceiver>>;
  let secret: string;

  beforeAll(async () => {
    smtp = await startSmtpSink();
    hooks = await startReceiver();
    api = await startApi(dialect, {
      listen: true,
      payments: { credentialsKey: randomBytes(32), jobs: false },
      outbound: { allowPrivateNetworks: true },
      email: { smtpUrl: smtp.url, from: 'Billing <billing@acme.example>' },
    });
    t = await createTenant(api.app, 'Acme');
    const endpoint = await ok(
      call(api.app, 'POST', '/v1/webhook-endpoints', {
        token: t.admin,
        body: { url: hooks.url, events: ['payment.succeeded', 'payment.failed', 'wallet.topped_up'] },
      }),
    );
    secret = endpoint.secret;
  });
  afterAll(async () => {
    await api?.close();
    await hooks?.close();
    await smtp?.close();
  });

  const topUp = async (walletId: string, amount: number) =>
    ok(
      call(api.app, 'POST', `/v1/wallets/${walletId}/top-ups`, {
        token: t.admin,
        key: key(),
        body: { amount, provider: 'sandbox' },
      }),
    );

  it('a paid top-up: payment.succeeded and wallet.topped_up, and a receipt email with text and HTML', async () => {
    const customer = await ok(
      call(api.app, 'POST', '/v1/customers', {
        token: t.admin,
        body: { name: 'Ann <b>& Co</b>', email: 'ann@customer.example' },
      }),
    );
    const wallet = await ok(
      call(api.app, 'POST', `/v1/customers/${customer.id}/wallets`, {
        token: t.admin,
        body: { currency: 'USD' },
      }),
    );
    const created = await topUp(wallet.id, 2_500);
    await pressSandboxButton(created.checkout.url, 'pay');
    await api.app.payments.settled();

    const before = hooks.received.length;
    await api.app.eventJobs.runOnce('webhook-deliveries');
    const events = hooks.received.slice(before).map((r) => verifyWithReference(secret, r)) as any[];
    expect(events.map((e) => e.type)).toEqual(['payment.succeeded', 'wallet.topped_up']);
    expect(events[0].data.payment).toMatchObject({ id: created.id, status: 'paid', amount: 2_500 });
    expect(events[1].data).toMatchObject({
      wallet: { id: wallet.id, balance: 2_500 },
      transaction: { amount: 2_500 },
    });

    await api.app.eventJobs.runOnce('emails');
    await smtp.waitFor(1);
    const mail = smtp.mails.find((m) => m.to.includes('ann@customer.example'));
    expect(mail).toBeDefined();
    expect(mail!.from).toBe('billing@acme.example');
    expect(mail!.subject).toBe('Receipt: $25.00 added to your wallet (test)');
    expect(mail!.text).toContain('Hello Ann <b>& Co</b>,');
    expect(mail!.text).toContain('Amount credited: $25.00');
    expect(mail!.text).toContain(`Payment: ${created.id}`);
    expect(mail!.html).toContain('Hello Ann &#60;b&#62;&#38; Co&#60;/b&#62;,');
    expect(mail!.html).not.toContain('<b>&');
    expect(mail!.html).toContain('$25.00');
    const rows = await api.db.store.db.selectFrom('emails').select(['status', 'attempts']).execute();
    expect(rows.filter((r) => r.status === 'sent').length).toBeGreaterThanOrEqual(1);
  });

  it('a declined top-up: payment.failed', async () => {
    const created = await topUp(t.walletId, 1_000);
    await pressSandboxButton(created.checkout.url, 'decline');
    await api.app.payments.settled();
    const before = hooks.received.length;
    await api.app.eventJobs.runOnce('webhook-deliveries');
    const events = hooks.received.slice(before).map((r) => verifyWithReference(secret, r)) as any[];
    expect(events.map((e) => [e.type, e.data.payment.id, e.data.payment.status])).toEqual([
      ['payment.failed', created.id, 'failed'],
    ]);
  });

  it('an email the SMTP server refuses for now is sent again on the retry schedule', async () => {
    const flaky = await startSmtpSink({ refuseFirst: 1 });
    let now = new Date();
    const sender = new EmailSender({
      store: api.db.store,
      clock: () => now,
      smtpUrl: flaky.url,
      from: 'b@acme.example',
    });
    try {
      await api.db.store.write((trx) =>
        enqueueEmail(
          trx,
          t.resellerId,
          { to: ['retry@customer.example'], subject: 'Retry me', text: 'Body', html: '<p>Body</p>' },
          now.toISOString(),
        ),
      );
      expect(await sender.run()).toBe(0);
      const row = () =>
        api.db.store.db
          .selectFrom('emails')
          .selectAll()
          .where('subject', '=', 'Retry me')
          .executeTakeFirstOrThrow();
      expect(await row()).toMatchObject({ status: 'queued', attempts: 1 });
      expect((await row()).last_error).toMatch(/451|try again/);
      expect(await sender.run()).toBe(0); // not due yet
      now = new Date(now.getTime() + EMAIL_RETRY_DELAYS_MS[0]!);
      expect(await sender.run()).toBe(1);
      expect(await row()).toMatchObject({ status: 'sent', attempts: 2 });
      expect(flaky.mails.map((m) => [m.to, m.subject, m.text, m.html])).toEqual([
        [['retry@customer.example'], 'Retry me', 'Body', '<p>Body</p>'],
      ]);
    } finally {
      sender.close();
      await flaky.close();
    }
  });
});
