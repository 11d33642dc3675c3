import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cacheState, newestFeedPosition, serverState } from '../../support/billing-state.js';
import { waitUntilSettled } from '../../support/core-client.js';
import { DesktopScene } from '../../support/desktop-scene.js';
import { isFeedRequest } from '../../support/recording-proxy.js';
import { createReseller, customerWithWallet } from '../../support/tenant-over-http.js';

describe('desktop core: signing in to another account while a feed page is on its way', () => {
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

    // Now the first account's page arrives, at an engine that was stopped when the account changed.
    expect(await proxy.forward(late)).toMatchObject({ status: 200, delivered: true });
    await firstEngine.idle();

    expect(core.cache.cursor()).toBe(newest);
    const cache = await cacheState(client);
    expect(cache.customers.map((c) => c.name)).toEqual(['Customer of the second']);
    expect(cache).toEqual(await serverState(api.url, second.apiKey));
  });
});
