import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SyncStatus } from '../../../src/shared/ipc-contract.js';
import { startApi, type TestApi } from '../../support/api.js';
import { cacheState, newestFeedPosition, serverState } from '../../support/billing-state.js';
import { waitUntilSettled, type CoreClient } from '../../support/core-client.js';
import { DIALECTS } from '../../support/databases.js';
import { DesktopScene, type InProcessCore } from '../../support/desktop-scene.js';
import { createReseller, post, seedVariedRecords } from '../../support/tenant-over-http.js';
import { manualClock } from '../../support/tenants.js';

const DAY = 24 * 3_600_000;

/**
 * The server folds its change feed; desktops sync from it with the real desktop core. One that was
 * away while entries after its cursor were folded rebuilds its cache (keeping its outbox) and ends
 * equal to the server; one that synced after the fold's horizon and one starting from nothing notice
 * nothing.
 */
describe.each(DIALECTS)('desktop core over a compacted change feed (%s)', (dialect) => {
  let scene: DesktopScene;
  let api: TestApi;
  let clock: ReturnType<typeof manualClock>;

  beforeEach(async () => {
    scene = new DesktopScene();
    clock = manualClock();
    api = await startApi(dialect, { listen: true, clock: clock.now });
  });
  afterEach(async () => {
    await scene.close();
    await api?.close();
  });

  async function signIn(core: InProcessCore, apiKey: string): Promise<SyncStatus[]> {
    const statuses: SyncStatus[] = [];
    core.client.on('sync:status-changed', (status) => statuses.push(status));
    const session = await core.client.invoke('session:connect', {
      method: 'api_key',
      url: api.baseUrl,
      apiKey,
    });
    expect(session).toMatchObject({ state: 'signed_in', role: 'reseller_admin' });
    return statuses;
  }
  /**
   * Caught up with every write made so far, the desktop's queued ones included. A write's answer
   * goes out at its commit, before the sequencer gives its change a feed position: the newest
   * position is read only once nothing is left to send and every committed change is numbered, or
   * the cache would be compared with the API while the newest change is still on its way.
   */
  async function settled(core: InProcessCore, apiKey: string): Promise<SyncStatus> {
    await waitUntilSettled(core.client, () => true);
    await api.app.sequencer.flush();
    const newest = await newestFeedPosition(api.baseUrl, apiKey);
    const status = await waitUntilSettled(core.client, () => core.core.cache.cursor() >= newest);
    await core.core.engine()!.idle();
    return status;
  }
  const sameAsServer = async (client: CoreClient, apiKey: string) =>
    expect(await cacheState(client)).toEqual(await serverState(api.baseUrl, apiKey));

  /** Changes to records that already exist: each adds newer feed entries for the same entities. */
  async function moreActivity(apiKey: string, rounds: number) {
    const server = await serverState(api.baseUrl, apiKey);
    for (let i = 0; i < rounds; i++) {
      for (const wallet of server.wallets) {
        await post(api.baseUrl, apiKey, `/v1/wallets/${wallet.id}/credits`, {
          amount: 100 + i,
          description: 'Bonus',
        });
      }
      const customer = server.customers[0]!;
      const renamed = await fetch(`${api.baseUrl}/v1/customers/${customer.id}`, {
        method: 'PATCH',
        headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
        body: JSON.stringify({ name: `${customer.name.split(' (')[0]} (${i})` }),
      });
      expect(renamed.status).toBe(200);
      clock.advance(DAY);
    }
  }

  // Under load the sequencer numbers a change well after the write's answer went out. Without its
  // kick at every commit, only its poll numbers them: every answer comes before its feed position.
  it.each([
    ['numbered at once', false],
    ['numbered after the answers, as under load', true],
  ])(
    'a desktop behind the fold rebuilds, keeps its queued write, and ends equal to the server; others notice nothing (changes %s)',
    async (_numbering, late) => {
      if (late) api.db.store.events.removeAllListeners('committed');
      const acme = await createReseller(api.baseUrl, 'Acme Proxies');
      await seedVariedRecords(api.baseUrl, acme.apiKey);

      // Away: synced once, then closed for weeks.
      const awayDir = scene.dir('away');
      const away = await scene.core(awayDir);
      await signIn(away, acme.apiKey);
      await settled(away, acme.apiKey);
      const awayCursor = away.core.cache.cursor();
      const account = away.core.cache.getMeta('account')!;
      await away.core.stop();

      await moreActivity(acme.apiKey, 4);
      // Recent: synced after all of that, and stays open.
      const recent = await scene.core(scene.dir('recent'));
      const recentStatuses = await signIn(recent, acme.apiKey);
      await settled(recent, acme.apiKey);

      clock.advance(31 * DAY);
      const report = await api.app.pruner.run();
      expect(report!.feedEntries).toBeGreaterThan(0);
      expect(report!.feedHorizon).toBeGreaterThan(awayCursor);
      expect(recent.core.cache.cursor()).toBeGreaterThanOrEqual(report!.feedHorizon);

      // New activity after the fold reaches the open desktop as usual.
      await moreActivity(acme.apiKey, 1);
      await settled(recent, acme.apiKey);
      await sameAsServer(recent.client, acme.apiKey);
      expect(recentStatuses.every((s) => s.rebuiltAt === null)).toBe(true);

      // The away desktop comes back with a write it queued while closed.
      const back = await scene.core(awayDir);
      expect(back.core.cache.cursor()).toBe(awayCursor);
      const wallet = (await serverState(api.baseUrl, acme.apiKey)).wallets[0]!;
      back.core.outbox.enqueue(
        account,
        {
          kind: 'wallet.credit',
          payload: { amount: 777, description: 'Queued while away' },
          customerRef: wallet.customerId,
          walletRef: wallet.id,
          currency: wallet.currency,
          summary: { key: 'walletCredit', values: { amount: 777, currency: wallet.currency } },
        },
        clock.iso(),
        'outbox_queued_while_away',
      );
      const backStatuses = await signIn(back, acme.apiKey);
      const status = await settled(back, acme.apiKey);
      // It said so while rebuilding (with progress), and says so afterwards.
      expect(
        backStatuses.some((s) => s.state === 'syncing' && s.rebuiltAt !== null && s.progress !== null),
      ).toBe(true);
      expect(status.rebuiltAt).not.toBeNull();
      expect(status.error).toBeNull();
      // The queued write was sent once, not lost with the cache.
      expect(back.core.outbox.list(account)).toEqual([]);
      const credited = (await serverState(api.baseUrl, acme.apiKey)).transactions.filter(
        (t) => t.description === 'Queued while away',
      );
      expect(credited).toHaveLength(1);
      await sameAsServer(back.client, acme.apiKey);
      await settled(recent, acme.apiKey);
      await sameAsServer(recent.client, acme.apiKey);

      // A desktop starting from nothing gets everything from the folded feed.
      const fresh = await scene.core(scene.dir('fresh'));
      const freshStatuses = await signIn(fresh, acme.apiKey);
      await settled(fresh, acme.apiKey);
      await sameAsServer(fresh.client, acme.apiKey);
      expect(freshStatuses.every((s) => s.rebuiltAt === null)).toBe(true);
    },
  );
});
