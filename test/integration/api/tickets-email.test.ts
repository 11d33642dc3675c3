import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, key, startApi, type TestApi } from '../../support/api.js';
import { DIALECTS } from '../../support/databases.js';
import { startSmtpSink } from '../../support/smtp-sink.js';
import { createTenant, ok, type Tenant } from '../../support/tenants.js';

/**
 * Ticket notices end to end: a real SMTP server on 127.0.0.1 receives the customer's new ticket at
 * the reseller's staff addresses, and the staff's answer at the customer's address, each carrying
 * the ticket id in the subject and the message itself in the text and HTML.
 */
describe.each(DIALECTS)('ticket emails through SMTP on %s', (dialect) => {
  let api: TestApi;
  let t: Tenant;
  let smtp: Awaited<ReturnType<typeof startSmtpSink>>;

  beforeAll(async () => {
    smtp = await startSmtpSink();
    api = await startApi(dialect, {
      listen: true,
      payments: { credentialsKey: randomBytes(32), jobs: false },
      email: { smtpUrl: smtp.url, from: 'Support <support@desk.example>' },
    });
    t = await createTenant(api.app, 'Mailco');
  });
  afterAll(async () => {
    await api?.close();
    await smtp?.close();
  });

  /** Sends what the email job has queued; answers the mails that arrived since `from`. */
  const deliver = async (from: number) => {
    await api.app.eventJobs.runOnce('emails');
    return smtp.mails.slice(from);
  };

  it("a customer's new ticket reaches every active admin and agent; the staff answer reaches the customer", async () => {
    const users = (await ok(call(api.app, 'GET', '/v1/users', { token: t.admin }))).items as Array<{
      email: string;
      role: string;
      disabled: boolean;
    }>;
    const staff = users.filter((u) => u.role !== 'customer' && !u.disabled).map((u) => u.email);
    const customer = await ok(call(api.app, 'GET', `/v1/customers/${t.customerId}`, { token: t.admin }));

    const sent = smtp.mails.length;
    const ticket = await ok(
      call(api.app, 'POST', '/v1/tickets', {
        token: t.customer,
        key: key('ticket'),
        body: { subject: 'Top-up <missing>', message: 'I paid 50.00 USD at 09:15 and see nothing.' },
      }),
    );
    const [toStaff, ...noMore] = await deliver(sent);
    expect(noMore).toEqual([]);
    expect(toStaff!.from).toBe('support@desk.example');
    expect([...toStaff!.to].sort()).toEqual([...staff].sort());
    expect(toStaff!.to).not.toContain(customer.email);
    expect(toStaff!.subject).toBe(`[${ticket.id}] Top-up <missing>`);
    expect(toStaff!.text).toContain('I paid 50.00 USD at 09:15 and see nothing.');
    expect(toStaff!.html).toContain('<p>I paid 50.00 USD at 09:15 and see nothing.</p>');

    const answered = smtp.mails.length;
    await ok(
      call(api.app, 'POST', `/v1/tickets/${ticket.id}/messages`, {
        token: t.support,
        body: { message: 'Found it: the bank confirmed it a minute ago.' },
      }),
    );
    const [toCustomer, ...none] = await deliver(answered);
    expect(none).toEqual([]);
    expect(toCustomer!.to).toEqual([customer.email]);
    expect(toCustomer!.subject).toBe(`[${ticket.id}] Top-up <missing>`);
    expect(toCustomer!.text).toMatch(/support-.*@example\.com wrote:\s+Found it: the bank confirmed it/);
    expect(toCustomer!.html).toContain('<blockquote><p>Found it: the bank confirmed it a minute ago.</p>');
  });
});
