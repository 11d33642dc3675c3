import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newestFeedPosition } from '../../support/billing-state.js';
import { waitForOutbox, waitUntilSettled } from '../../support/core-client.js';
import { DesktopScene } from '../../support/desktop-scene.js';
import { allItems, http } from '../../support/http.js';
import { createReseller, customerWithWallet, idempotencyKey } from '../../support/tenant-over-http.js';

describe('desktop core: orders through the console', () => {
  let scene: DesktopScene;
  beforeEach(() => {
    scene = new DesktopScene();
  });
  afterEach(() => scene.close());

  it('a queued fulfilment report is sent once, refunds the unprovisioned share, and the cache follows', async () => {
    const api = await scene.api();
    const acme = await createReseller(api.url, 'Acme Proxies');
    const { customerId, walletId } = await customerWithWallet(api.url, acme.apiKey, {
      name: 'Alice Nguyen',
      balance: 10_000,
    });
    const product = await http(api.url, 'POST', '/v1/products', {
      token: acme.apiKey,
      body: { name: 'Residential proxy', prices: { USD: 333 }, period: 'month' },
    });
    const { core, client } = await scene.core();
    await client.invoke('session:connect', { method: 'api_key', url: api.url, apiKey: acme.apiKey });

    const placed = await client.invoke('orders:place', {
      customerId,
      productId: product.body.id,
      quantity: 10,
      currency: 'USD',
    });
    expect(placed.order).toMatchObject({ status: 'provisioning', total: 3_330 });
    // Synced while provisioning: its subscription says which order it waits for (nothing renews yet).
    const placedAt = await newestFeedPosition(api.url, acme.apiKey);
    await waitUntilSettled(client, () => core.cache.cursor() >= placedAt);
    const [waiting] = await client.invoke('subscriptions:list', { customerId });
    expect(waiting).toMatchObject({ orderId: placed.order.id, provisioningOrder: placed.order.number });
    await client.invoke('orders:fulfil', {
      orderId: placed.order.id,
      number: placed.order.number,
      provisioned: 7,
    });
    await waitForOutbox(client, (items) => items.length === 0);

    const newest = await newestFeedPosition(api.url, acme.apiKey);
    await waitUntilSettled(client, () => core.cache.cursor() >= newest);
    const [cached] = await client.invoke('orders:list', {});
    expect(cached).toMatchObject({ id: placed.order.id, status: 'partial', refunded: 999 });
    const [sub] = await client.invoke('subscriptions:list', { customerId });
    expect(sub).toMatchObject({
      orderId: placed.order.id,
      quantity: 7,
      amount: 2_331,
      autoRenew: true,
      provisioningOrder: null,
    });

    // Auto-renew off, queued and sent; the server answers a repeat the same.
    await client.invoke('subscriptions:cancel', { subscriptionId: sub!.id, productName: sub!.productName });
    await waitForOutbox(client, (items) => items.length === 0);
    const again = await http(api.url, 'POST', `/v1/subscriptions/${sub!.id}/cancel`, {
      token: acme.apiKey,
      key: idempotencyKey(),
    });
    expect(again.body).toMatchObject({ autoRenew: false, status: 'active' });

    const history = await allItems(api.url, `/v1/wallets/${walletId}/transactions`, acme.apiKey);
    expect(history.map((t) => [t.type, t.amount, t.reference])).toEqual([
      ['refund', 999, placed.order.number],
      ['payment', -3_330, placed.order.number],
      ['credit', 10_000, null],
    ]);
  });
});
