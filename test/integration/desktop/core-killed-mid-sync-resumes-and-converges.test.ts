import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cacheState, newestFeedPosition, serverState } from '../../support/billing-state.js';
import { waitForOutbox, waitForStatus, waitUntilSettled } from '../../support/core-client.js';
import { DesktopScene } from '../../support/desktop-scene.js';
import { seedLongLedger } from '../../support/long-ledger.js';
import { deliveredFeedPosition, feedCursorOf, isFeedRequest } from '../../support/recording-proxy.js';

/** The desktop engine reads the change feed 5000 changes a page; each ledger row makes two changes. */
const LEDGER_ROWS = 30_000;

describe('desktop core killed in the middle of its initial sync', () => {
  let scene: DesktopScene;
  beforeEach(() => {
    scene = new DesktopScene();
  });
  afterEach(() => scene.close());

  it('resumes where it stopped, converges to exactly the server, and keeps and applies its queued write once', async () => {
    const seeded = await seedLongLedger(join(scene.dir('api'), 'billing.sqlite'), LEDGER_ROWS);
    const api = await scene.api(join(scene.dir('api'), 'billing.sqlite'));
    const proxy = await scene.proxy(api.url);
    const dataDir = scene.dir('console');
    const signIn = { method: 'api_key', url: proxy.url, apiKey: seeded.apiKey } as const;

    // A slow network from the second feed page on, and for writes: the kill lands mid-sync, with
    // the write still unanswered.
    proxy.hold((e) => (isFeedRequest(e) && feedCursorOf(e) > 0) || e.method === 'POST');
    const first = await scene.coreProcess(dataDir);
    await first.client.invoke('session:connect', signIn);
    const midway = await waitForStatus(first.client, (s) => (s.progress?.applied ?? 0) > 0);
    expect(midway).toMatchObject({ state: 'syncing', progress: { applied: 5_000 } });
    const stalled = await proxy.waitFor((e) => isFeedRequest(e) && e.state === 'held');

    // The first page brought the customer and wallet: the console can already queue a top-up.
    const queued = await first.client.invoke('wallets:top-up', {
      walletId: seeded.walletId,
      amount: 1_234,
      description: 'Queued before the crash',
    });
    const lost = await proxy.waitFor((e) => e.method === 'POST' && e.state === 'held');
    expect(await first.client.invoke('outbox:list', {})).toEqual([
      expect.objectContaining({ id: queued.id, state: 'sending', walletId: seeded.walletId }),
    ]);
    expect((await first.kill()).signal).toBe('SIGKILL');
    // Nothing the dead core asked for ever reaches the API.
    for (const e of proxy.heldExchanges()) proxy.drop(e);
    proxy.passAll();
    const restartedAt = proxy.position;

    const second = await scene.coreProcess(dataDir);
    await second.client.invoke('session:connect', signIn);
    await waitForOutbox(second.client, (items) => items.length === 0);
    const newest = await newestFeedPosition(api.url, seeded.apiKey);
    await waitUntilSettled(second.client, () => deliveredFeedPosition(proxy) >= newest);

    // It went on from the page it had stored, not from the start of the feed.
    const resumed = proxy.exchanges.find((e) => isFeedRequest(e) && e.order >= restartedAt)!;
    expect(feedCursorOf(resumed)).toBe(feedCursorOf(stalled));
    expect(feedCursorOf(resumed)).toBeGreaterThan(0);

    // The write survived the kill and was sent again, with the key it was queued with; applied once.
    const sends = proxy.exchanges.filter((e) => e.method === 'POST');
    expect(sends.map((e) => [e.path, e.state])).toEqual([
      [lost.path, 'dropped'],
      [lost.path, 'answered'],
    ]);
    expect(sends[1]!.headers['idempotency-key']).toBe(lost.headers['idempotency-key']);
    const server = await serverState(api.url, seeded.apiKey);
    expect(server.transactions).toHaveLength(LEDGER_ROWS + 1);
    expect(server.transactions.filter((t) => t.description === 'Queued before the crash')).toEqual([
      expect.objectContaining({ type: 'top_up', amount: 1_234, balanceAfter: seeded.balance + 1_234 }),
    ]);
    expect(server.wallets).toEqual([
      expect.objectContaining({ id: seeded.walletId, balance: seeded.balance + 1_234 }),
    ]);

    // And the cache is the server's state, row for row.
    const cache = await cacheState(second.client);
    expect(cache.transactions.length).toBe(server.transactions.length);
    expect(cache).toEqual(server);
  });
});
