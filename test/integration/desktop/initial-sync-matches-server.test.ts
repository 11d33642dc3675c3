import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SyncStatus } from '../../../src/shared/ipc-contract.js';
import { cacheState, newestFeedPosition, serverState } from '../../support/billing-state.js';
import { waitUntilSettled } from '../../support/core-client.js';
import { DesktopScene } from '../../support/desktop-scene.js';
import { createReseller, seedVariedRecords } from '../../support/tenant-over-http.js';

describe('desktop core: initial sync from a billing API process', () => {
  let scene: DesktopScene;
  beforeEach(() => {
    scene = new DesktopScene();
  });
  afterEach(() => scene.close());

  it("fills the cache with exactly the signed-in reseller's customers, wallets, transactions and holds", async () => {
    const api = await scene.api();
    const acme = await createReseller(api.url, 'Acme Proxies');
    await seedVariedRecords(api.url, acme.apiKey);
    // Another reseller on the same server: none of it may reach Acme's console.
    const other = await createReseller(api.url, 'Other Reseller');
    await seedVariedRecords(api.url, other.apiKey);

    const { core, client } = await scene.core();
    const statuses: SyncStatus[] = [];
    client.on('sync:status-changed', (status) => statuses.push(status));
    const session = await client.invoke('session:connect', {
      method: 'api_key',
      url: api.url,
      apiKey: acme.apiKey,
    });
    expect(session).toMatchObject({
      state: 'signed_in',
      mode: 'hosted',
      role: 'reseller_admin',
      resellerName: 'Acme Proxies',
    });

    const newest = await newestFeedPosition(api.url, acme.apiKey);
    const settled = await waitUntilSettled(client, () => core.cache.cursor() >= newest);
    await core.engine()!.idle();

    expect(settled).toMatchObject({ state: 'online', progress: null, pendingCount: 0, rejectedCount: 0 });
    expect(settled.error).toBeNull();
    expect(settled.lastSyncedAt).not.toBeNull();
    expect(core.cache.cursor()).toBe(newest);
    // The initial sync reported its progress on the way.
    expect(statuses.some((s) => s.state === 'syncing' && s.progress !== null)).toBe(true);

    const server = await serverState(api.url, acme.apiKey);
    expect({
      customers: server.customers.length,
      wallets: server.wallets.length,
      transactions: server.transactions.length,
      holds: server.holds.length,
    }).toEqual({ customers: 3, wallets: 3, transactions: 9, holds: 3 });
    expect(await cacheState(client)).toEqual(server);
  });
});
