import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { key } from '../../support/api.js';
import { DIALECTS } from '../../support/databases.js';
import { startPayPalEmulator, type PayPalEmulator } from '../../support/emulators/paypal.js';
import { startStripeEmulator, type StripeEmulator } from '../../support/emulators/stripe.js';
import { GatewayScene, must, openShop, sceneClock, type Shop } from '../../support/gateway-flow.js';
import { http } from '../../support/http.js';

/**
 * A method saved through a real gateway's checkout comes back in the provider's status answer
 * (ProviderPaymentSnapshot.savedMethod): the saved method is confirmed with the provider's token and
 * a label the payer recognises, and a later top-up charges it without a redirect.
 */
describe.each(DIALECTS)('saved methods through real gateways on %s', (dialect) => {
  let scene: GatewayScene;
  let shop: Shop;
  let closeEmulator: () => Promise<void>;

  afterEach(async () => {
    await scene.close();
    await closeEmulator();
  });

  const payer = async () =>
    must(
      http(scene.baseUrl, 'POST', `/v1/customers/${shop.customerId}/payers`, {
        token: shop.admin,
        body: { name: 'Accounts payable' },
      }),
    );
  const savedMethods = async () =>
    (
      await must(
        http(scene.baseUrl, 'GET', `/v1/customers/${shop.customerId}/payment-methods`, { token: shop.admin }),
      )
    ).items as any[];
  /** A top-up charging a saved method: answered at once, no checkout to open. */
  const chargeSaved = async (provider: string, payerId: string, savedMethodId: string, amount: number) => {
    const reply = await http(scene.baseUrl, 'POST', `/v1/wallets/${shop.walletId}/top-ups`, {
      token: shop.admin,
      key: key('saved'),
      body: { amount, provider, payerId, savedMethodId },
    });
    expect(reply.status, JSON.stringify(reply.body)).toBe(201);
    return reply.body;
  };

  describe('stripe', () => {
    let stripe: StripeEmulator;

    beforeEach(async () => {
      const clock = sceneClock();
      stripe = await startStripeEmulator({
        secretKey: 'sk_test_51SavedMethods',
        accountId: 'acct_1SavedMethods',
        webhook: { secret: 'whsec_saved' },
        now: clock.now,
      });
      closeEmulator = () => stripe.close();
      scene = await GatewayScene.start(dialect, { apiBaseUrls: { stripe: stripe.baseUrl } }, clock);
      shop = await openShop(scene.baseUrl, 'Saved Stripe', 'USD');
      await scene.offer(shop, 'stripe', {
        secretKey: 'sk_test_51SavedMethods',
        webhookSecret: 'whsec_saved',
        accountId: 'acct_1SavedMethods',
      });
      stripe.setWebhookUrl(scene.webhookUrl('stripe', shop.resellerId));
    });

    it('the card paid with is confirmed as "Visa •••• 4242" with its customer/method token, then charged off-session', async () => {
      const { id: payerId } = await payer();
      const before = await scene.balance(shop);
      const first = await scene.topUp(shop, { amount: 2_000, provider: 'stripe', payerId, saveMethod: true });
      expect((await savedMethods()).map((m) => m.status)).toEqual(['pending']);
      await stripe.pay((first.checkout.url as string).split('/').pop()!, { last4: '4242' });
      await scene.drain();
      await scene.expectCreditedOnce(shop, first.id, 2_000, before);

      const [saved] = await savedMethods();
      expect(saved).toMatchObject({ status: 'confirmed', provider: 'stripe', label: 'Visa •••• 4242' });
      const row = await scene.api.db.store.db
        .selectFrom('saved_methods')
        .select('token')
        .where('id', '=', saved.id)
        .executeTakeFirstOrThrow();
      expect(row.token).toMatch(/^cus_\w+\/pm_\w+$/);

      const second = await chargeSaved('stripe', payerId, saved.id, 3_000);
      expect(second).toMatchObject({ status: 'paid', checkout: { kind: 'none' } });
      await scene.expectCreditedOnce(shop, second.id, 3_000, before + 2_000);
      // Charged as a PaymentIntent of its own, not through another hosted page.
      expect(
        stripe.requests.filter((r) => r.method === 'POST' && r.path === '/v1/payment_intents'),
      ).toHaveLength(1);
    });

    it("a declined charge keeps the issuer's decline code on the failed payment beside the code declined", async () => {
      const { id: payerId } = await payer();
      const before = await scene.balance(shop);
      // Stripe's test card ending 9995 pays at the hosted page, and is declined for insufficient funds.
      const first = await scene.topUp(shop, { amount: 2_000, provider: 'stripe', payerId, saveMethod: true });
      await stripe.pay((first.checkout.url as string).split('/').pop()!, { last4: '9995' });
      await scene.drain();
      const [saved] = await savedMethods();

      const declined = await chargeSaved('stripe', payerId, saved.id, 3_000);
      const failed = {
        status: 'failed',
        failureCode: 'declined',
        failureReason: 'The payment was declined.',
        declineCode: 'insufficient_funds',
      };
      expect(declined).toMatchObject(failed);
      expect(await scene.payment(shop, declined.id)).toMatchObject(failed);
      await scene.expectNothingCredited(shop, declined.id, before + 2_000);

      // A decline code no test card has, as Stripe gives it: kept as it came.
      stripe.declineCharges('do_not_honor');
      const again = await chargeSaved('stripe', payerId, saved.id, 3_000);
      expect(again).toMatchObject({ ...failed, declineCode: 'do_not_honor' });
    });
  });

  describe('paypal', () => {
    let paypal: PayPalEmulator;
    const APP = { clientId: 'AeSavedMethodsClient', clientSecret: 'ESavedMethodsSecret' };

    beforeEach(async () => {
      const clock = sceneClock();
      paypal = await startPayPalEmulator({
        ...APP,
        merchantId: 'SAVEDMETHOD01',
        webhookId: 'WHSAVED0001',
        now: clock.now,
      });
      closeEmulator = () => paypal.close();
      scene = await GatewayScene.start(dialect, { apiBaseUrls: { paypal: paypal.baseUrl } }, clock);
      shop = await openShop(scene.baseUrl, 'Saved PayPal', 'USD');
      await scene.offer(shop, 'paypal', {
        ...APP,
        webhookId: 'WHSAVED0001',
        merchantId: 'SAVEDMETHOD01',
        environment: 'sandbox',
      });
      paypal.setWebhookUrl(scene.webhookUrl('paypal', shop.resellerId));
    });

    it('the approving account is vaulted: confirmed with its vault id and email, then charged without the payer', async () => {
      const { id: payerId } = await payer();
      const before = await scene.balance(shop);
      const first = await scene.topUp(shop, { amount: 2_500, provider: 'paypal', payerId, saveMethod: true });
      const order = new URL(first.checkout.url).searchParams.get('token')!;
      await paypal.approve(order, { email: 'ap@example.com' });
      await scene.drain();
      await paypal.settled();
      await scene.drain();
      await scene.expectCreditedOnce(shop, first.id, 2_500, before);

      const [saved] = await savedMethods();
      expect(saved).toMatchObject({
        status: 'confirmed',
        provider: 'paypal',
        label: 'PayPal ap@example.com',
      });
      const row = await scene.api.db.store.db
        .selectFrom('saved_methods')
        .select('token')
        .where('id', '=', saved.id)
        .executeTakeFirstOrThrow();
      expect(row.token).toEqual(expect.any(String));
      expect(row.token).not.toBe('');

      const second = await chargeSaved('paypal', payerId, saved.id, 1_500);
      expect(second).toMatchObject({ status: 'paid', checkout: { kind: 'none' } });
      await scene.expectCreditedOnce(shop, second.id, 1_500, before + 2_500);
    });

    it("a declined charge keeps PayPal's reason as its decline code on the failed payment beside the code declined", async () => {
      const { id: payerId } = await payer();
      const before = await scene.balance(shop);
      const first = await scene.topUp(shop, { amount: 2_500, provider: 'paypal', payerId, saveMethod: true });
      await paypal.approve(new URL(first.checkout.url).searchParams.get('token')!);
      await scene.drain();
      await paypal.settled();
      await scene.drain();
      const [saved] = await savedMethods();

      for (const issue of ['INSTRUMENT_DECLINED', 'PAYER_ACTION_REQUIRED', 'TRANSACTION_REFUSED']) {
        paypal.declineCharges(issue);
        const declined = await chargeSaved('paypal', payerId, saved.id, 1_500);
        const failed = { status: 'failed', failureCode: 'declined', declineCode: issue };
        expect(declined, issue).toMatchObject(failed);
        expect(await scene.payment(shop, declined.id), issue).toMatchObject(failed);
        await scene.expectNothingCredited(shop, declined.id, before + 2_500);
      }
    });
  });
});
