import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EventPayload, TopUpTrack } from '../../../src/shared/ipc-contract.js';
import { newestFeedPosition } from '../../support/billing-state.js';
import { waitUntil, waitUntilSettled } from '../../support/core-client.js';
import { DesktopScene } from '../../support/desktop-scene.js';
import { pressSandboxButton } from '../../support/payments.js';
import { createReseller, customerWithWallet, get, post } from '../../support/tenant-over-http.js';

/**
 * A customer tops up from their console, pays at the provider while their wallet is closed (the
 * payment is held for staff), and staff apply its money to another customer's wallet: the payment
 * becomes that customer's (payment-reviews/apply.ts). The first customer's console no longer lists
 * or opens it, and does not tell them a top-up of theirs was paid.
 */
describe("desktop core: a held payment staff apply to another customer's wallet", () => {
  let scene: DesktopScene;
  beforeEach(() => {
    scene = new DesktopScene();
  });
  afterEach(() => scene.close());

  it("leaves the first customer's console, with no paid notice", async () => {
    const api = await scene.api();
    const shop = await createReseller(api.url, 'Moved Money Shop');
    const ana = await customerWithWallet(api.url, shop.apiKey, { name: 'Ana Pham', balance: 0 });
    const ben = await customerWithWallet(api.url, shop.apiKey, { name: 'Ben Vo', balance: 0 });
    const anaKey = (
      await post(api.url, shop.apiKey, '/v1/api-keys', {
        name: 'Ana portal',
        role: 'customer',
        customerId: ana.customerId,
      })
    ).key as string;

    const { core, client } = await scene.core();
    const notices: Array<EventPayload<'payments:status-changed'>> = [];
    client.on('payments:status-changed', (notice) => notices.push(notice));
    await client.invoke('session:connect', { method: 'api_key', url: api.url, apiKey: anaKey });
    const synced = async () => {
      const newest = await newestFeedPosition(api.url, anaKey);
      await waitUntilSettled(client, () => core.cache.cursor() >= newest);
    };
    await synced();

    // Ana tops up from her console; her wallet is closed before she pays: the payment is held.
    const queued = await client.invoke('top-ups:create', {
      walletId: ana.walletId,
      amount: 2_500,
      provider: 'sandbox',
    });
    const started = await waitUntil(client, 'the hosted page', async () => {
      const track: TopUpTrack | null = await client.invoke('payments:get', {
        paymentId: String(queued.payload.localId),
      });
      return track?.kind === 'payment' && track.payment.checkout?.kind === 'redirect' ? track.payment : null;
    });
    await post(api.url, shop.apiKey, `/v1/wallets/${ana.walletId}/close`, {});
    const url = started.checkout?.kind === 'redirect' ? started.checkout.url : '';
    expect((await pressSandboxButton(url, 'pay')).status).toBe(200);
    await waitUntil(client, 'the payment held in her console', async () => {
      const [held] = await client.invoke('payments:list', { paymentIds: [started.id] });
      return held?.heldForReview ? held : null;
    });

    // Staff apply its money to Ben's wallet.
    const reviews = (await get(api.url, shop.apiKey, '/v1/payment-reviews?status=open')).items as Array<{
      id: string;
      paymentId: string | null;
    }>;
    const review = reviews.find((r) => r.paymentId === started.id);
    await post(api.url, shop.apiKey, `/v1/payment-reviews/${review!.id}/apply`, { walletId: ben.walletId });
    await synced();
    expect(core.cache.payment(started.id)).toMatchObject({ customerId: ben.customerId, status: 'paid' });

    // What Ana sees: the payment is gone from her Payments, cannot be opened, and nothing said it was paid.
    expect((await client.invoke('payments:list', {})).map((p) => p.id)).not.toContain(started.id);
    expect(await client.invoke('payments:list', { walletId: ana.walletId })).toEqual([]);
    expect(await client.invoke('payments:get', { paymentId: started.id })).toBeNull();
    expect(notices.filter((n) => n.paymentId === started.id)).toEqual([]);
  });
});
