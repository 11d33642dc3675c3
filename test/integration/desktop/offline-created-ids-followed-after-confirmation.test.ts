import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { waitForOutbox } from '../../support/core-client.js';
import { DesktopScene } from '../../support/desktop-scene.js';
import { allItems } from '../../support/http.js';
import { createReseller } from '../../support/tenant-over-http.js';

describe('desktop core: a customer and wallet created in the console', () => {
  let scene: DesktopScene;
  beforeEach(() => {
    scene = new DesktopScene();
  });
  afterEach(() => scene.close());

  it('stay reachable by the ids the screens were given, after the server confirmed them', async () => {
    const api = await scene.api();
    const acme = await createReseller(api.url, 'Acme Proxies');
    const { core, client } = await scene.core();
    await client.invoke('session:connect', { method: 'api_key', url: api.url, apiKey: acme.apiKey });

    const customer = await client.invoke('customers:create', {
      name: 'Grace Hopper',
      email: 'grace@example.com',
    });
    const localCustomerId = customer.customerId!;
    const wallet = await client.invoke('wallets:create', { customerId: localCustomerId, currency: 'USD' });
    const localWalletId = wallet.walletId!;
    await waitForOutbox(client, (items) => items.length === 0);
    await core.engine()!.idle();

    // The page a user is on keeps working with the ids it had before the sync.
    const confirmedCustomer = await client.invoke('customers:get', { customerId: localCustomerId });
    expect(confirmedCustomer).toMatchObject({ name: 'Grace Hopper', pending: false });
    expect(confirmedCustomer!.id).toMatch(/^cus_/);
    const confirmedWallet = await client.invoke('wallets:get', { walletId: localWalletId });
    expect(confirmedWallet).toMatchObject({
      currency: 'USD',
      pending: false,
      customerId: confirmedCustomer!.id,
    });
    expect(await client.invoke('wallets:list', { customerId: localCustomerId })).toHaveLength(1);

    // And writes made with them go to the server records.
    await client.invoke('wallets:credit', {
      walletId: localWalletId,
      amount: 2500,
      description: 'Welcome credit',
    });
    await client.invoke('wallets:create', { customerId: localCustomerId, currency: 'EUR' });
    await waitForOutbox(client, (items) => items.length === 0);
    const history = await allItems(api.url, `/v1/wallets/${confirmedWallet!.id}/transactions`, acme.apiKey);
    expect(history.map((t) => [t.type, t.amount])).toEqual([['credit', 2500]]);
    const wallets = await allItems(api.url, `/v1/customers/${confirmedCustomer!.id}/wallets`, acme.apiKey);
    expect(wallets.map((w) => w.currency).sort()).toEqual(['EUR', 'USD']);
  });
});
