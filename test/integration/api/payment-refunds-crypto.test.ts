import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { key } from '../../support/api.js';
import { DIALECTS } from '../../support/databases.js';
import { startCryptomusEmulator, type CryptomusEmulator } from '../../support/emulators/cryptomus.js';
import { GatewayScene, openShop, sceneClock, type Shop } from '../../support/gateway-flow.js';
import { http } from '../../support/http.js';

/**
 * A crypto top-up (Cryptomus, through its emulator) is not refunded by the provider: staff send
 * the coins back themselves and record a payout with the destination address and the transaction
 * reference; the wallet is debited once and the payment shows partially refunded, then refunded.
 */
describe.each(DIALECTS)('refunding a crypto top-up on %s', (dialect) => {
  const MERCHANT = '8b03432e-385b-4670-8d06-064591096795';
  const API_KEY = 'cryptomus-payment-api-key-refund-0123456789';
  const ADDRESS = 'TQ5NBx4bVhBhdDRvHzqE2P4GD8Wd8ZqW7u';
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
    shop = await openShop(scene.baseUrl, 'Crypto Refunds', 'USD');
    await scene.offer(shop, 'cryptomus', { merchantId: MERCHANT, paymentApiKey: API_KEY });
  });
  afterEach(async () => {
    await scene.close();
    await cryptomus.close();
  });

  const refund = (paymentId: string, body: Record<string, unknown>, idempotencyKey = key('refund')) =>
    http(scene.baseUrl, 'POST', `/v1/payments/${paymentId}/refunds`, {
      token: shop.admin,
      key: idempotencyKey,
      body,
    });

  it('a payout record with address and reference (each required, by field); the payment ends refunded', async () => {
    const payment = await scene.topUp(shop, { amount: 2_500, provider: 'cryptomus' });
    await cryptomus.pay((payment.checkout.url as string).split('/').pop()!);
    await scene.drain();
    expect(await scene.balance(shop)).toBe(2_500);

    const noAddress = await refund(payment.id, { amount: 1_001, reason: 'Overpaid' });
    expect(noAddress.status).toBe(400);
    expect(noAddress.body.error).toMatchObject({ code: 'validation', field: 'destination' });
    const noReference = await refund(payment.id, { amount: 1_001, reason: 'Overpaid', destination: ADDRESS });
    expect(noReference.body.error).toMatchObject({ code: 'validation', field: 'reference' });
    expect(await scene.balance(shop)).toBe(2_500);

    const k = key('refund');
    const body = { amount: 1_001, reason: 'Overpaid', destination: ADDRESS, reference: '0xabc123' };
    const first = await refund(payment.id, body, k);
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    expect(first.body).toMatchObject({
      method: 'manual',
      status: 'succeeded',
      destination: ADDRESS,
      reference: '0xabc123',
      amount: 1_001,
      currency: 'USD',
    });
    // A replay answers the same refund and debits nothing more.
    const replay = await refund(payment.id, body, k);
    expect(replay.body).toEqual(first.body);
    expect(await scene.balance(shop)).toBe(1_499);
    expect(await scene.payment(shop, payment.id)).toMatchObject({ refundStatus: 'partially_refunded' });

    const rest = await refund(payment.id, { reason: 'Closing', destination: ADDRESS, reference: '0xdef456' });
    expect(rest.status, JSON.stringify(rest.body)).toBe(201);
    expect(rest.body).toMatchObject({ method: 'manual', amount: 1_499 });
    expect(await scene.balance(shop)).toBe(0);
    expect(await scene.payment(shop, payment.id)).toMatchObject({ refundStatus: 'refunded' });
    const more = await refund(payment.id, { amount: 1, reason: 'x', destination: ADDRESS, reference: 'r' });
    expect(more.status).toBe(422);
  });
});
