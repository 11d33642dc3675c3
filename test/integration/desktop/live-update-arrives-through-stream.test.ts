import { performance } from 'node:perf_hooks';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { newestFeedPosition } from '../../support/billing-state.js';
import { waitUntil, waitUntilSettled } from '../../support/core-client.js';
import { DesktopScene } from '../../support/desktop-scene.js';
import { isFeedRequest } from '../../support/recording-proxy.js';
import { createReseller, customerWithWallet, post } from '../../support/tenant-over-http.js';

describe('desktop core: a change made by another client of the API', () => {
  let scene: DesktopScene;
  beforeEach(() => {
    scene = new DesktopScene();
  });
  afterEach(async () => {
    vi.useRealTimers();
    await scene.close();
  });

  it('reaches the cache because the live stream announced it, with no polling and no "sync now"', async () => {
    const api = await scene.api();
    const acme = await createReseller(api.url, 'Acme Proxies');
    const { walletId } = await customerWithWallet(api.url, acme.apiKey, {
      name: 'Alice Nguyen',
      balance: 10_000,
    });
    // The core reaches the API through a recording proxy: the test sees what it asks and when.
    const proxy = await scene.proxy(api.url);
    // The desktop core's clock is stopped for the whole test: no timer it sets (a polling interval,
    // a retry) can ever fire, so only something arriving from the network can make it read the feed.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] });
    const { core, client } = await scene.core();
    await client.invoke('session:connect', { method: 'api_key', url: proxy.url, apiKey: acme.apiKey });
    const newest = await newestFeedPosition(api.url, acme.apiKey);
    await waitUntilSettled(client, () => core.cache.cursor() >= newest);
    // No pull or push is running from here on: whatever reads the feed next was started by something new.
    await core.engine()!.idle();
    const from = proxy.position;

    const started = performance.now();
    const topUp = await post(api.url, acme.apiKey, `/v1/wallets/${walletId}/credits`, {
      amount: 2_500,
      description: 'Top-up from the web shop',
    });
    const seen = await waitUntil(client, 'the top-up in the wallet history', async (note) => {
      const page = await client.invoke('wallets:history', { walletId, limit: 10 });
      note(page.items.map((t) => t.id));
      return page.items.find((t) => t.id === topUp.transaction.id) ?? null;
    });
    const elapsed = performance.now() - started;

    expect(seen).toEqual(topUp.transaction);
    expect(await client.invoke('wallets:get', { walletId })).toMatchObject({
      balance: 12_500,
      pending: false,
    });

    // How it came: the stream opened at sign-in (never reopened) announced the new feed position, and
    // only after that did the core read the feed — once, getting the top-up.
    const streams = proxy.exchanges.filter((e) => e.path === '/v1/sync/stream');
    expect(streams).toHaveLength(1);
    const reads = proxy.exchanges.filter((e) => isFeedRequest(e) && e.order >= from);
    expect(reads).toHaveLength(1);
    const read = reads[0]!;
    const change = JSON.parse(read.responseBody!).changes.find((c: any) => c.id === topUp.transaction.id);
    expect(change).toMatchObject({ entity: 'transaction', op: 'create' });
    const announcement = streams[0]!.streamCursors.find((c) => c.cursor >= change.seq);
    expect(announcement).toBeDefined();
    expect(announcement!.order).toBeGreaterThanOrEqual(from);
    expect(announcement!.order).toBeLessThan(read.order);
    // Loopback, event-driven: far below any polling interval worth the name, even on a loaded CI machine.
    expect(elapsed).toBeLessThan(5_000);
  });
});
