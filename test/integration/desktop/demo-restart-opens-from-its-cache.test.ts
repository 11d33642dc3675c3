import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Session } from '../../../src/shared/ipc-contract.js';
import { demoUsdWallet, waitForStatus } from '../../support/core-client.js';
import { DesktopScene } from '../../support/desktop-scene.js';

describe('the local demo, started again on the same data folder', () => {
  let scene: DesktopScene;
  beforeEach(() => {
    scene = new DesktopScene();
  });
  afterEach(() => scene.close());

  it('is signed in from its cache at once, takes calls that need the API meanwhile, and syncs once the API is up', async () => {
    const dataDir = scene.dir('console');
    const first = await scene.core(dataDir);
    await first.core.start();
    const wallet = await demoUsdWallet(first.client);
    await first.core.stop();

    const second = await scene.core(dataDir);
    const sessions: Session[] = [];
    second.client.on('session:changed', (session) => sessions.push(session));
    const starting = second.core.start();

    // Before the demo API has loaded (start() has not resolved): signed in as last time, the
    // wallets read from the cache, no API origin trusted yet, nothing syncing.
    expect(sessions).toEqual([
      expect.objectContaining({ state: 'signed_in', mode: 'demo', role: 'reseller_admin', apiUrl: null }),
    ]);
    expect(await second.client.invoke('wallets:list', {})).toContainEqual(
      expect.objectContaining({ id: wallet.id, balance: wallet.balance, currency: 'USD' }),
    );
    expect(await second.client.invoke('sync:status', {})).toMatchObject({ state: 'idle' });
    // A call that needs the API, made now, waits for it: the answer is the server's, not "offline".
    const options = second.client.invoke('top-ups:options', { walletId: wallet.id });

    await starting;
    expect(await options).toMatchObject({ offline: false, walletId: wallet.id });
    expect(sessions).toHaveLength(2);
    expect(sessions[1]).toMatchObject({
      state: 'signed_in',
      mode: 'demo',
      apiUrl: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/),
    });
    expect(second.core.trustedOrigins()).toEqual([sessions[1]!.apiUrl]);
    await waitForStatus(second.client, (s) => s.state === 'online' && s.lastSyncedAt !== null);
  });
});
