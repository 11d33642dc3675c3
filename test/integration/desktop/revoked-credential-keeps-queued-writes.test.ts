import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { waitForStatus } from '../../support/core-client.js';
import { DesktopScene } from '../../support/desktop-scene.js';
import { allItems, http } from '../../support/http.js';
import { createReseller, customerWithWallet, get, post } from '../../support/tenant-over-http.js';

describe('desktop core: the server stops accepting its credential', () => {
  let scene: DesktopScene;
  beforeEach(() => {
    scene = new DesktopScene();
  });
  afterEach(() => scene.close());

  it('keeps queued writes pending (not rejected) and says to sign in again', async () => {
    const api = await scene.api();
    const acme = await createReseller(api.url, 'Acme Proxies');
    const { walletId } = await customerWithWallet(api.url, acme.apiKey, {
      name: 'Alice Nguyen',
      balance: 10_000,
    });
    // The console signs in with a key of its own, which another admin key then revokes.
    const consoleKey = await post<{ id: string; key: string }>(api.url, acme.apiKey, '/v1/api-keys', {
      name: 'Front desk console',
      role: 'reseller_admin',
    });
    const { client } = await scene.core();
    await client.invoke('session:connect', { method: 'api_key', url: api.url, apiKey: consoleKey.key });
    await waitForStatus(client, (s) => s.state === 'online');
    const revoked = await http(api.url, 'DELETE', `/v1/api-keys/${consoleKey.id}`, { token: acme.apiKey });
    expect(revoked.status).toBe(200);

    const queued = await client.invoke('wallets:credit', {
      walletId,
      amount: 2500,
      description: 'Top-up at the desk',
    });
    const status = await waitForStatus(client, (s) => /sign in again/.test(s.error ?? ''));
    expect(status).toMatchObject({ pendingCount: 1, rejectedCount: 0 });
    expect(await client.invoke('outbox:list', {})).toEqual([
      expect.objectContaining({ id: queued.id, state: 'pending', error: null }),
    ]);
    // Nothing reached the wallet.
    const history = await allItems(api.url, `/v1/wallets/${walletId}/transactions`, acme.apiKey);
    expect(history.map((t) => t.amount)).toEqual([10_000]);
    expect((await get(api.url, acme.apiKey, `/v1/wallets/${walletId}`)).balance).toBe(10_000);
  });
});
