import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { key } from '../../support/api.js';
import { DIALECTS } from '../../support/databases.js';
import type { PayPalEmulator } from '../../support/emulators/paypal.js';
import { sendDelivery } from '../../support/emulators/stripe-paypal-cryptomus-server.js';
import type { GatewayScene, Shop } from '../../support/gateway-flow.js';
import { openPayPalShop, paidAtPayPal } from '../../support/paypal-shop.js';
import { http } from '../../support/http.js';
import { REREAD_SETTLING_REFUND_MS } from '../../../src/server/payments/refunds.js';

/**
 * A PayPal refund PayPal answers PENDING (the payer's bank has not taken it yet): it reads pending,
 * with PayPal's refund id, until PayPal's refund event (re-read from PayPal) or the events job's
 * re-read settles it; one that fails or is cancelled credits the wallet back once.
 */
const APP = { clientId: 'AePendingRefundApp', clientSecret: 'EPendingRefundSecret' };

describe.each(DIALECTS)('PayPal refunds pending at PayPal on %s', (dialect) => {
  let scene: GatewayScene;
  let paypal: PayPalEmulator;
  let shop: Shop;

  beforeEach(async () => {
    ({ scene, paypal, shop } = await openPayPalShop(dialect, {
      shopName: 'PayPal Pending Refunds',
      ...APP,
      merchantId: 'MERCHANTPEND1',
      webhookId: 'WHPEND01',
    }));
  });
  afterEach(async () => {
    await scene.close();
    await paypal.close();
  });

  async function paidTopUp(amount: number) {
    const paid = await paidAtPayPal({ scene, paypal, shop }, amount);
    expect(await scene.balance(shop)).toBe(amount);
    return paid;
  }
  const refund = (paymentId: string, body: Record<string, unknown>) =>
    http(scene.baseUrl, 'POST', `/v1/payments/${paymentId}/refunds`, {
      token: shop.admin,
      key: key('refund'),
      body,
    });
  const refundsOf = async (paymentId: string) =>
    (await http(scene.baseUrl, 'GET', `/v1/payments/${paymentId}/refunds`, { token: shop.admin })).body
      .items as any[];
  const refundPosts = () => paypal.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/refund'));

  it('PayPal answers PENDING: the refund reads pending with its PayPal id until PayPal completes it and says so', async () => {
    const p = await paidTopUp(5_000);
    paypal.pendRefunds();
    const made = await refund(p.id, { amount: 2_000, reason: 'Bank takes it later' });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    expect(made.body).toMatchObject({ status: 'pending', providerRefundId: expect.any(String) });
    expect(await scene.balance(shop)).toBe(3_000);
    await scene.drain();
    expect(await refundsOf(p.id)).toMatchObject([
      { id: made.body.id, status: 'pending', compensationId: null },
    ]);

    const sent = await paypal.settleRefundLater(made.body.providerRefundId, 'COMPLETED');
    expect(sent?.response?.status).toBe(200);
    await scene.drain();
    expect(await refundsOf(p.id)).toMatchObject([
      {
        id: made.body.id,
        status: 'succeeded',
        providerRefundId: made.body.providerRefundId,
        compensationId: null,
      },
    ]);
    expect(await scene.balance(shop)).toBe(3_000);
    expect(await scene.payment(shop, p.id)).toMatchObject({ refundedAmount: 2_000, reversedAmount: 0 });
    expect(refundPosts()).toHaveLength(1);
    expect(await scene.reviews(shop)).toEqual([]);
  });

  it('a PENDING refund PayPal fails later: credited back once, read failed, however often PayPal tells it', async () => {
    const p = await paidTopUp(5_000);
    paypal.pendRefunds();
    const made = await refund(p.id, { amount: 2_000, reason: 'Bank refuses' });
    expect(made.body).toMatchObject({ status: 'pending' });
    const sent = await paypal.settleRefundLater(made.body.providerRefundId, 'FAILED');
    await scene.drain();
    expect(await refundsOf(p.id)).toMatchObject([
      { id: made.body.id, status: 'failed', failureCode: 'refused', compensationId: expect.any(String) },
    ]);
    expect(await scene.balance(shop)).toBe(5_000);
    expect(await scene.payment(shop, p.id)).toMatchObject({ refundedAmount: 0, reversedAmount: 0 });
    await sendDelivery({ ...sent! });
    scene.clock.advance(REREAD_SETTLING_REFUND_MS);
    await scene.drain();
    await scene.drain();
    expect(await scene.balance(shop)).toBe(5_000);
    const rows = await http(scene.baseUrl, 'GET', `/v1/wallets/${shop.walletId}/transactions`, {
      token: shop.admin,
    });
    expect(rows.body.items.map((r: any) => [r.type, r.amount])).toEqual([
      ['adjustment', 2_000],
      ['refund', -2_000],
      ['top_up', 5_000],
    ]);
    expect(refundPosts()).toHaveLength(1);
  });

  it("PayPal's word lost: the events job re-reads the pending refund (never asks for another) and settles it", async () => {
    const p = await paidTopUp(5_000);
    paypal.pendRefunds();
    const made = await refund(p.id, { amount: 2_000, reason: 'Silent bank' });
    const rereads = () =>
      paypal.requests.filter(
        (r) => r.method === 'GET' && r.path === `/v2/payments/refunds/${made.body.providerRefundId}`,
      ).length;
    await scene.drain();
    expect(rereads()).toBe(0);
    await paypal.settleRefundLater(made.body.providerRefundId, 'CANCELLED', { silently: true });
    // Past PayPal's 6 hours for a PayPal-Request-Id: asking again would make a second refund.
    scene.clock.advance(7 * 3_600_000);
    await scene.drain();
    expect(rereads()).toBe(1);
    expect(await refundsOf(p.id)).toMatchObject([
      { id: made.body.id, status: 'failed', compensationId: expect.any(String) },
    ]);
    expect(await scene.balance(shop)).toBe(5_000);
    expect(refundPosts()).toHaveLength(1);
  });

  it('a PENDING refund completed silently is found by the re-read: succeeded, the wallet debited once', async () => {
    const p = await paidTopUp(5_000);
    paypal.pendRefunds();
    const made = await refund(p.id, { amount: 1_500, reason: 'Slow bank' });
    expect(made.body).toMatchObject({ status: 'pending' });
    await paypal.settleRefundLater(made.body.providerRefundId, 'COMPLETED', { silently: true });
    scene.clock.advance(REREAD_SETTLING_REFUND_MS);
    await scene.drain();
    expect(await refundsOf(p.id)).toMatchObject([{ status: 'succeeded', compensationId: null }]);
    expect(await scene.balance(shop)).toBe(3_500);
  });

  const refundsAtPayPal = (order: string) =>
    (paypal.orders.get(order)!['purchase_units'][0].payments.refunds ?? []) as any[];

  it("a full refund whose answer was lost, asked again within the hour, is PayPal's first answer, not refused", async () => {
    // No fee on top: the refund takes the whole capture, which PayPal then reads REFUNDED.
    await scene.setFee(shop, 'paypal', 0);
    const p = await paidTopUp(5_000);
    paypal.loseRefundAnswers(true);
    const made = await refund(p.id, { reason: 'All of it, answer lost' });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    expect(made.body).toMatchObject({ status: 'pending', providerRefundId: null });
    paypal.loseRefundAnswers(false);
    expect(paypal.orders.get(p.order)!['purchase_units'][0].payments.captures[0].status).toBe('REFUNDED');
    await scene.drain();
    expect(refundsAtPayPal(p.order)).toHaveLength(1);
    expect(await refundsOf(p.id)).toMatchObject([
      { status: 'succeeded', providerRefundId: refundsAtPayPal(p.order)[0].id, compensationId: null },
    ]);
    expect(await scene.balance(shop)).toBe(0);
  });

  it('a refund whose answer was lost is found at PayPal hours later, once PayPal forgot its request id, not made twice', async () => {
    const p = await paidTopUp(5_000);
    paypal.loseRefundAnswers(true);
    const made = await refund(p.id, { amount: 2_000, reason: 'Answer lost' });
    expect(made.body).toMatchObject({ status: 'pending', providerRefundId: null });
    paypal.loseRefundAnswers(false);
    // PayPal keeps a PayPal-Request-Id 6 hours: asked again after that, it would refund again.
    scene.clock.advance(7 * 3_600_000);
    await scene.drain();
    expect(refundsAtPayPal(p.order)).toHaveLength(1);
    expect(await refundsOf(p.id)).toMatchObject([
      { status: 'succeeded', providerRefundId: refundsAtPayPal(p.order)[0].id, compensationId: null },
    ]);
    expect(await scene.balance(shop)).toBe(3_000);
  });
});
