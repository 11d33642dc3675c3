import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../support/databases.js';
import type { PayPalEmulator } from '../../support/emulators/paypal.js';
import type { GatewayScene, Shop } from '../../support/gateway-flow.js';
import { openPayPalShop, unnamedRefundLost as unnamedRefundLostAtPayPal } from '../../support/paypal-shop.js';
import { http } from '../../support/http.js';

/**
 * A PayPal refund asked for before every refund carried our refund id (its invoice_id, 7c0817f9):
 * PayPal holds nothing naming it, so once PayPal forgot its PayPal-Request-Id (6 hours) a refund whose
 * answer was lost can be neither found nor asked again without making it twice. Within the window it
 * is asked again under its request id (PayPal replays its first answer); past it, it is held for staff.
 */
const APP = { clientId: 'AeUnnamedRefundApp', clientSecret: 'EUnnamedRefundSecret' };
const HOUR = 3_600_000;

describe.each(DIALECTS)('PayPal refunds asked without our refund id on %s', (dialect) => {
  let scene: GatewayScene;
  let paypal: PayPalEmulator;
  let shop: Shop;

  beforeEach(async () => {
    ({ scene, paypal, shop } = await openPayPalShop(dialect, {
      shopName: 'PayPal Unnamed Refunds',
      ...APP,
      merchantId: 'MERCHANTUNNAMED1',
      webhookId: 'WHUNNAMED01',
    }));
  });
  afterEach(async () => {
    await scene.close();
    await paypal.close();
  });

  const refundsOf = async (paymentId: string) =>
    (await http(scene.baseUrl, 'GET', `/v1/payments/${paymentId}/refunds`, { token: shop.admin })).body
      .items as any[];
  const refundsAtPayPal = (order: string) =>
    (paypal.orders.get(order)!['purchase_units'][0].payments.refunds ?? []) as any[];

  /** The refund PayPal made without our id, its answer lost (paypal-shop.ts), as PayPal holds it. */
  async function unnamedRefundLost() {
    const p = await unnamedRefundLostAtPayPal({ scene, paypal, shop });
    expect(refundsAtPayPal(p.order)).toHaveLength(1);
    expect(refundsAtPayPal(p.order)[0].invoice_id).toBeUndefined();
    return p;
  }

  it('asked again within PayPal’s request-id window, it is PayPal’s first answer, made once', async () => {
    const p = await unnamedRefundLost();
    scene.clock.advance(2 * HOUR);
    await scene.drain();
    expect(refundsAtPayPal(p.order)).toHaveLength(1);
    expect(await refundsOf(p.id)).toMatchObject([
      {
        id: p.refundId,
        status: 'succeeded',
        providerRefundId: refundsAtPayPal(p.order)[0].id,
        heldForReview: false,
      },
    ]);
    expect(await scene.balance(shop)).toBe(3_000);
    expect(await scene.reviews(shop)).toEqual([]);
  });

  it('unanswered past the window, it is held for staff as not confirmed, never asked of PayPal again', async () => {
    const p = await unnamedRefundLost();
    const asked = () => paypal.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/refund'));
    const askedBefore = asked().length;
    scene.clock.advance(7 * HOUR);
    await scene.drain();
    scene.clock.advance(HOUR);
    await scene.drain();

    expect(refundsAtPayPal(p.order)).toHaveLength(1);
    expect(asked()).toHaveLength(askedBefore);
    expect(await refundsOf(p.id)).toMatchObject([
      {
        id: p.refundId,
        status: 'pending',
        providerRefundId: null,
        compensationId: null,
        heldForReview: true,
      },
    ]);
    // Neither credited back nor refunded twice: the wallet keeps what it had after the refund.
    expect(await scene.balance(shop)).toBe(3_000);
    const reviews = await scene.reviews(shop);
    expect(reviews).toEqual([
      expect.objectContaining({
        paymentId: p.id,
        provider: 'paypal',
        reason: 'payment',
        status: 'open',
        // Nothing to apply: whether the money left is what staff look up at PayPal.
        amount: null,
        detail: expect.stringMatching(
          new RegExp(`^paypal never answered refund ${p.refundId} of 2000 USD minor units asked at \\S+`),
        ),
      }),
    ]);
  });
});
