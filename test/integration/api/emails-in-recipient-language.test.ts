import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, key, startApi, type TestApi } from '../../support/api.js';
import { DIALECTS } from '../../support/databases.js';
import { pressSandboxButton } from '../../support/payments.js';
import { startSmtpSink, type ReceivedMail } from '../../support/smtp-sink.js';
import { createTenant, login, ok, PASSWORD, type Tenant } from '../../support/tenants.js';

/** Intl puts a no-break space between an amount and "₫"; a reader sees a space. */
const spaced = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

/**
 * Every email in its recipient's language, through a real SMTP server on 127.0.0.1: a customer's in
 * the customer's (its admin's choice, or its login's switch), a staff notice in each staff user's
 * own (PUT /v1/me/language, what the console's switch sends). English recipients get what they
 * always got.
 */
describe.each(DIALECTS)('emails in the recipient language on %s', (dialect) => {
  let api: TestApi;
  let t: Tenant;
  let smtp: Awaited<ReturnType<typeof startSmtpSink>>;

  beforeAll(async () => {
    smtp = await startSmtpSink();
    api = await startApi(dialect, {
      listen: true,
      payments: { credentialsKey: randomBytes(32), jobs: false },
      email: { smtpUrl: smtp.url, from: 'Billing <billing@langs.example>' },
    });
    t = await createTenant(api.app, 'Langmail');
  });
  afterAll(async () => {
    await api?.close();
    await smtp?.close();
  });

  /** Sends what the email job queued; answers the mails that arrived since `from`. */
  const deliver = async (from: number): Promise<ReceivedMail[]> => {
    await api.app.eventJobs.runOnce('emails');
    return smtp.mails.slice(from);
  };

  const customerWith = async (name: string, language?: 'en' | 'vi') =>
    ok(
      call(api.app, 'POST', '/v1/customers', {
        token: t.admin,
        body: { name, email: `${key('c')}@customer.example`, ...(language ? { language } : {}) },
      }),
    );

  const paidTopUp = async (customerId: string, currency: string, amount: number) => {
    const wallet = await ok(
      call(api.app, 'POST', `/v1/customers/${customerId}/wallets`, { token: t.admin, body: { currency } }),
    );
    const created = await ok(
      call(api.app, 'POST', `/v1/wallets/${wallet.id}/top-ups`, {
        token: t.admin,
        key: key(),
        body: { amount, provider: 'sandbox' },
      }),
    );
    await pressSandboxButton(created.checkout.url, 'pay');
    await api.app.payments.settled();
    return { walletId: wallet.id as string, paymentId: created.id as string };
  };

  it("a Vietnamese customer's receipt arrives in Vietnamese with Vietnamese amounts; an English one as before", async () => {
    const lan = await customerWith('Nguyễn Thị Lan', 'vi');
    const ann = await customerWith('Ann');
    const sent = smtp.mails.length;
    const vnd = await paidTopUp(lan.id, 'VND', 1_500_000);
    const usd = await paidTopUp(ann.id, 'USD', 2_500);
    const mails = await deliver(sent);

    const vi = mails.find((m) => m.to.includes(lan.email))!;
    expect(spaced(vi.subject)).toBe('Biên nhận: 1.500.000 ₫ đã được nạp vào ví của bạn (thử nghiệm)');
    const viText = spaced(vi.text);
    expect(viText).toContain('Xin chào Nguyễn Thị Lan,');
    expect(viText).toContain('Langmail đã nhận khoản nạp tiền của bạn (chế độ thử nghiệm');
    expect(viText).toContain('Số tiền đã ghi có: 1.500.000 ₫');
    expect(viText).toContain(`Mã thanh toán: ${vnd.paymentId}`);
    expect(viText).toMatch(/Thanh toán lúc: \d{2}:\d{2} \d{2}\/\d{2}\/\d{4} \(UTC\)/);
    expect(spaced(vi.html)).toContain('<th align="left">Số tiền đã ghi có</th><td>1.500.000 ₫</td>');
    expect(viText).not.toMatch(/Receipt|Amount credited|₫1,500,000/);

    const en = mails.find((m) => m.to.includes(ann.email))!;
    expect(en.subject).toBe('Receipt: $25.00 added to your wallet (test)');
    expect(en.text).toContain('Hello Ann,');
    expect(en.text).toContain('Amount credited: $25.00');
    expect(en.text).toContain(`Payment: ${usd.paymentId}`);
    expect(en.text).toMatch(/Paid at: \d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z/);
  });

  it("a low-balance alert to a customer's address reads in the customer's language, to a staff address in that user's", async () => {
    const minh = await customerWith('Trần Minh', 'vi');
    const { walletId } = await paidTopUp(minh.id, 'VND', 2_000_000);
    await deliver(smtp.mails.length); // its receipt
    const agentEmail = `agent-${key()}@staff.example`;
    await ok(
      call(api.app, 'POST', '/v1/users', {
        token: t.admin,
        body: { email: agentEmail, password: PASSWORD, role: 'support_agent' },
      }),
    );
    await ok(
      call(api.app, 'PUT', '/v1/me/language', {
        token: await login(api.app, agentEmail),
        body: { language: 'en' },
      }),
    );
    await ok(
      call(api.app, 'PUT', `/v1/wallets/${walletId}/alert-settings`, {
        token: t.admin,
        body: { threshold: 1_000_000, channels: ['email'], emails: [minh.email, agentEmail] },
      }),
    );
    const sent = smtp.mails.length;
    await ok(
      call(api.app, 'POST', `/v1/wallets/${walletId}/debits`, {
        token: t.admin,
        key: key(),
        body: { amount: 1_500_000, description: 'usage' },
      }),
    );
    const mails = await deliver(sent);
    expect(mails.map((m) => m.to)).toEqual(expect.arrayContaining([[minh.email], [agentEmail]]));
    const vi = mails.find((m) => m.to.includes(minh.email))!;
    expect(spaced(vi.subject)).toBe(`Số dư thấp: ví ${walletId} (khả dụng 500.000 ₫)`);
    expect(spaced(vi.text)).toMatch(/^Số dư khả dụng 500\.000 ₫ thấp hơn 1\.000\.000 ₫\r?\n/);
    const en = mails.find((m) => m.to.includes(agentEmail))!;
    expect(en.subject).toBe(`Low balance: wallet ${walletId} (₫500,000 available)`);
    expect(en.text).toMatch(/^Available balance ₫500,000 is below ₫1,000,000\r?\n/);
  });

  it("a ticket notice reaches each staff user in their own language, and the answer the customer in the customer's", async () => {
    const users = (await ok(call(api.app, 'GET', '/v1/users', { token: t.admin }))).items as Array<{
      email: string;
      role: string;
      status: string;
    }>;
    const staff = users.filter((u) => u.role !== 'customer' && u.status === 'active').map((u) => u.email);
    const agentEmail = `vi-agent-${key()}@staff.example`;
    await ok(
      call(api.app, 'POST', '/v1/users', {
        token: t.admin,
        body: { email: agentEmail, password: PASSWORD, role: 'support_agent' },
      }),
    );
    const agent = await login(api.app, agentEmail);
    await ok(call(api.app, 'PUT', '/v1/me/language', { token: agent, body: { language: 'vi' } }));
    // The customer's login switches to Vietnamese: its customer (no admin choice) follows.
    await ok(call(api.app, 'PUT', '/v1/me/language', { token: t.customer, body: { language: 'vi' } }));
    const customer = await ok(call(api.app, 'GET', `/v1/customers/${t.customerId}`, { token: t.admin }));
    expect(customer.language).toBe('vi');

    const sent = smtp.mails.length;
    const ticket = await ok(
      call(api.app, 'POST', '/v1/tickets', {
        token: t.customer,
        key: key('ticket'),
        body: { subject: 'Nạp tiền chưa vào', message: 'Tôi đã chuyển 500.000 ₫ lúc 09:15.' },
      }),
    );
    const notices = await deliver(sent);
    expect(notices).toHaveLength(2);
    const toVi = notices.find((m) => m.to.includes(agentEmail))!;
    expect(toVi.to).toEqual([agentEmail]);
    expect(toVi.subject).toBe(`[${ticket.id}] Nạp tiền chưa vào`);
    expect(toVi.text).toContain('đã viết:');
    expect(toVi.text).toContain('Hãy trả lời từ hàng đợi hỗ trợ trong bảng điều khiển (Yêu cầu hỗ trợ).');
    const toEn = notices.find((m) => !m.to.includes(agentEmail))!;
    expect([...toEn.to].sort()).toEqual([...staff].sort());
    expect(toEn.text).toContain('wrote:');
    expect(toEn.text).toContain('Answer it from the support queue in the console (Tickets).');

    const answered = smtp.mails.length;
    await ok(
      call(api.app, 'POST', `/v1/tickets/${ticket.id}/messages`, {
        token: t.support,
        body: { message: 'Đã tìm thấy, ngân hàng vừa xác nhận.' },
      }),
    );
    const [toCustomer, ...none] = await deliver(answered);
    expect(none).toEqual([]);
    expect(toCustomer!.to).toEqual([customer.email]);
    expect(toCustomer!.text).toContain('Hãy trả lời trong mục Yêu cầu hỗ trợ của bảng điều khiển');
    expect(toCustomer!.text).not.toContain('Answer it');
  });
});
