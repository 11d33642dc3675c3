import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openReview } from '../../../src/server/services/payment-reviews/open.js';
import { key } from '../../support/api.js';
import { DIALECTS } from '../../support/databases.js';
import { GatewayScene, openShop, type Shop } from '../../support/gateway-flow.js';
import { http } from '../../support/http.js';
import { pressSandboxButton } from '../../support/payments.js';

/**
 * Staff apply a stray transfer to a payment whose checkout is still open at its provider, and the
 * payer then pays there too: that second payment is not swallowed as a duplicate; it is reviewed.
 */
describe.each(DIALECTS)('a payment paid by an applied transfer, then at its provider, on %s', (dialect) => {
  let scene: GatewayScene;
  let shop: Shop;

  beforeEach(async () => {
    scene = await GatewayScene.start(dialect);
    shop = await openShop(scene.baseUrl, 'Card Shop', 'USD');
    await scene.setFee(shop, 'sandbox', 0);
  });
  afterEach(() => scene.close());

  it('credits the applied transfer once and sends the later provider payment to review', async () => {
    const before = await scene.balance(shop);
    const payment = await scene.topUp(shop, { amount: 5_000, provider: 'sandbox' });
    // A transfer that arrived unmatched, as the payment service records one.
    await scene.api.db.store.write((trx) =>
      openReview(
        trx,
        {
          reseller_id: shop.resellerId,
          payment_id: null,
          provider: 'vietqr',
          reason: 'unmatched',
          detail: '5000 USD matched no open payment',
          provider_event: 'vietqr:test:1',
          amount: 5_000,
          currency: 'USD',
        },
        new Date().toISOString(),
      ),
    );
    const [review] = await scene.reviews(shop);
    const applied = await http(scene.baseUrl, 'POST', `/v1/payment-reviews/${review.id}/apply`, {
      token: shop.admin,
      key: key('apply'),
      body: { paymentId: payment.id },
    });
    expect(applied.status).toBe(200);
    await scene.expectCreditedOnce(shop, payment.id, 5_000, before);

    await pressSandboxButton(payment.checkout.url, 'pay');
    await scene.drain();
    await scene.expectCreditedOnce(shop, payment.id, 5_000, before);
    expect((await scene.reviews(shop)).filter((r) => r.status === 'open')).toMatchObject([
      { paymentId: payment.id, reason: 'unmatched', detail: expect.stringContaining(review.id) },
    ]);
  });
});
