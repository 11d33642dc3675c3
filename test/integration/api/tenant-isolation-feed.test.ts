import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../support/databases.js';
import { call, key, startApi, type TestApi } from '../../support/api.js';
import { createTenant, ok, readFeed, settleFeed, type Tenant } from '../../support/tenants.js';

/** The customer a change belongs to: a customer is its own, everything else names its customer. */
const ownerOf = (change: any): string => (change.entity === 'customer' ? change.id : change.data.customerId);
const idsIn = (changes: any[]) => new Set(changes.map((c) => c.id));

describe.each(DIALECTS)('the sync feed keeps tenants and customers apart on %s', (dialect) => {
  let api: TestApi;
  let a: Tenant;
  let b: Tenant;

  beforeAll(async () => {
    api = await startApi(dialect);
    a = await createTenant(api.app, 'Acme');
    b = await createTenant(api.app, 'Bravo');
    await settleFeed(api.db.store);
  });
  afterAll(() => api.close());

  it("A's feed holds all of A's records and none of B's (and the other way round)", async () => {
    const feedA = await readFeed(api.app, a.admin);
    const feedB = await readFeed(api.app, b.admin);
    for (const [feed, t] of [
      [feedA, a],
      [feedB, b],
    ] as const) {
      expect(new Set(feed.map(ownerOf))).toEqual(new Set([t.customerId, t.otherCustomerId]));
      for (const id of [
        t.customerId,
        t.otherCustomerId,
        t.walletId,
        t.otherWalletId,
        t.holdId,
        t.paymentId,
      ]) {
        expect(idsIn(feed)).toContain(id);
      }
    }
    const shared = [...idsIn(feedA)].filter((id) => idsIn(feedB).has(id));
    expect(shared).toEqual([]);
  });

  it("A's support agent sees exactly what A's admin sees", async () => {
    expect(await readFeed(api.app, a.support)).toEqual(await readFeed(api.app, a.admin));
  });

  it("a customer's feed holds only its own records", async () => {
    const feed = await readFeed(api.app, a.customer);
    expect(new Set(feed.map(ownerOf))).toEqual(new Set([a.customerId]));
    for (const id of [a.customerId, a.walletId, a.holdId, a.paymentId]) expect(idsIn(feed)).toContain(id);
    const everythingOfA = await readFeed(api.app, a.admin);
    expect(feed).toEqual(everythingOfA.filter((c) => ownerOf(c) === a.customerId));
  });

  it("writes to B, or to A's other customer, never reach the feeds that may not see them", async () => {
    const endA = (await readFeed(api.app, a.admin)).at(-1).seq;
    const endCustomer = (await readFeed(api.app, a.customer)).at(-1).seq;
    await ok(
      call(api.app, 'POST', `/v1/wallets/${b.walletId}/credits`, {
        token: b.admin,
        key: key(),
        body: { amount: 100, description: 'B only' },
      }),
    );
    await ok(
      call(api.app, 'POST', `/v1/wallets/${a.otherWalletId}/credits`, {
        token: a.admin,
        key: key(),
        body: { amount: 100, description: 'Other customer only' },
      }),
    );
    await settleFeed(api.db.store);

    const customerSince = await ok(
      call(api.app, 'GET', `/v1/sync/changes?cursor=${endCustomer}`, { token: a.customer }),
    );
    expect(customerSince.changes).toEqual([]);
    const adminSince = await ok(call(api.app, 'GET', `/v1/sync/changes?cursor=${endA}`, { token: a.admin }));
    expect(adminSince.changes.map(ownerOf)).toEqual([a.otherCustomerId, a.otherCustomerId]);
    expect(adminSince.changes.map((c: any) => c.entity)).toEqual(['wallet', 'transaction']);
  });
});
