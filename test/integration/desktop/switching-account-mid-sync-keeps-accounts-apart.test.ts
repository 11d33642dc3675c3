import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SyncStatus } from '../../../src/shared/ipc-contract.js';
import { cacheState, newestFeedPosition, serverState } from '../../support/billing-state.js';
import { waitForOutbox, waitUntil, waitUntilSettled } from '../../support/core-client.js';
import { DesktopScene } from '../../support/desktop-scene.js';
import { isFeedRequest } from '../../support/recording-proxy.js';
import { createReseller, customerWithWallet } from '../../support/tenant-over-http.js';

describe('desktop core: signing in to another account while the first one still has requests on the way', () => {
  let scene: DesktopScene;
  beforeEach(() => {
    scene = new DesktopScene();
  });
  afterEach(() => scene.close());

  it("never lets the first account's late page into the second account's cache", async () => {
    const api = await scene.api();
    const first = await createReseller(api.url, 'First Reseller');
    await customerWithWallet(api.url, first.apiKey, { name: 'Customer of the first', balance: 1_000 });
    const second = await createReseller(api.url, 'Second Reseller');
    await customerWithWallet(api.url, second.apiKey, { name: 'Customer of the second', balance: 2_000 });
    // The first account is reached through a slow network: its feed page does not come yet.
    const proxy = await scene.proxy(api.url);
    proxy.hold(isFeedRequest);
    const { core, client } = await scene.core();
    await client.invoke('session:connect', { method: 'api_key', url: proxy.url, apiKey: first.apiKey });
    const late = await proxy.waitFor((e) => isFeedRequest(e) && e.state === 'held');
    const firstEngine = core.engine()!;

    await client.invoke('session:connect', { method: 'api_key', url: api.url, apiKey: second.apiKey });
    const newest = await newestFeedPosition(api.url, second.apiKey);
    await waitUntilSettled(client, () => core.cache.cursor() >= newest);
    await core.engine()!.idle();

    // Now the first account's page is answered, for an engine stopped when the account changed: its
    // feed worker has closed its connection to the cache and exited, and nobody takes the page.
    expect(await proxy.forward(late)).toMatchObject({ status: 200, delivered: false });
    await firstEngine.idle();

    expect(core.cache.cursor()).toBe(newest);
    const cache = await cacheState(client);
    expect(cache.customers.map((c) => c.name)).toEqual(['Customer of the second']);
    expect(cache).toEqual(await serverState(api.url, second.apiKey));
  });

  it("shows only the second account's sync status when the first account's write is answered late", async () => {
    const api = await scene.api();
    const first = await createReseller(api.url, 'First Reseller');
    const { walletId } = await customerWithWallet(api.url, first.apiKey, {
      name: 'Customer',
      balance: 1_000,
    });
    const second = await createReseller(api.url, 'Second Reseller');
    const proxy = await scene.proxy(api.url);
    proxy.hold((e) => e.method === 'POST');
    const { core, client } = await scene.core();
    await client.invoke('session:connect', { method: 'api_key', url: proxy.url, apiKey: first.apiKey });
    await waitUntil(client, 'the wallet in the cache', () => client.invoke('wallets:get', { walletId }));
    // Two top-ups queued for the first account; the first is sent, its answer held up.
    await client.invoke('wallets:credit', { walletId, amount: 100, description: 'Top-up one' });
    await client.invoke('wallets:credit', { walletId, amount: 200, description: 'Top-up two' });
    const late = await proxy.waitFor((e) => e.method === 'POST' && e.state === 'held');
    await waitForOutbox(client, (items) => items.length === 2);
    const firstEngine = core.engine()!;

    await client.invoke('session:connect', { method: 'api_key', url: api.url, apiKey: second.apiKey });
    const newest = await newestFeedPosition(api.url, second.apiKey);
    const settled = await waitUntilSettled(client, () => core.cache.cursor() >= newest);
    await core.engine()!.idle();
    expect(settled).toMatchObject({ pendingCount: 0, rejectedCount: 0 });
    const heard: SyncStatus[] = [];
    client.on('sync:status-changed', (status) => heard.push(status));

    // The first account's top-up is answered now, by an engine stopped when the account changed.
    // A batch (POST /v1/batch) answers 200, the write inside it 201.
    expect(await proxy.forward(late)).toMatchObject({ status: 200, delivered: true });
    await firstEngine.idle();

    // The console still speaks for the second account only: nothing pending, no stale status pushed.
    expect(heard).toEqual([]);
    expect(await client.invoke('sync:status', {})).toEqual(settled);
    expect(await client.invoke('outbox:list', {})).toEqual([]);
  });
});
