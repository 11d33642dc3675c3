import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newestFeedPosition } from '../../support/billing-state.js';
import { waitUntil, waitUntilSettled } from '../../support/core-client.js';
import { DesktopScene } from '../../support/desktop-scene.js';
import { createReseller, customerWithWallet, post } from '../../support/tenant-over-http.js';

const PASSWORD = 'correct horse battery staple';

describe('desktop core: the search box over the local cache', () => {
  let scene: DesktopScene;
  beforeEach(() => {
    scene = new DesktopScene();
  });
  afterEach(async () => {
    await scene.close();
  });

  it("finds a customer's own rows and never another customer's; a new row is found as soon as it synced", async () => {
    const api = await scene.api();
    const acme = await createReseller(api.url, 'Acme Proxies');
    const duc = await customerWithWallet(api.url, acme.apiKey, { name: 'Nguyễn Văn Đức', balance: 10_000 });
    const huong = await customerWithWallet(api.url, acme.apiKey, { name: 'Trần Thị Hương', balance: 10_000 });
    await post(api.url, acme.apiKey, `/v1/wallets/${huong.walletId}/credits`, {
      amount: 700,
      description: 'Loyalty credit for Huong',
    });
    await post(api.url, acme.apiKey, `/v1/wallets/${duc.walletId}/credits`, {
      amount: 500,
      description: 'Loyalty credit for Duc',
    });
    const email = `duc-${Date.now()}@example.com`;
    await post(api.url, acme.apiKey, '/v1/users', {
      email,
      password: PASSWORD,
      role: 'customer',
      customerId: duc.customerId,
    });

    // Staff see both customers' rows.
    const staff = await scene.core(scene.dir('staff'));
    await staff.client.invoke('session:connect', { method: 'api_key', url: api.url, apiKey: acme.apiKey });
    const newest = await newestFeedPosition(api.url, acme.apiKey);
    await waitUntilSettled(staff.client, () => staff.core.cache.cursor() >= newest);
    const staffFound = await staff.client.invoke('search:query', { query: 'loyalty' });
    expect(staffFound.groups.map((g) => [g.kind, g.items.map((i) => i.title).sort()])).toEqual([
      ['transaction', ['Loyalty credit for Duc', 'Loyalty credit for Huong']],
    ]);
    expect(
      (await staff.client.invoke('search:query', { query: 'nguyen' })).groups[0]!.items.map((i) => i.id),
    ).toEqual([duc.customerId]);

    // The customer sees only their own: the other customer's name and credit are not found.
    const own = await scene.core(scene.dir('customer'));
    await own.client.invoke('session:connect', {
      method: 'password',
      url: api.url,
      email,
      password: PASSWORD,
    });
    await waitUntil(own.client, "the customer's wallet synced with its credit", async (note) => {
      const wallet = await own.client.invoke('wallets:get', { walletId: duc.walletId });
      note(wallet);
      return wallet?.balance === 10_500 ? wallet : null;
    });
    const ownLoyalty = await own.client.invoke('search:query', { query: 'loyalty' });
    expect(ownLoyalty.groups.flatMap((g) => g.items.map((i) => i.title))).toEqual(['Loyalty credit for Duc']);
    expect((await own.client.invoke('search:query', { query: 'huong' })).groups).toEqual([]);
    expect((await own.client.invoke('search:query', { query: 'tran thi' })).groups).toEqual([]);

    // A row written on the server after the first search is found once the live feed brought it.
    const later = await post(api.url, acme.apiKey, `/v1/wallets/${duc.walletId}/credits`, {
      amount: 300,
      description: 'Goodwill voucher',
    });
    const hit = await waitUntil(staff.client, 'the new credit found', async (note) => {
      const found = await staff.client.invoke('search:query', { query: 'goodwill vou' });
      note(found.groups);
      return found.groups[0]?.items[0] ?? null;
    });
    expect(hit).toMatchObject({
      kind: 'transaction',
      id: later.transaction.id,
      amount: 300,
      currency: 'USD',
      walletId: duc.walletId,
      detail: 'Nguyễn Văn Đức',
    });
  });

  it('refuses a query longer than 200 characters, naming the field', async () => {
    const { client } = await scene.core();
    const refused = await client.call('search:query', { query: 'x'.repeat(201) });
    expect(refused).toMatchObject({ ok: false, error: { code: 'validation', field: 'query' } });
  });
});
