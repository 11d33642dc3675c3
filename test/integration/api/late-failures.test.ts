import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { key } from '../../support/api.js';
import { DIALECTS } from '../../support/databases.js';
import { startCryptomusEmulator, type CryptomusEmulator } from '../../support/emulators/cryptomus.js';
import type { PayPalEmulator } from '../../support/emulators/paypal.js';
import { sendDelivery } from '../../support/emulators/stripe-paypal-cryptomus-server.js';
import { startStripeEmulator, type StripeEmulator } from '../../support/emulators/stripe.js';
import { GatewayScene, openShop, sceneClock, type Shop } from '../../support/gateway-flow.js';
import { http } from '../../support/http.js';
import { openPayPalShop, paidAtPayPal } from '../../support/paypal-shop.js';

/**
 * Money taken back after it was credited: a Stripe dispute (lost, won), a PayPal reversal or a refund
 * made at PayPal, a Cryptomus refund. Each is reconciled from the provider's own totals: the wallet
 * is debited what it can cover, held for new spending while it owes the rest, a review is opened, and
 * a won dispute or a repeated event never moves money twice.
 */
describe.each(DIALECTS)('late payment failures on %s', (dialect) => {
  const debit = (scene: GatewayScene, shop: Shop, amount: number) =>
    http(scene.baseUrl, 'POST', `/v1/wallets/${shop.walletId}/debits`, {
      token: shop.admin,
      key: key(),
      body: { amount, description: 'Order' },
    });
  const wallet = async (scene: GatewayScene, shop: Shop) =>
    (await http(scene.baseUrl, 'GET', `/v1/wallets/${shop.walletId}`, { token: shop.admin })).body;
  const adjustments = async (scene: GatewayScene, shop: Shop) =>
    (
      await http(scene.baseUrl, 'GET', `/v1/wallets/${shop.walletId}/transactions?type=adjustment`, {
        token: shop.admin,
      })
    ).body.items.map((r: any) => r.amount);

  describe('Stripe disputes', () => {
    const SECRET_KEY = 'sk_test_51ResellerDisputes';
    let scene: GatewayScene;
    let stripe: StripeEmulator;
    let shop: Shop;
    beforeEach(async () => {
      const clock = sceneClock();
      stripe = await startStripeEmulator({
        secretKey: SECRET_KEY,
        accountId: 'acct_1Disputes',
        webhook: { secret: 'whsec_disputes' },
        now: clock.now,
      });
      scene = await GatewayScene.start(dialect, { apiBaseUrls: { stripe: stripe.baseUrl } }, clock);
      shop = await openShop(scene.baseUrl, 'Dispute Shop', 'USD');
      await scene.offer(shop, 'stripe', {
        secretKey: SECRET_KEY,
        webhookSecret: 'whsec_disputes',
        accountId: 'acct_1Disputes',
      });
      stripe.setWebhookUrl(scene.webhookUrl('stripe', shop.resellerId));
    });
    afterEach(async () => {
      await scene.close();
      await stripe.close();
    });

    async function paid(amount: number) {
      const payment = await scene.topUp(shop, { amount, provider: 'stripe' });
      const sessionId = (payment.checkout.url as string).split('/').pop()!;
      await stripe.pay(sessionId);
      await scene.drain();
      return { id: payment.id as string, sessionId };
    }

    it('a dispute the wallet cannot cover: debited what it holds, on hold for spending, reviewed; won: restored once', async () => {
      const p = await paid(10_000);
      expect((await debit(scene, shop, 7_000)).status).toBe(201);
      const disputeId = await stripe.dispute(p.sessionId);
      await scene.drain();
      expect(await scene.balance(shop)).toBe(0);
      expect(await wallet(scene, shop)).toMatchObject({ onHold: true, balance: 0 });
      expect(await scene.payment(shop, p.id)).toMatchObject({
        status: 'paid',
        reversedAmount: 10_000,
        disputeStatus: 'open',
      });
      expect(await scene.reviews(shop)).toMatchObject([
        { paymentId: p.id, reason: 'reversal', status: 'open' },
      ]);
      // Both dispute events, and a repeat of one, debit once.
      await sendDelivery({ ...stripe.deliveries.at(-1)! });
      await scene.drain();
      expect(await adjustments(scene, shop)).toEqual([-3_000]);

      // New spending is refused while it owes; money coming in is not.
      const refused = await debit(scene, shop, 1);
      expect(refused.status).toBe(422);
      expect(refused.body.error.code).toBe('wallet_on_hold');
      const hold = await http(scene.baseUrl, 'POST', `/v1/wallets/${shop.walletId}/holds`, {
        token: shop.admin,
        key: key(),
        body: { amount: 1, description: 'Renewal' },
      });
      expect(hold.body.error.code).toBe('wallet_on_hold');
      // Nor can it be closed (paid out) while it owes.
      const closing = await http(scene.baseUrl, 'POST', `/v1/wallets/${shop.walletId}/close`, {
        token: shop.admin,
        key: key(),
        body: { refund: { to: 'manual', destination: 'Cash', reference: 'R-1' } },
      });
      expect(closing.body.error.code).toBe('wallet_on_hold');
      expect(closing.body.error.reason).toEqual({ key: 'wallet_on_hold_close', values: { currency: 'USD' } });
      // Nor closed without a payout: its balance is zero, but the debt would go with it.
      const dropping = await http(scene.baseUrl, 'POST', `/v1/wallets/${shop.walletId}/close`, {
        token: shop.admin,
      });
      expect(dropping.status).toBe(422);
      expect(dropping.body.error.reason).toEqual({
        key: 'wallet_on_hold_close',
        values: { currency: 'USD' },
      });

      await stripe.closeDispute(disputeId, 'won');
      await scene.drain();
      // Won: the 7,000 owed is forgiven, the 3,000 taken comes back; the hold is lifted.
      expect(await scene.balance(shop)).toBe(3_000);
      expect(await wallet(scene, shop)).toMatchObject({ onHold: false });
      expect(await scene.payment(shop, p.id)).toMatchObject({ reversedAmount: 0, disputeStatus: 'won' });
      expect(await adjustments(scene, shop)).toEqual([3_000, -3_000]);
      await sendDelivery({ ...stripe.deliveries.at(-1)! });
      await scene.drain();
      expect(await scene.balance(shop)).toBe(3_000);
      expect((await debit(scene, shop, 1_000)).status).toBe(201);
    });

    it('a lost dispute the wallet covers: debited in full, no hold; closing changes nothing more', async () => {
      const p = await paid(4_000);
      const disputeId = await stripe.dispute(p.sessionId, 1_500);
      await scene.drain();
      expect(await scene.balance(shop)).toBe(2_500);
      expect(await wallet(scene, shop)).toMatchObject({ onHold: false });
      await stripe.closeDispute(disputeId, 'lost');
      await scene.drain();
      expect(await scene.balance(shop)).toBe(2_500);
      expect(await scene.payment(shop, p.id)).toMatchObject({ reversedAmount: 1_500, disputeStatus: 'lost' });
      // What is left of the payment can still be refunded; the disputed part cannot.
      const over = await http(scene.baseUrl, 'POST', `/v1/payments/${p.id}/refunds`, {
        token: shop.admin,
        key: key(),
        body: { amount: 2_501, reason: 'Too much' },
      });
      expect(over.body.error).toMatchObject({ code: 'refund_exceeds_payment', field: 'amount' });
    });
  });

  describe('PayPal reversals and refunds made at PayPal', () => {
    const APP = { clientId: 'AeReversalClient', clientSecret: 'EReversalSecret' };
    let scene: GatewayScene;
    let paypal: PayPalEmulator;
    let shop: Shop;
    beforeEach(async () => {
      ({ scene, paypal, shop } = await openPayPalShop(dialect, {
        shopName: 'Reversal Shop',
        ...APP,
        merchantId: 'MERCHREV1',
        webhookId: 'WHREV0001',
      }));
    });
    afterEach(async () => {
      await scene.close();
      await paypal.close();
    });

    const paid = (amount: number) => paidAtPayPal({ scene, paypal, shop }, amount);

    it('PAYMENT.CAPTURE.REFUNDED at PayPal debits that much; our own refund is never counted twice', async () => {
      const p = await paid(6_000);
      const ours = await http(scene.baseUrl, 'POST', `/v1/payments/${p.id}/refunds`, {
        token: shop.admin,
        key: key(),
        body: { amount: 1_000, reason: 'Ours' },
      });
      expect(ours.status).toBe(201);
      await paypal.refundAtPayPal(p.order, '20.00');
      await scene.drain();
      expect(await scene.balance(shop)).toBe(3_000);
      expect(await scene.payment(shop, p.id)).toMatchObject({ refundedAmount: 1_000, reversedAmount: 2_000 });
      expect(await scene.reviews(shop)).toMatchObject([{ paymentId: p.id, reason: 'reversal' }]);
    });

    it('PAYMENT.CAPTURE.REVERSED takes the whole capture back', async () => {
      const p = await paid(2_000);
      await paypal.reverse(p.order);
      await scene.drain();
      expect(await scene.balance(shop)).toBe(0);
      expect(await scene.payment(shop, p.id)).toMatchObject({ reversedAmount: 2_000 });
    });
  });

  describe('Cryptomus refund_paid', () => {
    const MERCHANT = '8b03432e-385b-4670-8d06-064591096795';
    const API_KEY = 'cryptomus-payment-api-key-late-0123456789';
    let scene: GatewayScene;
    let cryptomus: CryptomusEmulator;
    let shop: Shop;
    beforeEach(async () => {
      const clock = sceneClock();
      cryptomus = await startCryptomusEmulator({
        merchantId: MERCHANT,
        paymentApiKey: API_KEY,
        now: clock.now,
      });
      scene = await GatewayScene.start(dialect, { apiBaseUrls: { cryptomus: cryptomus.baseUrl } }, clock);
      shop = await openShop(scene.baseUrl, 'Cryptomus Late', 'USD');
      await scene.offer(shop, 'cryptomus', { merchantId: MERCHANT, paymentApiKey: API_KEY });
    });
    afterEach(async () => {
      await scene.close();
      await cryptomus.close();
    });

    it('an invoice refunded at Cryptomus is taken back from the wallet, once', async () => {
      const payment = await scene.topUp(shop, { amount: 2_500, provider: 'cryptomus' });
      const uuid = (payment.checkout.url as string).split('/').pop()!;
      await cryptomus.pay(uuid);
      await scene.drain();
      expect(await scene.balance(shop)).toBe(2_500);
      const refunded = await cryptomus.refund(uuid);
      await scene.drain();
      expect(await scene.balance(shop)).toBe(0);
      await sendDelivery({ ...refunded });
      await scene.drain();
      expect(await scene.balance(shop)).toBe(0);
      expect(await scene.payment(shop, payment.id)).toMatchObject({ reversedAmount: 2_500, status: 'paid' });
    });
  });
});
