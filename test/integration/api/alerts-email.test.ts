import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, key, startApi, type TestApi } from '../../support/api.js';
import { DIALECTS } from '../../support/databases.js';
import { pressSandboxButton } from '../../support/payments.js';
import { startSmtpSink } from '../../support/smtp-sink.js';
import { createTenant, manualClock, ok, type Tenant } from '../../support/tenants.js';

/**
 * Alert emails end to end: a real SMTP server on 127.0.0.1 receives the low-balance, recovered and
 * auto-top-up-failed alerts at the addresses the wallet's alert settings name, as text and HTML,
 * amounts formatted in the wallet's currency.
 */
describe.each(DIALECTS)('alert emails through SMTP on %s', (dialect) => {
  let api: TestApi;
  let t: Tenant;
  let smtp: Awaited<ReturnType<typeof startSmtpSink>>;
  const clock = manualClock('2031-06-01T00:00:00.000Z');
  const OPS = 'ops@refill.example';

  beforeAll(async () => {
    smtp = await startSmtpSink();
    api = await startApi(dialect, {
      listen: true,
      clock: clock.now,
      payments: { credentialsKey: randomBytes(32), jobs: false },
      email: { smtpUrl: smtp.url, from: 'Alerts <alerts@refill.example>' },
    });
    t = await createTenant(api.app, 'Refillco');
  });
  afterAll(async () => {
    await api?.close();
    await smtp?.close();
  });

  const available = async () =>
    (await ok(call(api.app, 'GET', `/v1/wallets/${t.walletId}`, { token: t.admin })))
      .availableBalance as number;
  const move = (kind: 'debits' | 'credits', amount: number) =>
    ok(
      call(api.app, 'POST', `/v1/wallets/${t.walletId}/${kind}`, {
        token: t.admin,
        key: key(),
        body: { amount, description: 'usage' },
      }),
    );
  const usd = (minor: number) => `$${(minor / 100).toFixed(2).replace(/\B(?=(\d{3})+(?!\d))/g, ',')}`;
  /** Sends what the email job has queued and answers every mail the SMTP server got for ops. */
  const opsMail = async () => {
    await api.app.eventJobs.runOnce('emails');
    return smtp.mails.filter((m) => m.to.includes(OPS));
  };

  it('low balance once per crossing, recovered once, each as text and HTML with formatted amounts', async () => {
    const start = await available();
    const threshold = start - 1_000;
    await ok(
      call(api.app, 'PUT', `/v1/wallets/${t.walletId}/alert-settings`, {
        token: t.admin,
        body: { threshold, channels: ['email'], emails: [OPS] },
      }),
    );
    await move('debits', 1_500);
    await move('debits', 100); // still below: no second alert
    const [low, ...noMore] = await opsMail();
    expect(noMore).toEqual([]);
    const left = start - 1_600;
    expect(low!.from).toBe('alerts@refill.example');
    expect(low!.subject).toBe(`Low balance: wallet ${t.walletId} (${usd(start - 1_500)} available)`);
    expect(low!.text).toContain(`Available balance ${usd(start - 1_500)} is below ${usd(threshold)}`);
    expect(low!.text).toContain(`Wallet: ${t.walletId}`);
    expect(low!.html).toContain(`is below ${usd(threshold)}`);

    await move('credits', 5_000);
    const mails = await opsMail();
    expect(mails.map((m) => m.subject)).toEqual([
      low!.subject,
      `Balance recovered: wallet ${t.walletId} (${usd(left + 5_000)} available)`,
    ]);
    expect(mails[1]!.text).toContain(`Available balance recovered to ${usd(left + 5_000)}`);
    expect(mails[1]!.html).toContain(`<p>Available balance recovered to ${usd(left + 5_000)}</p>`);
  });

  it('an auto top-up that fails is an email to the same addresses, with the reason', async () => {
    const payer = await ok(
      call(api.app, 'POST', `/v1/customers/${t.customerId}/payers`, { token: t.admin, body: { name: 'AP' } }),
    );
    const first = await ok(
      call(api.app, 'POST', `/v1/wallets/${t.walletId}/top-ups`, {
        token: t.admin,
        key: key(),
        body: { amount: 1_000, provider: 'sandbox', payerId: payer.id, saveMethod: true },
      }),
    );
    await pressSandboxButton(first.checkout.url, 'pay');
    await api.app.payments.settled();
    const before = (await opsMail()).length;
    const start = await available();
    await ok(
      call(api.app, 'PUT', `/v1/wallets/${t.walletId}/auto-top-up`, {
        token: t.admin,
        body: { enabled: true, threshold: start, amount: 5_000, paymentMethodId: first.savesMethodId },
      }),
    );
    // The reseller then lowers the maximum top-up below the saved auto amount (a save outside the
    // limits is refused): the charge is refused, as any top-up would be.
    await ok(
      call(api.app, 'PATCH', '/v1/payment-settings', {
        token: t.admin,
        body: { limits: [{ currency: 'USD', minAmount: 100, maxAmount: 1_000, presets: [] }] },
      }),
    );
    await move('debits', 100);
    await api.app.autoTopUps.run();
    const fresh = (await opsMail()).slice(before);
    const failed = fresh.filter((m) => m.subject.startsWith('Auto top-up failed'));
    expect(failed).toHaveLength(1);
    expect(failed[0]!.subject).toBe(
      `Auto top-up failed: wallet ${t.walletId} (${usd(start - 100)} available)`,
    );
    expect(failed[0]!.text).toMatch(/must be between/);
    expect(failed[0]!.html).toMatch(/must be between/);
  });

  it('to a Vietnamese customer a failed auto top-up reads in Vietnamese: its amount, its next try as a date, no raw timestamp, and when it is switched off', async () => {
    const customerPath = `/v1/customers/${t.customerId}`;
    await ok(call(api.app, 'PATCH', customerPath, { token: t.admin, body: { language: 'vi' } }));
    const autoTopUp = () =>
      ok(call(api.app, 'GET', `/v1/wallets/${t.walletId}/auto-top-up`, { token: t.admin }));
    // Intl puts no-break spaces in Vietnamese amounts; read them as spaces.
    const plain = (s: string) => s.replace(/\u00a0|\u202f/g, ' ');
    const viUsd = (minor: number) =>
      plain(new Intl.NumberFormat('vi-VN', { style: 'currency', currency: 'USD' }).format(minor / 100));
    const amount = viUsd(5_000);
    const isoMoment = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;
    const failOnce = async () => {
      const { nextAttemptAt } = (await autoTopUp()) as { nextAttemptAt: string };
      // A day later: past the backoff, and under a fresh day's cap of attempts.
      clock.advance(Date.parse(nextAttemptAt) - clock.now().getTime() + 24 * 60 * 60_000);
      const before = (await opsMail()).length;
      await api.app.autoTopUps.run();
      const fresh = (await opsMail()).slice(before);
      expect(fresh.map((m) => m.subject)).toEqual([
        expect.stringMatching(new RegExp(`^Tự động nạp tiền thất bại: ví ${t.walletId} `)),
      ]);
      return {
        mail: fresh[0]!,
        after: (await autoTopUp()) as { nextAttemptAt: string | null; consecutiveFailures: number },
      };
    };
    try {
      const { mail, after } = await failOnce();
      const next = after.nextAttemptAt!;
      // "HH:MM DD/MM/YYYY (UTC)", as the other Vietnamese emails give a moment.
      const [day, time] = [next.slice(0, 10).split('-').reverse().join('/'), next.slice(11, 16)];
      for (const body of [plain(mail.text), plain(mail.html)]) {
        expect(body).toContain(`Tự động nạp ${amount} thất bại:`);
        expect(body).toContain(`Lần thử tiếp theo: ${time} ${day} (UTC)`);
        expect(body).not.toMatch(isoMoment);
        expect(body).not.toContain('Auto top-up of');
        // The charge's error too: the limit that refused it, in Vietnamese with Vietnamese amounts.
        expect(body).toContain(`thất bại: Số tiền nạp phải từ ${viUsd(100)} đến ${viUsd(1_000)}.`);
        expect(body).not.toContain('must be between');
      }
      let last = mail;
      // MAX_FAILURES in a row switch it off; the bound only keeps a regression from looping.
      for (let i = 0; i < 10 && (await autoTopUp()).enabled; i++) last = (await failOnce()).mail;
      const { consecutiveFailures } = (await autoTopUp()) as { consecutiveFailures: number };
      expect(plain(last.text)).toContain(`Đã tắt sau ${consecutiveFailures} lần trừ tiền thất bại liên tiếp`);
      expect(plain(last.text)).not.toMatch(isoMoment);
      expect(plain(last.text)).not.toContain('Switched off');
      expect(plain(last.text)).not.toContain('must be between');
    } finally {
      await ok(call(api.app, 'PATCH', customerPath, { token: t.admin, body: { language: 'en' } }));
    }
  });

  it('lowering the alert line below the balance clears the alert quietly: no "recovered" on any channel', async () => {
    const start = await available();
    const settings = (threshold: number) =>
      ok(
        call(api.app, 'PUT', `/v1/wallets/${t.walletId}/alert-settings`, {
          token: t.admin,
          body: { threshold, channels: ['desktop', 'email', 'webhook'], emails: [OPS] },
        }),
      );
    const recovered = async () => {
      const alerts = await ok(call(api.app, 'GET', `/v1/wallets/${t.walletId}/alerts`, { token: t.admin }));
      const events = await api.db.store.db
        .selectFrom('webhook_events')
        .select('type')
        .where('type', '=', 'wallet.balance_recovered')
        .execute();
      return {
        desktop: alerts.items.filter((a: any) => a.type === 'wallet.balance_recovered').length,
        webhooks: events.length,
        emails: (await opsMail()).filter((m) => m.subject.startsWith('Balance recovered')).length,
      };
    };
    const before = await recovered();
    // A line above the balance: the wallet is low now (one alert)...
    expect(await settings(start + 1_000)).toMatchObject({ state: 'low' });
    // ...and lowering the line below the balance clears it, though no money came in.
    expect(await settings(start - 1_000)).toMatchObject({ state: 'ok' });
    expect(await available()).toBe(start);
    expect(await recovered()).toEqual(before);
    // A real recovery afterwards still tells everyone: down below the line, then back up.
    await move('debits', 1_500);
    await move('credits', 1_500);
    expect(await recovered()).toEqual({
      desktop: before.desktop + 1,
      webhooks: before.webhooks + 1,
      emails: before.emails + 1,
    });
  });
});
