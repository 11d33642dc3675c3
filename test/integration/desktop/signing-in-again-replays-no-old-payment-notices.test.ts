import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TopUpTrack, EventPayload } from '../../../src/shared/ipc-contract.js';
import { newestFeedPosition } from '../../support/billing-state.js';
import { waitUntil, waitUntilSettled, type CoreClient } from '../../support/core-client.js';
import { DesktopScene } from '../../support/desktop-scene.js';
import { pressSandboxButton } from '../../support/payments.js';
import { createReseller, customerWithWallet } from '../../support/tenant-over-http.js';

describe('desktop core: payment notices after signing in', () => {
  let scene: DesktopScene;
  beforeEach(() => {
    scene = new DesktopScene();
  });
  afterEach(() => scene.close());

  it('are only for payments that finish after the sign-in’s first sync, not a replay of the account’s old ones', async () => {
    const api = await scene.api();
    const acme = await createReseller(api.url, 'Acme Proxies');
    const { walletId } = await customerWithWallet(api.url, acme.apiKey, { name: 'Alice Nguyen', balance: 0 });
    const other = await createReseller(api.url, 'Globex Hosting');
    const { core, client } = await scene.core();
    const notices: Array<EventPayload<'payments:status-changed'>> = [];
    client.on('payments:status-changed', (notice) => notices.push(notice));

    const signIn = async (apiKey: string) => {
      await client.invoke('session:connect', { method: 'api_key', url: api.url, apiKey });
      const newest = await newestFeedPosition(api.url, apiKey);
      await waitUntilSettled(client, () => core.cache.cursor() >= newest);
    };
    await signIn(acme.apiKey);

    // A top-up started and paid in this session: notified once.
    const paid = await payTopUp(client, walletId, 2_500);
    await waitUntil(client, 'the paid notice', async () => (notices.length > 0 ? notices : null));
    expect(notices).toEqual([expect.objectContaining({ paymentId: paid, status: 'paid' })]);

    // Another account, then this one again: its cache is rebuilt from the feed, paid top-up included.
    await signIn(other.apiKey);
    await signIn(acme.apiKey);
    expect(await client.invoke('payments:list', {})).toEqual([
      expect.objectContaining({ id: paid, status: 'paid' }),
    ]);
    // A top-up paid after this sign-in's sync is news again (and is what the notices wait for).
    const second = await payTopUp(client, walletId, 1_000);
    await waitUntil(client, 'the second paid notice', async () =>
      notices.some((n) => n.paymentId === second) ? notices : null,
    );
    expect(notices.map((n) => [n.paymentId, n.status])).toEqual([
      [paid, 'paid'],
      [second, 'paid'],
    ]);
  });
});

/** Starts a sandbox top-up through the console and pays it on the hosted page; its payment id. */
async function payTopUp(client: CoreClient, walletId: string, amount: number): Promise<string> {
  const queued = await client.invoke('top-ups:create', { walletId, amount, provider: 'sandbox' });
  const started = await waitUntil(client, 'the hosted page', async () => {
    const track: TopUpTrack | null = await client.invoke('payments:get', {
      paymentId: String(queued.payload.localId),
    });
    return track?.kind === 'payment' && track.payment.checkout?.kind === 'redirect' ? track.payment : null;
  });
  const url = started.checkout?.kind === 'redirect' ? started.checkout.url : '';
  expect((await pressSandboxButton(url, 'pay')).status).toBe(200);
  await waitUntil(client, 'the payment paid in the cache', async () => {
    const list = await client.invoke('payments:list', { status: 'paid' });
    return list.some((p) => p.id === started.id) ? list : null;
  });
  return started.id;
}
