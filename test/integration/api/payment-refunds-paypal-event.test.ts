import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { key } from '../../support/api.js';
import { DIALECTS } from '../../support/databases.js';
import type { PayPalEmulator } from '../../support/emulators/paypal.js';
import {
  sendDelivery,
  type EmulatedDelivery,
} from '../../support/emulators/stripe-paypal-cryptomus-server.js';
import type { GatewayScene, Shop } from '../../support/gateway-flow.js';
import { openPayPalShop, paidAtPayPal } from '../../support/paypal-shop.js';
import { http } from '../../support/http.js';

/**
 * PayPal sends PAYMENT.CAPTURE.REFUNDED for a refund made through its API too, ours included. The
 * server re-reads that refund from PayPal rather than taking the event's word: one already recorded
 * succeeded changes nothing; one still pending (PayPal's answer to us was lost) is settled from the
 * re-read, once. Amounts are minor units of USD.
 */
const APP = { clientId: 'AeRefundEventApp', clientSecret: 'ERefundEventSecret' };

describe.each(DIALECTS)("PayPal's refund event for a refund of ours, on %s", (dialect) => {
  let scene: GatewayScene;
  let paypal: PayPalEmulator;
  let shop: Shop;
  let webhookUrl: string;

  beforeEach(async () => {
    ({ scene, paypal, shop } = await openPayPalShop(dialect, {
      shopName: 'PayPal Refund Events',
      ...APP,
      merchantId: 'MERCHANTRFEV1',
      webhookId: 'WHRFEV01',
    }));
    webhookUrl = scene.webhookUrl('paypal', shop.resellerId);
  });
  afterEach(async () => {
    await scene.close();
    await paypal.close();
  });

  /** A 5 000 top-up paid at PayPal; then PayPal's webhooks are held (kept, not sent) for the test to send. */
  async function paidTopUp() {
    const paid = await paidAtPayPal({ scene, paypal, shop }, 5_000);
    expect(await scene.balance(shop)).toBe(5_000);
    paypal.setWebhookUrl(undefined);
    return paid;
  }
  const refund = (paymentId: string) =>
    http(scene.baseUrl, 'POST', `/v1/payments/${paymentId}/refunds`, {
      token: shop.admin,
      key: key('refund'),
      body: { amount: 2_000, reason: 'Customer asked' },
    });
  const refundsOf = async (paymentId: string) =>
    (await http(scene.baseUrl, 'GET', `/v1/payments/${paymentId}/refunds`, { token: shop.admin })).body
      .items as any[];
  const refundsAtPayPal = (order: string) =>
    (paypal.orders.get(order)!['purchase_units'][0].payments.refunds ?? []) as any[];
  const refundPosts = () => paypal.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/refund'));
  const rereads = (providerRefundId: string) =>
    paypal.requests.filter((r) => r.method === 'GET' && r.path === `/v2/payments/refunds/${providerRefundId}`)
      .length;
  /** The PAYMENT.CAPTURE.REFUNDED PayPal sent (held) for `providerRefundId`: exactly one. */
  const refundedEvent = (providerRefundId: string): EmulatedDelivery => {
    const sent = paypal.deliveries.filter((d) => {
      const event = JSON.parse(d.body.toString('utf8'));
      return event.event_type === 'PAYMENT.CAPTURE.REFUNDED' && event.resource.id === providerRefundId;
    });
    expect(sent).toHaveLength(1);
    return sent[0]!;
  };
  /** Delivers a held event to the API and waits until it was processed (inline, as it arrives). */
  const deliver = async (delivery: EmulatedDelivery) => {
    const sent = await sendDelivery({ ...delivery, url: webhookUrl });
    expect(sent.response?.status).toBe(200);
    await scene.api.app.payments.settled();
  };
  const ledger = async () =>
    (
      await http(scene.baseUrl, 'GET', `/v1/wallets/${shop.walletId}/transactions`, { token: shop.admin })
    ).body.items.map((r: any) => [r.type, r.amount]);

  it('for a refund already recorded succeeded: re-read from PayPal, and nothing changes', async () => {
    const p = await paidTopUp();
    const made = await refund(p.id);
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    expect(made.body).toMatchObject({ status: 'succeeded', providerRefundId: expect.any(String) });
    const before = await refundsOf(p.id);

    await deliver(refundedEvent(made.body.providerRefundId));
    expect(rereads(made.body.providerRefundId)).toBe(1);
    expect(await refundsOf(p.id)).toEqual(before);
    expect(await scene.balance(shop)).toBe(3_000);
    expect(await ledger()).toEqual([
      ['refund', -2_000],
      ['top_up', 5_000],
    ]);
    expect(await scene.payment(shop, p.id)).toMatchObject({ refundedAmount: 2_000, reversedAmount: 0 });
    expect(refundPosts()).toHaveLength(1);
    expect(refundsAtPayPal(p.order)).toHaveLength(1);
    expect(await scene.reviews(shop)).toEqual([]);
  });

  it("for a refund still pending (PayPal's answer lost): settled once from the re-read, never made again", async () => {
    const p = await paidTopUp();
    paypal.loseRefundAnswers(true);
    const made = await refund(p.id);
    expect(made.body).toMatchObject({ status: 'pending', providerRefundId: null });
    paypal.loseRefundAnswers(false);
    const [atPayPal] = refundsAtPayPal(p.order);
    expect(atPayPal).toMatchObject({ status: 'COMPLETED' });

    // Only the event: no job has run since the refund was asked for.
    await deliver(refundedEvent(atPayPal.id));
    expect(rereads(atPayPal.id)).toBe(1);
    expect(await refundsOf(p.id)).toMatchObject([
      { id: made.body.id, status: 'succeeded', providerRefundId: atPayPal.id, compensationId: null },
    ]);
    expect(await scene.balance(shop)).toBe(3_000);

    // The jobs later, past PayPal's 6 hours for a request id: nothing asked again, nothing moves.
    scene.clock.advance(7 * 3_600_000);
    await scene.drain();
    expect(refundPosts()).toHaveLength(1);
    expect(refundsAtPayPal(p.order)).toHaveLength(1);
    expect(await refundsOf(p.id)).toMatchObject([{ status: 'succeeded', providerRefundId: atPayPal.id }]);
    expect(await scene.balance(shop)).toBe(3_000);
    expect(await ledger()).toEqual([
      ['refund', -2_000],
      ['top_up', 5_000],
    ]);
    expect(await scene.payment(shop, p.id)).toMatchObject({ refundedAmount: 2_000, reversedAmount: 0 });
    expect(await scene.reviews(shop)).toEqual([]);
  });
});
