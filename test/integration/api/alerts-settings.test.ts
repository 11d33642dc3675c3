import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { call, key, OPERATOR_TOKEN, startApi, type TestApi } from '../../support/api.js';
import { DIALECTS } from '../../support/databases.js';
import {
  createTenant,
  expectRefusal,
  manualClock,
  ok,
  PASSWORD,
  type Tenant,
} from '../../support/tenants.js';

const DAY = 86_400_000;

/** Alert settings: runway on a known history, validation naming the field, roles and tenants. */
describe.each(DIALECTS)('wallet alert settings on %s', (dialect) => {
  let api: TestApi;
  let t: Tenant;
  let clock: ReturnType<typeof manualClock>;

  beforeEach(async () => {
    clock = manualClock('2031-03-01T00:00:00.000Z');
    api = await startApi(dialect, { clock: clock.now });
    t = await createTenant(api.app, 'Runwayco');
  });
  afterEach(() => api.close());

  const put = (body: unknown, token = t.admin, walletId = t.walletId) =>
    call(api.app, 'PUT', `/v1/wallets/${walletId}/alert-settings`, { token, body });
  const debit = (amount: number) =>
    ok(
      call(api.app, 'POST', `/v1/wallets/${t.walletId}/debits`, {
        token: t.admin,
        key: key(),
        body: { amount, description: 'usage' },
      }),
    );

  it('runway = available ÷ (payments of the last 30 days ÷ 30), on a known history; a runway alert fires once', async () => {
    // createTenant spent 1 000 today; 35 days later that payment is out of the window.
    clock.advance(35 * DAY);
    await debit(9_000); // 30 days before "now" below: outside the window by a minute
    clock.advance(1 * 60_000);
    clock.advance(10 * DAY);
    await debit(20_000);
    clock.advance(5 * DAY);
    await debit(10_000);
    clock.advance(15 * DAY);
    // Now: the 9 000 is 30 days and a minute old (out); 20 000 and 10 000 are in: 30 000 in 30 days = 1 000 a day.
    // (API keys: the logins' sessions ran out in these 65 days.)
    const runway = await ok(call(api.app, 'GET', `/v1/wallets/${t.walletId}/runway`, { token: t.admin }));
    // 100 000 − 1 000 − 9 000 − 20 000 − 10 000 − 2 000 (the pending hold) = 58 000 available.
    expect(runway).toMatchObject({ availableBalance: 58_000, spentLast30Days: 30_000, currency: 'USD' });
    expect(runway.daysLeft).toBe(58);
    expect(runway.formula).toContain('last 30 days');

    // A runway line of 60 days: already crossed, so saving it alerts at once, once.
    const settings = await ok(put({ runwayDays: 60, channels: ['desktop'] }));
    expect(settings.state).toBe('low');
    await ok(put({ runwayDays: 60, channels: ['desktop'] }));
    await debit(100);
    const alerts = (await ok(call(api.app, 'GET', `/v1/wallets/${t.walletId}/alerts`, { token: t.admin })))
      .items;
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({
      type: 'wallet.balance_low',
      reason: 'runway',
      runwayDays: 60,
      daysLeft: 58,
      availableBalance: 58_000,
    });
    expect(alerts[0].message).toMatch(/58 days/);
  });

  it('email and webhook channels: the alert is queued in the email and webhook outboxes in its own transaction', async () => {
    const available = (await ok(call(api.app, 'GET', `/v1/wallets/${t.walletId}`, { token: t.admin })))
      .availableBalance as number;
    await ok(
      put({
        threshold: available - 500,
        channels: ['desktop', 'email', 'webhook'],
        emails: ['ops@example.com'],
      }),
    );
    await debit(1_000);
    await debit(1_000);
    const store = api.db.store.db;
    // The wallet's other events (created, payments made) are there too; the alert's are these.
    const events = await store
      .selectFrom('webhook_events')
      .select(['type', 'data'])
      .where('type', 'in', ['wallet.balance_low', 'wallet.balance_recovered'])
      .execute();
    expect(events.map((e) => e.type)).toEqual(['wallet.balance_low']);
    expect(JSON.parse(events[0]!.data)).toMatchObject({ walletId: t.walletId, reason: 'threshold' });
    const emails = await store
      .selectFrom('emails')
      .select(['to_addresses', 'subject', 'text_body'])
      .execute();
    expect(emails).toHaveLength(1);
    expect(JSON.parse(emails[0]!.to_addresses)).toEqual(['ops@example.com']);
    expect(emails[0]!.subject).toMatch(/^Low balance/);
    expect(emails[0]!.text_body).toMatch(/is below \$/);
  });

  it('no spending in 30 days: no runway (null), and a runway line alone never fires', async () => {
    clock.advance(40 * DAY);
    const runway = await ok(call(api.app, 'GET', `/v1/wallets/${t.walletId}/runway`, { token: t.admin }));
    expect(runway).toMatchObject({ spentLast30Days: 0, daysLeft: null });
    expect((await ok(put({ runwayDays: 30, channels: ['desktop'] }))).state).toBe('ok');
  });

  it('PUT is idempotent: the same body twice leaves the same settings', async () => {
    const body = {
      threshold: 5_000,
      runwayDays: 14,
      channels: ['desktop', 'email'],
      emails: ['Ops@Example.com'],
    };
    const first = await ok(put(body));
    clock.advance(60_000);
    const second = await ok(put(body));
    expect(second).toEqual(first);
    expect(first.emails).toEqual(['ops@example.com']);
    const read = await ok(
      call(api.app, 'GET', `/v1/wallets/${t.walletId}/alert-settings`, { token: t.customer }),
    );
    expect(read).toEqual(first);
  });

  it('bad input is 400 naming the field, and changes nothing', async () => {
    const cases: Array<[unknown, string]> = [
      [{ threshold: -1, channels: [] }, 'threshold'],
      [{ threshold: 1.5, channels: [] }, 'threshold'],
      [{ channels: ['desktop'] }, 'threshold'],
      [{ threshold: 100, channels: ['sms'] }, 'channels.0'],
      [{ threshold: 100, channels: ['email'] }, 'emails'],
      [{ threshold: 100, channels: ['email'], emails: ['not-an-address'] }, 'emails.0'],
      [{ runwayDays: 0, channels: [] }, 'runwayDays'],
      [{ threshold: 100, channels: ['desktop', 'desktop'] }, 'channels'],
      [{ threshold: 100, channels: [], colour: 'red' }, 'colour'],
      [{ threshold: 100 }, 'channels'],
    ];
    for (const [body, field] of cases) {
      expectRefusal(await put(body), 400, 'validation', field);
    }
    const read = await ok(
      call(api.app, 'GET', `/v1/wallets/${t.walletId}/alert-settings`, { token: t.admin }),
    );
    expect(read).toMatchObject({ threshold: null, runwayDays: null, channels: [] });
  });

  it('staff for any wallet of their reseller, a customer for its own only; support reads; another tenant sees nothing', async () => {
    const body = { threshold: 1_000, channels: ['desktop'] };
    await ok(put(body, t.admin, t.otherWalletId));
    await ok(put(body, t.customer));
    expectRefusal(await put(body, t.customer, t.otherWalletId), 404, 'not_found', 'id');
    expectRefusal(await put(body, t.support), 403, 'forbidden');
    expect(
      (await ok(call(api.app, 'GET', `/v1/wallets/${t.walletId}/alerts`, { token: t.support }))).items,
    ).toEqual([]);
    const other = await ok(
      call(api.app, 'POST', '/v1/resellers', {
        token: OPERATOR_TOKEN,
        body: { name: 'Elsewhere', adminEmail: `e-${key()}@example.com`, adminPassword: PASSWORD },
      }),
    );
    for (const [method, path] of [
      ['PUT', 'alert-settings'],
      ['GET', 'alert-settings'],
      ['GET', 'alerts'],
      ['GET', 'runway'],
      ['GET', 'auto-top-up'],
    ] as const) {
      const reply = await call(api.app, method, `/v1/wallets/${t.walletId}/${path}`, {
        token: other.apiKey,
        ...(method === 'PUT' ? { body } : {}),
      });
      expectRefusal(reply, 404, 'not_found', 'id');
    }
  });
});
