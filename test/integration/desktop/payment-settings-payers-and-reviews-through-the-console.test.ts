import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PaymentReview } from '../../../src/shared/api/payments.js';
import type { TopUpTrack } from '../../../src/shared/ipc-contract.js';
import { newestFeedPosition } from '../../support/billing-state.js';
import { waitUntil, waitUntilSettled, type CoreClient } from '../../support/core-client.js';
import { DesktopScene } from '../../support/desktop-scene.js';
import { http } from '../../support/http.js';
import { pressSandboxButton, sandboxEventId, signedSandboxEvent } from '../../support/payments.js';
import { createReseller, customerWithWallet, post } from '../../support/tenant-over-http.js';

const SECRET = 'sbwhsec_console_it_0123456789abcdef';

describe('desktop core: payment settings, payers and reviews against a real API', () => {
  let scene: DesktopScene;
  beforeEach(() => {
    scene = new DesktopScene();
  });
  afterEach(() => scene.close());

  async function signedIn() {
    const api = await scene.api();
    const acme = await createReseller(api.url, 'Acme Proxies');
    const { customerId, walletId } = await customerWithWallet(api.url, acme.apiKey, {
      name: 'Alice Nguyen',
      balance: 10_000,
    });
    const { core, client } = await scene.core();
    await client.invoke('session:connect', { method: 'api_key', url: api.url, apiKey: acme.apiKey });
    const newest = await newestFeedPosition(api.url, acme.apiKey);
    await waitUntilSettled(client, () => core.cache.cursor() >= newest);
    return { api, acme, customerId, walletId, client };
  }

  it('limits and methods changed in the console are what top-ups:options then offers; credentials stay write-only', async () => {
    const { api, walletId, client } = await signedIn();

    const before = await client.invoke('payment-settings:get', {});
    expect(before.limits).toEqual([]);
    const { available, ...sandbox } = before.methods.find((m) => m.provider === 'sandbox')!;
    expect(sandbox.enabled && available).toBe(true);
    expect((await client.invoke('top-ups:options', { walletId })).limits.minAmount).toBe(50);

    const after = await client.invoke('payment-settings:update', {
      limits: [{ currency: 'USD', minAmount: 1_000, maxAmount: 500_000, presets: [1_000, 5_000] }],
      methods: [{ ...sandbox, label: 'Test card', feeBasisPoints: 125 }],
    });
    expect(after.limits).toEqual([
      { currency: 'USD', minAmount: 1_000, maxAmount: 500_000, presets: [1_000, 5_000] },
    ]);
    expect(await client.invoke('top-ups:options', { walletId })).toMatchObject({
      limits: { currency: 'USD', minAmount: 1_000, maxAmount: 500_000, presets: [1_000, 5_000] },
      methods: [{ provider: 'sandbox', label: 'Test card', feeBasisPoints: 125 }],
      offline: false,
    });

    await client.invoke('payment-settings:update', { methods: [{ ...sandbox, enabled: false }] });
    expect((await client.invoke('top-ups:options', { walletId })).methods).toEqual([]);

    // The API's own refusals name their field.
    expect(
      await client.call('payment-settings:update', { methods: [sandbox, { ...sandbox, label: 'Again' }] }),
    ).toMatchObject({ ok: false, error: { code: 'validation', field: 'methods' } });
    expect(
      await client.call('payment-settings:set-credentials', {
        provider: 'stripe',
        credentials: { secretKey: 'not-a-key', webhookSecret: 'whsec_abc', accountId: 'acct_1' },
      }),
    ).toMatchObject({ ok: false, error: { code: 'validation', field: 'credentials.secretKey' } });

    // Stored, and never seen again: only "configured".
    expect(
      await client.call('payment-settings:set-credentials', {
        provider: 'sandbox',
        credentials: { webhookSecret: SECRET },
      }),
    ).toEqual({ ok: true, value: { provider: 'sandbox', configured: true } });
    const settings = await client.invoke('payment-settings:get', {});
    expect(settings.credentialsConfigured).toEqual(['sandbox']);
    expect(JSON.stringify(settings)).not.toContain(SECRET);

    await api.stop();
    expect(await client.call('payment-settings:get', {})).toMatchObject({
      ok: false,
      error: { code: 'offline' },
    });
    expect(await client.call('payers:list', { customerId: 'cus_x' })).toMatchObject({
      ok: false,
      error: { code: 'offline' },
    });
  });

  it('lists payers and saved methods, sets the default and deletes; shows and resolves reviews', async () => {
    const { api, acme, customerId, walletId, client } = await signedIn();

    expect(await client.invoke('payers:list', { customerId })).toEqual([]);
    const accounts = await client.invoke('payers:create', {
      customerId,
      name: 'Accounts',
      email: 'ap@example.com',
    });
    const home = await client.invoke('payers:create', { customerId, name: 'Home' });
    expect(await client.invoke('payers:list', { customerId })).toMatchObject([
      { id: accounts.id, name: 'Accounts', email: 'ap@example.com', isDefault: true },
      { id: home.id, name: 'Home', isDefault: false },
    ]);

    // A method is saved by a paid top-up that asked for it.
    const queued = await client.invoke('top-ups:create', {
      walletId,
      amount: 2_500,
      provider: 'sandbox',
      payerId: home.id,
      saveMethod: true,
    });
    const started = await waitUntil(client, 'the payment with its hosted page', async (note) => {
      const track: TopUpTrack | null = await client.invoke('payments:get', {
        paymentId: String(queued.payload.localId),
      });
      note(track);
      return track?.kind === 'payment' ? track.payment : null;
    });
    expect(await client.invoke('saved-methods:list', { customerId })).toMatchObject([
      { id: started.savesMethodId, payerId: home.id, status: 'pending' },
    ]);
    const url = started.checkout?.kind === 'redirect' ? started.checkout.url : '';
    expect((await pressSandboxButton(url, 'pay')).status).toBe(200);
    const confirmed = await waitUntil(client, 'the saved method confirmed', async (note) => {
      const methods = await client.invoke('saved-methods:list', { customerId, payerId: home.id });
      note(methods);
      return methods[0]?.status === 'confirmed' ? methods[0] : null;
    });
    expect(confirmed).toMatchObject({ label: 'Card •••• 4242', provider: 'sandbox' });
    expect(await client.invoke('saved-methods:list', { customerId, payerId: accounts.id })).toEqual([]);

    expect(await client.invoke('saved-methods:set-default', { methodId: confirmed.id })).toMatchObject({
      id: confirmed.id,
      isDefault: true,
    });
    expect((await client.invoke('top-ups:options', { walletId })).savedMethods).toMatchObject([
      { id: confirmed.id, isDefault: true },
    ]);
    expect(await client.invoke('saved-methods:delete', { methodId: confirmed.id })).toEqual({
      deleted: true,
    });
    expect(await client.invoke('saved-methods:list', { customerId })).toEqual([]);
    expect(await client.call('saved-methods:delete', { methodId: confirmed.id })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });

    // Another reseller receives a genuinely signed event for one of Acme's payments: its review list.
    expect(await client.invoke('payment-reviews:list', {})).toEqual({ items: [], nextCursor: null });
    const other = await createReseller(api.url, 'Other Shop');
    await client.invoke('session:connect', { method: 'api_key', url: api.url, apiKey: other.apiKey });
    await client.invoke('payment-settings:set-credentials', {
      provider: 'sandbox',
      credentials: { webhookSecret: SECRET },
    });
    const acmePayment = await post(api.url, acme.apiKey, `/v1/wallets/${walletId}/top-ups`, {
      amount: 1_000,
      provider: 'sandbox',
    });
    const event = signedSandboxEvent(
      {
        id: sandboxEventId(),
        type: 'checkout.paid',
        checkout: String(acmePayment.checkout.url).split('/').pop()!,
        reference: acmePayment.id,
      },
      { secret: SECRET },
    );
    const reviewsOnceThere = reviewsAnnounced(client);
    const delivered = await fetch(`${api.url}/v1/webhooks/sandbox/${other.resellerId}`, {
      method: 'POST',
      headers: event.headers,
      body: event.body,
    });
    expect(delivered.status).toBe(200);
    const [review] = await reviewsOnceThere();
    expect(review).toMatchObject({
      provider: 'sandbox',
      reason: 'unmatched',
      status: 'open',
      paymentId: null,
    });
    expect(await client.invoke('payment-reviews:resolve', { reviewId: review!.id })).toMatchObject({
      id: review!.id,
      status: 'resolved',
    });
    expect(await client.invoke('payment-reviews:list', { status: 'open' })).toEqual({
      items: [],
      nextCursor: null,
    });
    expect(await client.invoke('payment-reviews:list', { status: 'resolved' })).toMatchObject({
      items: [{ id: review!.id }],
      nextCursor: null,
    });
    // And nothing of it reached Acme's list.
    expect((await http(api.url, 'GET', '/v1/payment-reviews', { token: acme.apiKey })).body).toEqual({
      items: [],
      nextCursor: null,
    });
  });
});

/**
 * The webhook answers before the API processes the event; the review then reaches the console's
 * feed, which announces it as `payment_reviews` touched. Listen first (call before the delivery),
 * await after: one look at the list once the console says it moved.
 */
function reviewsAnnounced(client: CoreClient): () => Promise<PaymentReview[]> {
  let off: () => void = () => undefined;
  const announced = new Promise<void>((resolve) => {
    off = client.on('cache:tables-changed', ({ tables }) => {
      if (tables.includes('payment_reviews')) resolve();
    });
  });
  return async () => {
    await announced;
    off();
    return (await client.invoke('payment-reviews:list', {})).items;
  };
}
