import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { key } from '../../support/api.js';
import { DIALECTS } from '../../support/databases.js';
import { GatewayScene, openShop, type Shop } from '../../support/gateway-flow.js';
import { http } from '../../support/http.js';
import { pressSandboxButton } from '../../support/payments.js';

/**
 * The refusals a person meets on the console's payment screens (cancelling, verifying, topping up,
 * refunding) carry their particulars as a reason key, so that the console words them in its own
 * language rather than showing the server's English. Amounts are minor units beside `currency`.
 */
describe.each(DIALECTS)('payment refusals carry a reason the console words, on %s', (dialect) => {
  let scene: GatewayScene;
  let shop: Shop;
  beforeEach(async () => {
    scene = await GatewayScene.start(dialect);
    shop = await openShop(scene.baseUrl, 'Refusal Reasons', 'USD');
  });
  afterEach(() => scene.close());

  const post = (path: string, body: unknown = {}) =>
    http(scene.baseUrl, 'POST', path, { token: shop.admin, key: key('reason'), body });
  const paid = async (amount: number) => {
    const created = await scene.topUp(shop, { amount, provider: 'sandbox' });
    await pressSandboxButton(created.checkout.url, 'pay');
    await scene.drain();
    return created.id as string;
  };

  it('cancelling a payment that is no longer new names its status', async () => {
    const id = await paid(1_000);
    const reply = await post(`/v1/payments/${id}/cancel`);
    expect(reply.status).toBe(422);
    expect(reply.body.error).toMatchObject({
      code: 'payment_not_open',
      reason: { key: 'payment_not_cancellable', values: { status: 'paid' } },
    });
  });

  it('verifying a bank transfer that never reached the payment page says so', async () => {
    const created = await scene.topUp(shop, { amount: 1_000, provider: 'sandbox' });
    // A VietQR payment whose checkout never opened (its gateway failed): no provider id to look up.
    await scene.api.db.store.write((trx) =>
      trx
        .updateTable('payments')
        .set({ provider: 'vietqr', provider_payment_id: null })
        .where('id', '=', created.id)
        .execute(),
    );
    const reply = await post(`/v1/payments/${created.id}/verify`, { bankReference: 'FT25030012345' });
    expect(reply.status).toBe(422);
    expect(reply.body.error).toMatchObject({
      code: 'payment_not_open',
      reason: { key: 'payment_never_opened', values: {} },
    });
  });

  it('a top-up outside the limits names them', async () => {
    const limits = await http(scene.baseUrl, 'PATCH', '/v1/payment-settings', {
      token: shop.admin,
      body: { limits: [{ currency: 'USD', minAmount: 500, maxAmount: 20_000, presets: [] }] },
    });
    expect(limits.status, JSON.stringify(limits.body)).toBe(200);
    const reply = await post(`/v1/wallets/${shop.walletId}/top-ups`, { amount: 50_000, provider: 'sandbox' });
    expect(reply.status).toBe(422);
    expect(reply.body.error).toMatchObject({
      code: 'top_up_limit',
      field: 'amount',
      reason: { key: 'top_up_limit', values: { min: 500, max: 20_000, currency: 'USD' } },
    });
  });

  it('a refund of an unpaid payment, of too much, or of nothing left names what stands in the way', async () => {
    const unpaid = await scene.topUp(shop, { amount: 1_000, provider: 'sandbox' });
    const notPaid = await post(`/v1/payments/${unpaid.id}/refunds`, { reason: 'Unpaid' });
    expect(notPaid.status).toBe(422);
    expect(notPaid.body.error).toMatchObject({
      code: 'payment_not_refundable',
      reason: { key: 'payment_not_refundable', values: { status: 'new' } },
    });

    const id = await paid(3_000);
    const tooMuch = await post(`/v1/payments/${id}/refunds`, { amount: 3_001, reason: 'Too much' });
    expect(tooMuch.status).toBe(422);
    expect(tooMuch.body.error).toMatchObject({
      code: 'refund_exceeds_payment',
      field: 'amount',
      reason: { key: 'refund_at_most', values: { amount: 3_000, currency: 'USD' } },
    });
    expect((await post(`/v1/payments/${id}/refunds`, { reason: 'All of it' })).status).toBe(201);
    const nothing = await post(`/v1/payments/${id}/refunds`, { amount: 1, reason: 'Again' });
    expect(nothing.status).toBe(422);
    expect(nothing.body.error).toMatchObject({
      code: 'refund_exceeds_payment',
      reason: { key: 'refund_nothing_left', values: {} },
    });
  });
});
