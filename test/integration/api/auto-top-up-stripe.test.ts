import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../support/databases.js';
import type { StripeEmulator } from '../../support/emulators/stripe.js';
import { must, type GatewayScene, type Shop } from '../../support/gateway-flow.js';
import { http } from '../../support/http.js';
import { openStripeShop, saveStripeCard, type StripeShop } from '../../support/stripe-shop.js';

/**
 * Auto top-up through the Stripe emulator: the card saved at a hosted checkout is charged
 * off-session as a PaymentIntent of its own; a card that declines off-session (test number ending
 * 0002) fails the charge, which backs off. Amounts are minor units of USD.
 */
describe.each(DIALECTS)('auto top-up with Stripe on %s', (dialect) => {
  let s: StripeShop;
  let scene: GatewayScene;
  let shop: Shop;
  let stripe: StripeEmulator;

  beforeEach(async () => {
    s = await openStripeShop(dialect, 'Auto Stripe', {
      secretKey: 'sk_test_51AutoTopUp',
      accountId: 'acct_1AutoTopUp',
      webhookSecret: 'whsec_auto',
    });
    ({ scene, shop, stripe } = s);
  });
  afterEach(() => s.close());

  /** A card saved at Stripe's hosted checkout by paying 2 000 with it. */
  const savedCard = async (last4: string) => (await saveStripeCard(s, { last4 })).savedMethodId;
  const autoTopUp = async () =>
    must(http(scene.baseUrl, 'GET', `/v1/wallets/${shop.walletId}/auto-top-up`, { token: shop.admin }));
  const setUp = (paymentMethodId: string) =>
    must(
      http(scene.baseUrl, 'PUT', `/v1/wallets/${shop.walletId}/auto-top-up`, {
        token: shop.admin,
        body: { enabled: true, threshold: 1_500, amount: 5_000, paymentMethodId },
      }),
    );
  const spend = (amount: number) =>
    must(
      http(scene.baseUrl, 'POST', `/v1/wallets/${shop.walletId}/debits`, {
        token: shop.admin,
        key: `spend-${Math.random()}`,
        body: { amount, description: 'usage' },
      }),
    );
  const intents = () =>
    stripe.requests.filter((r) => r.method === 'POST' && r.path === '/v1/payment_intents');

  it('a crossing charges the saved card off-session once, as a PaymentIntent of its own', async () => {
    const methodId = await savedCard('4242');
    await setUp(methodId);
    await spend(1_000);
    expect((await autoTopUp()).state).toBe('due');
    await scene.api.app.autoTopUps.run();
    await scene.api.app.autoTopUps.run();
    expect(intents()).toHaveLength(1);
    expect(await scene.balance(shop)).toBe(2_000 - 1_000 + 5_000);
    expect(await autoTopUp()).toMatchObject({ state: 'idle', consecutiveFailures: 0, paymentId: null });
  });

  it('a card declined off-session fails the charge: backed off 15 min, reported, nothing credited', async () => {
    const methodId = await savedCard('0002');
    await setUp(methodId);
    await spend(1_000);
    await scene.api.app.autoTopUps.run();
    const state = await autoTopUp();
    expect(state).toMatchObject({ state: 'due', consecutiveFailures: 1, enabled: true });
    expect(Date.parse(state.nextAttemptAt) - scene.clock.now().getTime()).toBe(15 * 60_000);
    expect(await scene.balance(shop)).toBe(1_000);
    const alerts = await must(
      http(scene.baseUrl, 'GET', `/v1/wallets/${shop.walletId}/alerts`, { token: shop.admin }),
    );
    expect(alerts.items.map((a: any) => a.type)).toEqual(['wallet.auto_top_up_failed']);
    // The decline as the payment's failure code beside the server's English, on the setting and the
    // alert: the console and the emails word it in their reader's language.
    // The bank's decline code too (Stripe's test card 0002: generic_decline), for the words to say why.
    const declined = { key: 'payment_failed', values: { code: 'declined', declineCode: 'generic_decline' } };
    expect(state).toMatchObject({ lastError: 'The payment was declined.' });
    expect(state.lastErrorReason).toEqual(declined);
    expect(alerts.items[0].autoTopUp).toMatchObject({
      error: 'The payment was declined.',
      errorReason: declined,
    });
    // The attempt's log row says it as data too, beside the same English.
    const attempts = await scene.api.db.store.db
      .selectFrom('auto_top_up_attempts')
      .select(['status', 'error', 'error_reason'])
      .where('wallet_id', '=', shop.walletId)
      .execute();
    expect(attempts.map((a) => ({ ...a, error_reason: JSON.parse(a.error_reason ?? 'null') }))).toEqual([
      { status: 'failed', error: 'The payment was declined.', error_reason: declined },
    ]);
    // The auto top-up panel reads the same attempt through the API.
    const listed = await must(
      http(scene.baseUrl, 'GET', `/v1/wallets/${shop.walletId}/auto-top-up/attempts`, { token: shop.admin }),
    );
    expect(listed.items).toMatchObject([
      {
        amount: 5_000,
        currency: 'USD',
        status: 'failed',
        error: 'The payment was declined.',
        errorReason: declined,
        waitingOn: null,
      },
    ]);
    // Not due yet: a second run asks Stripe nothing.
    const asked = intents().length;
    await scene.api.app.autoTopUps.run();
    expect(intents()).toHaveLength(asked);
  });
});
