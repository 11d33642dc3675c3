import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { call, key, startApi, type TestApi } from '../../support/api.js';
import { DIALECTS } from '../../support/databases.js';
import { http } from '../../support/http.js';
import { createTenant, ok, readFeed, settleFeed, type Tenant } from '../../support/tenants.js';

/**
 * A low-balance alert fires once per crossing below the threshold, whatever the concurrency, and
 * once more only after the wallet recovered above it. Amounts are minor units of USD.
 */
describe.each(DIALECTS)('low-balance alert crossings on %s', (dialect) => {
  let api: TestApi;
  let t: Tenant;

  beforeEach(async () => {
    api = await startApi(dialect, { listen: true, poolSize: 20 });
    t = await createTenant(api.app, 'Alertco');
  });
  afterEach(() => api.close());

  const alerts = async (token = t.admin) =>
    (await ok(call(api.app, 'GET', `/v1/wallets/${t.walletId}/alerts`, { token }))).items as any[];
  const available = async () =>
    (await ok(call(api.app, 'GET', `/v1/wallets/${t.walletId}`, { token: t.admin })))
      .availableBalance as number;
  const debit = (amount: number) =>
    http(api.baseUrl, 'POST', `/v1/wallets/${t.walletId}/debits`, {
      token: t.admin,
      key: key('spend'),
      body: { amount, description: 'usage' },
    });

  it('200 concurrent debits across the threshold: one alert; recovery: one; the next crossing: one more', async () => {
    const start = await available();
    // 200 × 100 = 20 000 spent; the line is 5 000 below the start, so the 51st debit crosses it.
    const threshold = start - 5_000;
    const settings = await ok(
      call(api.app, 'PUT', `/v1/wallets/${t.walletId}/alert-settings`, {
        token: t.admin,
        body: { threshold, channels: ['desktop'] },
      }),
    );
    expect(settings).toMatchObject({ walletId: t.walletId, threshold, state: 'ok', channels: ['desktop'] });

    const replies = await Promise.all(Array.from({ length: 200 }, () => debit(100)));
    expect(replies.map((r) => r.status).filter((s) => s !== 201)).toEqual([]);
    expect(await available()).toBe(start - 20_000);

    let history = await alerts();
    expect(history.map((a) => a.type)).toEqual(['wallet.balance_low']);
    expect(history[0]).toMatchObject({ reason: 'threshold', threshold, currency: 'USD' });
    expect(history[0].availableBalance).toBeLessThan(threshold);

    // Recovered above the line: one `wallet.balance_recovered`; a credit further up changes nothing.
    await ok(
      call(api.app, 'POST', `/v1/wallets/${t.walletId}/credits`, {
        token: t.admin,
        key: key(),
        body: { amount: 30_000, description: 'refill' },
      }),
    );
    await ok(
      call(api.app, 'POST', `/v1/wallets/${t.walletId}/credits`, {
        token: t.admin,
        key: key(),
        body: { amount: 1_000, description: 'refill' },
      }),
    );
    history = await alerts();
    expect(history.map((a) => a.type)).toEqual(['wallet.balance_recovered', 'wallet.balance_low']);

    // Below again: the second crossing alerts once more.
    const again = await Promise.all(Array.from({ length: 20 }, () => debit(1_000)));
    expect(again.every((r) => r.status === 201)).toBe(true);
    history = await alerts();
    expect(history.map((a) => a.type)).toEqual([
      'wallet.balance_low',
      'wallet.balance_recovered',
      'wallet.balance_low',
    ]);
    expect(
      (await ok(call(api.app, 'GET', `/v1/wallets/${t.walletId}/alert-settings`, { token: t.admin }))).state,
    ).toBe('low');

    // The history reaches the customer's change feed (the console's desktop channel).
    await settleFeed(api.db.store);
    const feed = await readFeed(api.app, t.customer);
    expect(feed.filter((c) => c.entity === 'wallet_alert').map((c) => c.data.type)).toEqual([
      'wallet.balance_low',
      'wallet.balance_recovered',
      'wallet.balance_low',
    ]);
  });

  it('a hold that takes the available balance below the line alerts too; its release recovers', async () => {
    const start = await available();
    await ok(
      call(api.app, 'PUT', `/v1/wallets/${t.walletId}/alert-settings`, {
        token: t.admin,
        body: { threshold: start - 1_000, channels: ['desktop'] },
      }),
    );
    const hold = await ok(
      call(api.app, 'POST', `/v1/wallets/${t.walletId}/holds`, {
        token: t.admin,
        key: key(),
        body: { amount: 5_000, description: 'reserve' },
      }),
    );
    expect((await alerts()).map((a) => a.type)).toEqual(['wallet.balance_low']);
    await ok(
      call(api.app, 'POST', `/v1/holds/${hold.hold.id}/release`, { token: t.admin, key: key(), body: {} }),
    );
    expect((await alerts()).map((a) => a.type)).toEqual(['wallet.balance_recovered', 'wallet.balance_low']);
  });
});
