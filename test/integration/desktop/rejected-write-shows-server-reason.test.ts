import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cacheState, newestFeedPosition, serverState } from '../../support/billing-state.js';
import { waitForOutbox, waitForStatus, waitUntilSettled } from '../../support/core-client.js';
import { DesktopScene } from '../../support/desktop-scene.js';
import { allItems, http } from '../../support/http.js';
import {
  createReseller,
  customerWithWallet,
  get,
  idempotencyKey,
  post,
} from '../../support/tenant-over-http.js';

describe('desktop core: a write the billing API refuses', () => {
  let scene: DesktopScene;
  beforeEach(() => {
    scene = new DesktopScene();
  });
  afterEach(() => scene.close());

  it("ends rejected with the server's code and message, moves no money, and can be discarded", async () => {
    const api = await scene.api();
    const acme = await createReseller(api.url, 'Acme Proxies');
    const { walletId } = await customerWithWallet(api.url, acme.apiKey, {
      name: 'Alice Nguyen',
      balance: 10_000,
    });
    const { core, client } = await scene.core();
    await client.invoke('session:connect', { method: 'api_key', url: api.url, apiKey: acme.apiKey });
    const newest = await newestFeedPosition(api.url, acme.apiKey);
    await waitUntilSettled(client, () => core.cache.cursor() >= newest);
    const before = await serverState(api.url, acme.apiKey);

    // 150.00 off a wallet holding 100.00 (minor units).
    const overdraw = await client.invoke('wallets:adjust', {
      walletId,
      amount: -15_000,
      reason: 'Chargeback of an old order',
    });
    await waitForStatus(client, (s) => s.rejectedCount === 1 && s.pendingCount === 0);
    const outbox = await client.invoke('outbox:list', {});
    expect(outbox).toEqual([
      expect.objectContaining({
        id: overdraw.id,
        kind: 'wallet.adjust',
        state: 'rejected',
        walletId,
        error: {
          code: 'insufficient_funds',
          message: expect.stringMatching(/available balance/),
          // The particulars as data too, kept with the refusal, for the console to word in its language.
          reason: {
            key: 'insufficient_funds',
            values: { available: 10_000, needed: 15_000, currency: 'USD' },
          },
        },
      }),
    ]);
    // Word for word what the API answers anyone who asks the same (it refuses again, moving nothing).
    const direct = await http(api.url, 'POST', `/v1/wallets/${walletId}/adjustments`, {
      token: acme.apiKey,
      key: idempotencyKey(),
      body: { amount: -15_000, reason: 'Chargeback of an old order' },
    });
    expect(direct.status).toBe(422);
    expect(outbox[0]!.error).toEqual({
      code: direct.body.error.code,
      message: direct.body.error.message,
      reason: direct.body.error.reason,
    });

    // The refused write stays, visible, and does not hold up one queued after it.
    await client.invoke('wallets:credit', { walletId, amount: 500, description: 'Top-up after the refusal' });
    await waitForOutbox(client, (items) => items.length === 1);
    const history = await allItems(api.url, `/v1/wallets/${walletId}/transactions`, acme.apiKey);
    expect(history.map((t) => [t.type, t.amount])).toEqual([
      ['credit', 500],
      ['credit', 10_000],
    ]);
    expect(await client.invoke('outbox:list', {})).toEqual([
      expect.objectContaining({ id: overdraw.id, state: 'rejected' }),
    ]);
    expect(await client.invoke('sync:status', {})).toMatchObject({ rejectedCount: 1, pendingCount: 0 });

    const afterDiscard = await client.invoke('outbox:discard', { id: overdraw.id });
    expect(afterDiscard).toEqual([]);
    await waitForOutbox(client, (items) => items.length === 0);
    expect(await client.invoke('sync:status', {})).toMatchObject({ rejectedCount: 0, pendingCount: 0 });
    const discardedAgain = await client.call('outbox:discard', { id: overdraw.id });
    expect(discardedAgain).toMatchObject({ ok: false, error: { code: 'not_found', field: 'id' } });

    // No adjustment anywhere; the only change is the valid top-up, in the server and in the cache.
    const after = await newestFeedPosition(api.url, acme.apiKey);
    await waitUntilSettled(client, () => core.cache.cursor() >= after);
    await core.engine()!.idle();
    const server = await serverState(api.url, acme.apiKey);
    expect(server.transactions.filter((t) => t.type === 'adjustment')).toEqual([]);
    expect(server.wallets).toEqual([expect.objectContaining({ id: walletId, balance: 10_500 })]);
    expect(server.transactions).toHaveLength(before.transactions.length + 1);
    expect((await get(api.url, acme.apiKey, `/v1/wallets/${walletId}`)).balance).toBe(10_500);
    expect(await cacheState(client)).toEqual(server);
  });

  it('shows a customer whose creation the server refused as refused, with the reason, not as pending', async () => {
    const api = await scene.api();
    const acme = await createReseller(api.url, 'Acme Proxies');
    await post(api.url, acme.apiKey, '/v1/customers', {
      name: 'An Kowalski',
      email: 'an@example.com',
      externalRef: 'ACME-1024',
    });
    const { core, client } = await scene.core();
    await client.invoke('session:connect', { method: 'api_key', url: api.url, apiKey: acme.apiKey });
    const newest = await newestFeedPosition(api.url, acme.apiKey);
    await waitUntilSettled(client, () => core.cache.cursor() >= newest);

    // Another customer under a reference the reseller already gave someone.
    const queued = await client.invoke('customers:create', {
      name: 'Dup Person',
      email: 'dup@example.com',
      externalRef: 'ACME-1024',
    });
    await waitForStatus(client, (s) => s.rejectedCount === 1);
    const [refused] = await client.invoke('outbox:list', {});
    expect(refused).toMatchObject({
      id: queued.id,
      state: 'rejected',
      error: { message: expect.any(String) },
    });

    const found = await client.invoke('customers:search', { query: 'Dup', offset: 0, limit: 50 });
    expect(found.items).toEqual([
      expect.objectContaining({ name: 'Dup Person', pending: true, rejection: refused!.error }),
    ]);
    const localId = found.items[0]!.id;
    expect(await client.invoke('customers:get', { customerId: localId })).toMatchObject({
      pending: true,
      rejection: refused!.error,
    });
  });

  it('answers an online write the server refuses with the refusal as data, for the renderer to word', async () => {
    const api = await scene.api();
    const acme = await createReseller(api.url, 'Acme Proxies');
    const { customerId } = await customerWithWallet(api.url, acme.apiKey, { name: 'Lan', balance: 1_000 });
    const product = await post(api.url, acme.apiKey, '/v1/products', {
      name: 'Residential proxy',
      prices: { USD: 400 },
      period: 'month',
    });
    const { client } = await scene.core();
    await client.invoke('session:connect', { method: 'api_key', url: api.url, apiKey: acme.apiKey });

    // 3 × 4.00 from a wallet of 10.00: the order is refused, and says by how much.
    const refused = await client.call('orders:place', {
      customerId,
      productId: product.id,
      quantity: 3,
      currency: 'USD',
    });
    expect(refused).toEqual({
      ok: false,
      error: {
        code: 'insufficient_funds',
        message: 'available balance is 10.00 USD, 12.00 USD needed',
        field: 'amount',
        reason: { key: 'insufficient_funds', values: { available: 1_000, needed: 1_200, currency: 'USD' } },
      },
    });
  });
});
