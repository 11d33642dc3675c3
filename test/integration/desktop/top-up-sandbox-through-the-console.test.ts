import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Payment } from '../../../src/shared/api/payments.js';
import type { EventPayload, TopUpTrack } from '../../../src/shared/ipc-contract.js';
import { newestFeedPosition } from '../../support/billing-state.js';
import {
  waitForOutbox,
  waitForStatus,
  waitUntil,
  waitUntilSettled,
  type CoreClient,
} from '../../support/core-client.js';
import { DesktopScene } from '../../support/desktop-scene.js';
import { pressSandboxButton } from '../../support/payments.js';
import { createReseller, customerWithWallet, get } from '../../support/tenant-over-http.js';

/** The payment a top-up became, once it satisfies `predicate` (followed from its local id). */
function waitForPayment(
  client: CoreClient,
  localId: string,
  what: string,
  predicate: (payment: Payment) => boolean,
): Promise<Payment> {
  return waitUntil(client, what, async (note) => {
    const track: TopUpTrack | null = await client.invoke('payments:get', { paymentId: localId });
    note(track?.kind === 'payment' ? { status: track.payment.status } : track);
    return track?.kind === 'payment' && predicate(track.payment) ? track.payment : null;
  });
}

describe('desktop core: a sandbox top-up', () => {
  let scene: DesktopScene;
  beforeEach(() => {
    scene = new DesktopScene();
  });
  afterEach(() => scene.close());

  async function signedIn() {
    const api = await scene.api();
    const acme = await createReseller(api.url, 'Acme Proxies');
    const { walletId } = await customerWithWallet(api.url, acme.apiKey, {
      name: 'Alice Nguyen',
      balance: 10_000,
    });
    const { core, client } = await scene.core();
    const notices: Array<EventPayload<'payments:status-changed'>> = [];
    client.on('payments:status-changed', (notice) => notices.push(notice));
    await client.invoke('session:connect', { method: 'api_key', url: api.url, apiKey: acme.apiKey });
    const newest = await newestFeedPosition(api.url, acme.apiKey);
    await waitUntilSettled(client, () => core.cache.cursor() >= newest);
    return { api, acme, walletId, core, client, notices };
  }

  it('starts through IPC, is paid on the hosted page, and reaches the cache as paid with the wallet credited', async () => {
    const { api, acme, walletId, client, notices } = await signedIn();

    const options = await client.invoke('top-ups:options', { walletId });
    expect(options).toMatchObject({ walletId, offline: false, limits: { currency: 'USD' } });
    expect(options.methods.map((m) => m.provider)).toContain('sandbox');

    const queued = await client.invoke('top-ups:create', { walletId, amount: 2_500, provider: 'sandbox' });
    expect(queued).toMatchObject({ kind: 'payment.create', walletId, payload: { amount: 2_500 } });
    const localId = String(queued.payload.localId);

    const started = await waitForPayment(client, localId, 'the payment with its hosted page', () => true);
    expect(started).toMatchObject({ status: 'new', amount: 2_500, currency: 'USD', provider: 'sandbox' });
    expect(started.checkout?.kind).toBe('redirect');
    const url = started.checkout?.kind === 'redirect' ? started.checkout.url : '';
    expect(url.startsWith(`${api.url}/sandbox/checkout/`)).toBe(true);
    // The console may hand that page to the system browser (loopback is on the allow-list).
    expect(await client.call('links:open', { url })).toEqual({ ok: true, value: { opened: false } });

    // The payer pays on the hosted page, as a browser submits its form.
    expect((await pressSandboxButton(url, 'pay')).status).toBe(200);

    const paid = await waitForPayment(
      client,
      localId,
      'the payment paid in the cache',
      (p) => p.status === 'paid',
    );
    // Test mode, in the cache as on the server: the payment and its ledger row say "test".
    expect(paid).toMatchObject({ id: started.id, transactionId: expect.any(String), test: true });
    const wallet = await waitUntil(client, 'the credited balance', async (note) => {
      const w = await client.invoke('wallets:get', { walletId });
      note(w?.balance);
      return w?.balance === 12_500 ? w : null;
    });
    expect(wallet).toMatchObject({ balance: 12_500, pending: false });
    const history = await client.invoke('wallets:history', { walletId, limit: 10 });
    expect(history.items[0]).toMatchObject({
      id: paid.transactionId,
      type: 'top_up',
      amount: 2_500,
      test: true,
      description: expect.stringMatching(/^Test top-up .*no real money/),
    });

    // The server agrees, and the console said so once.
    expect(await get(api.url, acme.apiKey, `/v1/payments/${started.id}`)).toMatchObject({ status: 'paid' });
    expect(notices).toEqual([
      expect.objectContaining({ paymentId: started.id, status: 'paid', amount: 2_500, currency: 'USD' }),
    ]);
    expect(await client.invoke('payments:list', { status: 'paid' })).toEqual([paid]);
    expect(await client.invoke('outbox:list', {})).toEqual([]);
  });

  it('made while the API is down, waits in the outbox, starts when it is back, and a decline ends it', async () => {
    const { api, walletId, client, notices } = await signedIn();
    // Options seen online are what the form offers offline.
    await client.invoke('top-ups:options', { walletId });

    await api.stop();
    await waitForStatus(client, (s) => s.state === 'offline');
    expect(await client.invoke('top-ups:options', { walletId })).toMatchObject({ offline: true });
    const queued = await client.invoke('top-ups:create', { walletId, amount: 1_000, provider: 'sandbox' });
    const localId = String(queued.payload.localId);
    await waitForOutbox(client, (items) => items.length === 1 && items[0]!.state === 'pending');
    expect(await client.invoke('payments:get', { paymentId: localId })).toMatchObject({
      kind: 'queued',
      item: { kind: 'payment.create', state: 'pending' },
    });
    expect(await client.invoke('sync:status', {})).toMatchObject({ state: 'offline', pendingCount: 1 });

    await api.restart();
    const started = await waitForPayment(client, localId, 'the queued top-up started', () => true);
    expect(started).toMatchObject({ status: 'new', amount: 1_000 });
    await waitForOutbox(client, (items) => items.length === 0);

    const url = started.checkout?.kind === 'redirect' ? started.checkout.url : '';
    expect((await pressSandboxButton(url, 'decline')).status).toBe(200);
    const failed = await waitForPayment(
      client,
      localId,
      'the declined payment',
      (p) => p.status === 'failed',
    );
    expect(failed.failureReason).toEqual(expect.any(String));
    expect(await client.invoke('wallets:get', { walletId })).toMatchObject({ balance: 10_000 });
    await waitUntil(client, 'the failure notice', async () => (notices.length > 0 ? notices : null));
    // Why, as codes a notification words in the console's language (notification-text.ts).
    expect(notices).toEqual([
      expect.objectContaining({ paymentId: started.id, status: 'failed', failureCode: failed.failureCode }),
    ]);
    expect(failed.failureCode).toBe('declined');
  });
});
