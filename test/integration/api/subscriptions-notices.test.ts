import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { call, key, startApi, type TestApi } from '../../support/api.js';
import { DIALECTS } from '../../support/databases.js';
import {
  createTenant,
  login,
  manualClock,
  ok,
  PASSWORD,
  readFeed,
  settleFeed,
} from '../../support/tenants.js';

const DAY = 86_400_000;

/**
 * "A customer is told before a renewal the wallet cannot cover": the notice reaches that customer's
 * own feed (what its desktop syncs), once; a customer whose wallet covers its renewal is told
 * nothing, and another reseller sees nothing of it.
 */
describe.each(DIALECTS)('renewal notices on %s', (dialect) => {
  let api: TestApi;
  const clock = manualClock('2030-06-01T09:00:00.000Z');
  beforeEach(async () => {
    api = await startApi(dialect, { clock: clock.now });
  });
  afterEach(() => api.close());

  it('only the customer whose wallet is short is told, in its own feed, once, three days before', async () => {
    const t = await createTenant(api.app, 'Noticeco');
    const stranger = await createTenant(api.app, 'Elsewhere');
    const as = (method: 'GET' | 'POST', url: string, body?: unknown) =>
      ok(call(api.app, method, url, { token: t.admin, key: key(), ...(body === undefined ? {} : { body }) }));
    const product = await as('POST', '/v1/products', {
      name: 'Proxy pool',
      prices: { USD: 1_000 },
      period: 'month',
    });
    const subscribe = async (customerId: string, walletId: string) => {
      await as('POST', `/v1/wallets/${walletId}/credits`, { amount: 5_000, description: 'Top-up' });
      const placed = await as('POST', `/v1/customers/${customerId}/orders`, {
        productId: product.id,
        quantity: 1,
        currency: 'USD',
      });
      return as('GET', `/v1/subscriptions/${placed.order.subscriptionId}`);
    };
    const short = await subscribe(t.customerId, t.walletId);
    const covered = await subscribe(t.otherCustomerId, t.otherWalletId);
    // The first customer spends down to 5.00 available: the 10.00 renewal is not covered.
    const wallet = await as('GET', `/v1/wallets/${t.walletId}`);
    await as('POST', `/v1/wallets/${t.walletId}/debits`, {
      amount: wallet.availableBalance - 500,
      description: 'Other spending',
    });

    // Four days before: not yet; two days before: told; again later the same day: not twice.
    clock.advance(Date.parse(short.currentPeriodEnd) - clock.now().getTime() - 4 * DAY);
    expect((await api.app.renewals.run()).noticed).toBe(0);
    clock.advance(2 * DAY);
    expect((await api.app.renewals.run()).noticed).toBe(1);
    clock.advance(DAY / 2);
    expect((await api.app.renewals.run()).noticed).toBe(0);
    await settleFeed(api.db.store);

    // A fresh sign-in for the customer (the manual clock is weeks past the tenant's sessions).
    const email = `${key('buyer')}@example.com`;
    await as('POST', '/v1/users', { email, password: PASSWORD, role: 'customer', customerId: t.customerId });
    const customer = await login(api.app, email);
    const notices = (changes: any[]) => changes.filter((c) => c.entity === 'notice').map((c) => c.data);
    const mine = notices(await readFeed(api.app, customer));
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({
      kind: 'renewal_not_covered',
      customerId: t.customerId,
      subjectId: short.id,
    });
    expect(mine[0].message).toMatch(/Proxy pool renews on .* for 10\.00 USD/);
    expect(notices(await readFeed(api.app, t.admin)).map((n) => n.subjectId)).toEqual([short.id]);
    expect(notices(await readFeed(api.app, t.admin)).map((n) => n.subjectId)).not.toContain(covered.id);
    expect(notices(await readFeed(api.app, stranger.admin))).toEqual([]);
  });
});
