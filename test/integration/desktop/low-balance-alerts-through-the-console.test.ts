import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EventPayload } from '../../../src/shared/ipc-contract.js';
import { key } from '../../support/api.js';
import { newestFeedPosition } from '../../support/billing-state.js';
import { waitUntil, waitUntilSettled } from '../../support/core-client.js';
import { DesktopScene } from '../../support/desktop-scene.js';
import { http } from '../../support/http.js';
import { createReseller, customerWithWallet } from '../../support/tenant-over-http.js';

describe('desktop core: low-balance alerts', () => {
  let scene: DesktopScene;
  beforeEach(() => {
    scene = new DesktopScene();
  });
  afterEach(() => scene.close());

  it('an alert from before the sign-in is history (no notification); one that arrives live is notified once', async () => {
    const api = await scene.api();
    const acme = await createReseller(api.url, 'Acme Proxies');
    const { walletId } = await customerWithWallet(api.url, acme.apiKey, {
      name: 'Alice Nguyen',
      balance: 5_000,
    });
    const write = (method: 'PUT' | 'POST', path: string, body: unknown) =>
      http(api.url, method, path, { token: acme.apiKey, body, ...(method === 'POST' ? { key: key() } : {}) });
    expect(
      (
        await write('PUT', `/v1/wallets/${walletId}/alert-settings`, {
          threshold: 4_000,
          channels: ['desktop'],
        })
      ).status,
    ).toBe(200);
    expect(
      (await write('POST', `/v1/wallets/${walletId}/debits`, { amount: 2_000, description: 'usage' })).status,
    ).toBe(201);

    const { core, client } = await scene.core();
    const fired: Array<EventPayload<'alerts:fired'>> = [];
    client.on('alerts:fired', (alert) => fired.push(alert));
    await client.invoke('session:connect', { method: 'api_key', url: api.url, apiKey: acme.apiKey });
    const newest = await newestFeedPosition(api.url, acme.apiKey);
    await waitUntilSettled(client, () => core.cache.cursor() >= newest);

    const view = await client.invoke('alerts:wallet', { walletId });
    expect(view.alerts.map((a) => a.type)).toEqual(['wallet.balance_low']);
    expect(view.settings).toMatchObject({ threshold: 4_000, state: 'low' });
    // 2 000 spent in 30 days on 3 000 available: 45 days.
    expect(view).toMatchObject({ spentLast30Days: 2_000, runwayDays: 45 });
    expect(await client.invoke('alerts:low-wallets', {})).toEqual({
      items: [expect.objectContaining({ walletId, customerName: 'Alice Nguyen', availableBalance: 3_000 })],
      total: 1,
    });
    expect(fired).toEqual([]);

    // Recovery, live: notified once, and the wallet is no longer low.
    expect(
      (await write('POST', `/v1/wallets/${walletId}/credits`, { amount: 5_000, description: 'refill' }))
        .status,
    ).toBe(201);
    await waitUntil(client, 'the recovered alert', async () => (fired.length > 0 ? fired : null));
    expect(fired.map((a) => a.type)).toEqual(['wallet.balance_recovered']);
    await waitUntil(client, 'no low wallet', async () =>
      (await client.invoke('alerts:low-wallets', {})).total === 0 ? true : null,
    );
    const lag = await client.invoke('sync:lag', {});
    expect(lag).toMatchObject({ behind: 0 });
    expect(lag.gateways).toMatchObject({ providers: [], pollingOnly: [] });
  });
});
