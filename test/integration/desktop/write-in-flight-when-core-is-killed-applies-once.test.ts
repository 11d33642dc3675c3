import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cacheState, newestFeedPosition, serverState } from '../../support/billing-state.js';
import { waitForOutbox, waitUntil, waitUntilSettled } from '../../support/core-client.js';
import { DesktopScene } from '../../support/desktop-scene.js';
import { allItems } from '../../support/http.js';
import { deliveredFeedPosition } from '../../support/recording-proxy.js';
import { createReseller, customerWithWallet, get } from '../../support/tenant-over-http.js';

describe('desktop core killed while a write is on its way to the billing API', () => {
  let scene: DesktopScene;
  beforeEach(() => {
    scene = new DesktopScene();
  });
  afterEach(() => scene.close());

  it('sends it again with the same key after a restart, and the API applies it exactly once', async () => {
    const api = await scene.api();
    const acme = await createReseller(api.url, 'Acme Proxies');
    const { walletId } = await customerWithWallet(api.url, acme.apiKey, {
      name: 'Alice Nguyen',
      balance: 10_000,
    });
    const proxy = await scene.proxy(api.url);
    const dataDir = scene.dir('console');
    const signIn = { method: 'api_key', url: proxy.url, apiKey: acme.apiKey } as const;

    const first = await scene.coreProcess(dataDir);
    await first.client.invoke('session:connect', signIn);
    await waitUntil(first.client, 'the wallet in the cache', () =>
      first.client.invoke('wallets:get', { walletId }),
    );

    // The API is slow to answer: the top-up leaves the core, which dies before any answer comes.
    proxy.hold((e) => e.method === 'POST');
    const queued = await first.client.invoke('wallets:top-up', {
      walletId,
      amount: 2_500,
      description: 'Top-up in flight at the crash',
    });
    const sent = await proxy.waitFor((e) => e.method === 'POST' && e.state === 'held');
    expect(sent.path).toBe(`/v1/wallets/${walletId}/credits`);
    expect(await first.client.invoke('outbox:list', {})).toEqual([
      expect.objectContaining({ id: queued.id, state: 'sending' }),
    ]);
    expect((await first.kill()).signal).toBe('SIGKILL');

    // The request reaches the API after all and is applied; its answer has no one left to reach.
    const applied = await proxy.forward(sent);
    expect(applied).toMatchObject({ status: 201, delivered: false });
    expect((await get(api.url, acme.apiKey, `/v1/wallets/${walletId}`)).balance).toBe(12_500);

    // Restarted on the same folder. The browser host kept the API key in memory only: sign in again.
    const second = await scene.coreProcess(dataDir);
    expect(await second.client.invoke('session:get', {})).toMatchObject({ state: 'signed_out' });
    await second.client.invoke('session:connect', signIn);
    const resent = await proxy.waitFor((e) => e.method === 'POST' && e.order > sent.order);
    expect(await second.client.invoke('outbox:list', {})).toEqual([
      expect.objectContaining({ id: queued.id, state: 'sending' }),
    ]);
    expect(resent.path).toBe(sent.path);
    expect(resent.headers['idempotency-key']).toBe(sent.headers['idempotency-key']);
    expect(JSON.parse(resent.body)).toEqual(JSON.parse(sent.body));
    proxy.passAll();
    const replayed = await proxy.forward(resent);
    expect(replayed).toMatchObject({ status: 201, delivered: true });
    expect(replayed.responseHeaders!['idempotent-replayed']).toBe('true');
    expect(JSON.parse(replayed.responseBody!)).toEqual(JSON.parse(applied.responseBody!));

    await waitForOutbox(second.client, (items) => items.length === 0);
    const newest = await newestFeedPosition(api.url, acme.apiKey);
    await waitUntilSettled(second.client, () => deliveredFeedPosition(proxy) >= newest);

    const history = await allItems(api.url, `/v1/wallets/${walletId}/transactions`, acme.apiKey);
    expect(history.map((t) => [t.type, t.amount, t.balanceAfter, t.description])).toEqual([
      ['top_up', 2_500, 12_500, 'Top-up in flight at the crash'],
      ['top_up', 10_000, 10_000, 'Initial balance'],
    ]);
    expect(await cacheState(second.client)).toEqual(await serverState(api.url, acme.apiKey));
  });
});
