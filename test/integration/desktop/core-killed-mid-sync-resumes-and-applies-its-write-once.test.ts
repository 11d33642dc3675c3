import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cacheState, newestFeedPosition, serverState } from '../../support/billing-state.js';
import { waitForOutbox, waitForStatus, waitUntilSettled } from '../../support/core-client.js';
import { DesktopScene } from '../../support/desktop-scene.js';
import { seedLongLedger } from '../../support/long-ledger.js';
import { deliveredFeedPosition, feedCursorOf, isFeedRequest } from '../../support/recording-proxy.js';

/** The desktop engine reads the change feed 5000 positions a page; each ledger row makes two changes. */
const LEDGER_ROWS = 30_000;

describe('desktop core killed (SIGKILL) in the middle of its initial sync, with a write on its way', () => {
  let scene: DesktopScene;
  beforeEach(() => {
    scene = new DesktopScene();
  });
  afterEach(() => scene.close());

  it('resumes from its stored page, resends the unanswered write under the same key, and converges exactly once', async () => {
    const dbFile = join(scene.dir('api'), 'billing.sqlite');
    const seeded = await seedLongLedger(dbFile, LEDGER_ROWS);
    const api = await scene.api(dbFile);
    const proxy = await scene.proxy(api.url);
    const dataDir = scene.dir('console');
    const signIn = { method: 'api_key', url: proxy.url, apiKey: seeded.apiKey } as const;

    // A slow network from the second feed page on, and for writes: the kill lands mid-sync, with
    // the write sent but unanswered.
    proxy.hold((e) => (isFeedRequest(e) && feedCursorOf(e) > 0) || e.method === 'POST');
    const first = await scene.coreProcess(dataDir);
    await first.client.invoke('session:connect', signIn);
    const midway = await waitForStatus(first.client, (s) => (s.progress?.applied ?? 0) > 0);
    // The first page covered 5000 feed positions; compacted, it held each ledger row but only the
    // wallet's last state of the page.
    expect(midway).toMatchObject({ state: 'syncing', progress: { cursor: 5_000 } });
    expect(midway.progress!.applied).toBeGreaterThan(2_000);
    expect(midway.progress!.applied).toBeLessThan(3_000);
    const stalled = await proxy.waitFor((e) => isFeedRequest(e) && e.state === 'held');

    // The first page brought the customer and wallet: the console can already queue a top-up.
    const queued = await first.client.invoke('wallets:credit', {
      walletId: seeded.walletId,
      amount: 1_234,
      description: 'Queued before the crash',
    });
    const sent = await proxy.waitFor((e) => e.method === 'POST' && e.state === 'held');
    expect(await first.client.invoke('outbox:list', {})).toEqual([
      expect.objectContaining({ id: queued.id, state: 'sending', walletId: seeded.walletId }),
    ]);
    expect((await first.kill()).signal).toBe('SIGKILL');

    // The top-up reaches the API after all and is applied; its answer has no one left to reach.
    // The feed page the dead core waited for is lost on the way.
    // It rides in a batch (POST /v1/batch): the batch answers 200, the write inside it 201.
    const applied = await proxy.forward(sent);
    expect(applied).toMatchObject({ status: 200, delivered: false });
    const [appliedAnswer] = JSON.parse(applied.responseBody!).results;
    expect(appliedAnswer).toMatchObject({ status: 201, replayed: false });
    proxy.drop(stalled);
    // From here on only writes wait (so that the resent one can be looked at); the feed flows.
    proxy.hold((e) => e.method === 'POST');
    const restartedAt = proxy.position;

    // Restarted on the same folder. The browser host kept the API key in memory only: sign in again.
    const second = await scene.coreProcess(dataDir);
    expect(await second.client.invoke('session:get', {})).toMatchObject({ state: 'signed_out' });
    await second.client.invoke('session:connect', signIn);
    const resent = await proxy.waitFor((e) => e.method === 'POST' && e.order >= restartedAt);
    expect(await second.client.invoke('outbox:list', {})).toEqual([
      expect.objectContaining({ id: queued.id, state: 'sending' }),
    ]);
    expect(resent.path).toBe(sent.path);
    // The same write under the same key: the batch's operations are what was sent before.
    expect(JSON.parse(resent.body)).toEqual(JSON.parse(sent.body));
    expect(JSON.parse(resent.body).operations).toEqual([
      expect.objectContaining({ idempotencyKey: expect.stringMatching(/\S/) }),
    ]);
    proxy.passAll();
    const replayed = await proxy.forward(resent);
    expect(replayed).toMatchObject({ status: 200, delivered: true });
    expect(JSON.parse(replayed.responseBody!).results).toEqual([{ ...appliedAnswer, replayed: true }]);

    await waitForOutbox(second.client, (items) => items.length === 0);
    const newest = await newestFeedPosition(api.url, seeded.apiKey);
    await waitUntilSettled(second.client, () => deliveredFeedPosition(proxy) >= newest);

    // It went on from the page it had stored, not from the start of the feed.
    const resumed = proxy.exchanges.find((e) => isFeedRequest(e) && e.order >= restartedAt)!;
    expect(feedCursorOf(resumed)).toBe(feedCursorOf(stalled));
    expect(feedCursorOf(resumed)).toBeGreaterThan(0);

    // The top-up exists once on the server...
    const server = await serverState(api.url, seeded.apiKey);
    expect(server.transactions).toHaveLength(LEDGER_ROWS + 1);
    expect(server.transactions.filter((t) => t.description === 'Queued before the crash')).toEqual([
      expect.objectContaining({ type: 'credit', amount: 1_234, balanceAfter: seeded.balance + 1_234 }),
    ]);
    expect(server.wallets).toEqual([
      expect.objectContaining({ id: seeded.walletId, balance: seeded.balance + 1_234 }),
    ]);
    // ...and the cache is the server's state, row for row.
    const cache = await cacheState(second.client);
    expect(cache.transactions.length).toBe(server.transactions.length);
    expect(cache).toEqual(server);
    // Three processes (API, core twice) and 30k rows compared twice over: more than the default.
  }, 120_000);
});
