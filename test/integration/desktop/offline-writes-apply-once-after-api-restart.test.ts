import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cacheState, newestFeedPosition, serverState } from '../../support/billing-state.js';
import { waitForOutbox, waitForStatus, waitUntilSettled } from '../../support/core-client.js';
import { DesktopScene } from '../../support/desktop-scene.js';
import { allItems } from '../../support/http.js';
import { createReseller, customerWithWallet, get } from '../../support/tenant-over-http.js';

describe('desktop core: writes made while the billing API is down', () => {
  let scene: DesktopScene;
  beforeEach(() => {
    scene = new DesktopScene();
  });
  afterEach(() => scene.close());

  it('queues them in order, then applies each exactly once when the same API comes back', async () => {
    const api = await scene.api();
    const acme = await createReseller(api.url, 'Acme Proxies');
    const existing = await customerWithWallet(api.url, acme.apiKey, {
      name: 'Alice Nguyen',
      balance: 50_000,
    });
    const { core, client } = await scene.core();
    await client.invoke('session:connect', { method: 'api_key', url: api.url, apiKey: acme.apiKey });
    const before = await newestFeedPosition(api.url, acme.apiKey);
    await waitUntilSettled(client, () => core.cache.cursor() >= before);

    await api.stop();
    await waitForStatus(client, (s) => s.state === 'offline');

    const customer = await client.invoke('customers:create', {
      name: 'Dana Pham',
      email: 'dana@example.com',
    });
    const localCustomerId = customer.customerId!;
    const wallet = await client.invoke('wallets:create', { customerId: localCustomerId, currency: 'EUR' });
    const localWalletId = wallet.walletId!;
    await client.invoke('wallets:credit', {
      walletId: localWalletId,
      amount: 4_200,
      description: 'First top-up, made offline',
    });
    await client.invoke('wallets:adjust', {
      walletId: existing.walletId,
      amount: -1_000,
      reason: 'Offline correction',
    });

    // Each is queued, in the order made; sending was tried and failed, so all wait for the network.
    const queued = await waitForOutbox(client, (items) => items.every((i) => i.state === 'pending'));
    expect(queued.map((i) => [i.kind, i.state, i.error])).toEqual([
      ['customer.create', 'pending', null],
      ['wallet.create', 'pending', null],
      ['wallet.credit', 'pending', null],
      ['wallet.adjust', 'pending', null],
    ]);
    expect(queued[1]).toMatchObject({
      customerId: localCustomerId,
      walletId: localWalletId,
      currency: 'EUR',
    });
    expect(queued[2]).toMatchObject({ walletId: localWalletId, payload: { amount: 4_200 } });
    expect(queued[3]).toMatchObject({ walletId: existing.walletId, payload: { amount: -1_000 } });
    expect(await client.invoke('sync:status', {})).toMatchObject({
      state: 'offline',
      pendingCount: 4,
      rejectedCount: 0,
    });
    // The console shows what is waiting as pending, and no balance the server has not confirmed.
    expect(await client.invoke('customers:get', { customerId: localCustomerId })).toMatchObject({
      name: 'Dana Pham',
      pending: true,
    });
    expect(await client.invoke('wallets:get', { walletId: localWalletId })).toMatchObject({
      balance: 0,
      pending: true,
    });
    expect(await client.invoke('wallets:get', { walletId: existing.walletId })).toMatchObject({
      balance: 50_000,
      pending: false,
    });

    await api.restart();
    await waitForOutbox(client, (items) => items.length === 0);
    const after = await newestFeedPosition(api.url, acme.apiKey);
    const settled = await waitUntilSettled(client, () => core.cache.cursor() >= after);
    await core.engine()!.idle();
    expect(settled).toMatchObject({ state: 'online', pendingCount: 0, rejectedCount: 0, error: null });

    // On the server: one new customer, one wallet for it, one top-up on it, one adjustment.
    const danas = (await get(api.url, acme.apiKey, '/v1/customers?query=dana@example.com')).items;
    expect(danas).toEqual([expect.objectContaining({ name: 'Dana Pham', email: 'dana@example.com' })]);
    const danaWallets = (await get(api.url, acme.apiKey, `/v1/customers/${danas[0].id}/wallets`)).items;
    expect(danaWallets).toEqual([expect.objectContaining({ currency: 'EUR', balance: 4_200 })]);
    const danaHistory = await allItems(api.url, `/v1/wallets/${danaWallets[0].id}/transactions`, acme.apiKey);
    expect(danaHistory.map((t) => [t.type, t.amount, t.description])).toEqual([
      ['credit', 4_200, 'First top-up, made offline'],
    ]);
    const aliceHistory = await allItems(
      api.url,
      `/v1/wallets/${existing.walletId}/transactions`,
      acme.apiKey,
    );
    expect(aliceHistory.map((t) => [t.type, t.amount, t.balanceAfter])).toEqual([
      ['adjustment', -1_000, 49_000],
      ['credit', 50_000, 50_000],
    ]);

    // And the cache holds exactly that, with nothing left pending.
    const server = await serverState(api.url, acme.apiKey);
    expect(server.customers).toHaveLength(2);
    expect(await cacheState(client)).toEqual(server);
    expect(await client.invoke('customers:get', { customerId: danas[0].id })).toMatchObject({
      pending: false,
    });
  });
});
