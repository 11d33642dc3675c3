import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newestFeedPosition } from '../../support/billing-state.js';
import { waitForOutbox, waitForStatus, waitUntil, waitUntilSettled } from '../../support/core-client.js';
import { DesktopScene } from '../../support/desktop-scene.js';
import { http } from '../../support/http.js';
import { createReseller, customerWithWallet } from '../../support/tenant-over-http.js';

/** A port nothing listens on: every call the API makes to "Stripe" fails to connect. */
const UNREACHABLE = 'http://127.0.0.1:9';

describe('desktop core: a top-up queued offline that the gateway then fails', () => {
  let scene: DesktopScene;
  beforeEach(() => {
    scene = new DesktopScene();
  });
  afterEach(() => scene.close());

  it('ends rejected with the server’s reason (the payment failed, nothing pending), not "1 change pending" for ever', async () => {
    const api = await scene.api(undefined, { GATEWAY_STRIPE_API_BASE_URL: UNREACHABLE });
    const acme = await createReseller(api.url, 'Acme Proxies');
    const { walletId } = await customerWithWallet(api.url, acme.apiKey, { name: 'Alice Nguyen', balance: 0 });
    for (const [method, path, body] of [
      [
        'PUT',
        '/v1/payment-settings/credentials/stripe',
        {
          credentials: { secretKey: 'sk_test_unreachable', webhookSecret: 'whsec_abc', accountId: 'acct_1' },
        },
      ],
      [
        'PATCH',
        '/v1/payment-settings',
        {
          methods: [
            {
              provider: 'stripe',
              enabled: true,
              label: 'Card',
              feeBasisPoints: 0,
              processingTime: 'Instant',
            },
          ],
        },
      ],
    ] as const) {
      const reply = await http(api.url, method, path, { token: acme.apiKey, body });
      expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    }

    const { core, client } = await scene.core();
    await client.invoke('session:connect', { method: 'api_key', url: api.url, apiKey: acme.apiKey });
    const newest = await newestFeedPosition(api.url, acme.apiKey);
    await waitUntilSettled(client, () => core.cache.cursor() >= newest);
    await client.invoke('top-ups:options', { walletId });

    // Made offline: queued.
    await api.stop();
    await waitForStatus(client, (s) => s.state === 'offline');
    const queued = await client.invoke('top-ups:create', { walletId, amount: 2_500, provider: 'stripe' });
    expect(await client.invoke('sync:status', {})).toMatchObject({ pendingCount: 1 });

    // Back online: the API creates the payment, the gateway cannot be reached, the payment fails
    // and the API answers 502 (and the same 502 to every replay of that idempotency key).
    await api.restart();
    const status = await waitForStatus(client, (s) => s.pendingCount === 0 && s.rejectedCount === 1);
    expect(status).toMatchObject({ pendingCount: 0, rejectedCount: 1 });
    const [item] = await waitForOutbox(
      client,
      (items) => items.length === 1 && items[0]!.state === 'rejected',
    );
    expect(item).toMatchObject({
      id: queued.id,
      kind: 'payment.create',
      state: 'rejected',
      error: { code: 'gateway_unavailable', message: expect.stringMatching(/could not be reached/) },
    });
    // The failed payment itself reaches the Payments list through the feed.
    const failed = await waitUntil(client, 'the failed payment in the cache', async (note) => {
      const list = await client.invoke('payments:list', {});
      note(list.map((p) => p.status));
      return list.length === 1 && list[0]!.status === 'failed' ? list[0]! : null;
    });
    expect(failed).toMatchObject({ amount: 2_500, provider: 'stripe', status: 'failed', walletId });

    // Once discarded, nothing is pending or rejected any more.
    await client.invoke('outbox:discard', { id: queued.id });
    await waitForStatus(client, (s) => s.pendingCount === 0 && s.rejectedCount === 0);
    // The Stripe SDK's own retries of the unreachable host take most of this.
  }, 120_000);
});
