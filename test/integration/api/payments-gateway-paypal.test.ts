import { generateKeyPairSync } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../support/databases.js';
import type { PayPalEmulator } from '../../support/emulators/paypal.js';
import { sendDelivery } from '../../support/emulators/stripe-paypal-cryptomus-server.js';
import { type GatewayScene, openShop, type Shop } from '../../support/gateway-flow.js';
import { openPayPalShop } from '../../support/paypal-shop.js';

const APP = { clientId: 'AeResellerAppClientId', clientSecret: 'EResellerAppClientSecret' };
const MERCHANT = 'YQZCHTGHUK5P8';
const credentials = (webhookId: string) => ({
  ...APP,
  webhookId,
  merchantId: MERCHANT,
  environment: 'sandbox',
});

/** PayPal Orders v2 through the payment service: approval at the emulator, signed webhooks to the route. */
describe.each(DIALECTS)('paypal through the payment service on %s', (dialect) => {
  let scene: GatewayScene;
  let paypal: PayPalEmulator;
  let shop: Shop;

  beforeEach(async () => {
    ({ scene, paypal, shop } = await openPayPalShop(dialect, {
      shopName: 'PayPal Shop',
      ...APP,
      merchantId: MERCHANT,
      webhookId: 'WHSHOPA0001',
    }));
  });
  afterEach(async () => {
    await scene.close();
    await paypal.close();
  });

  const start = async (amount: number) => {
    const payment = await scene.topUp(shop, { amount, provider: 'paypal' });
    expect(payment).toMatchObject({ status: 'new', checkout: { kind: 'redirect' } });
    return { id: payment.id as string, order: new URL(payment.checkout.url).searchParams.get('token')! };
  };
  /** Our processing captures the order; PayPal then sends the capture's own webhook. */
  const settle = async () => {
    await scene.drain();
    await paypal.settled();
    await scene.drain();
  };

  it('approved by the payer: captured on the re-query, credited exactly the amount, once', async () => {
    const before = await scene.balance(shop);
    const p = await start(4_321);
    const approval = await paypal.approve(p.order);
    expect(approval.response?.status).toBe(200);
    await settle();
    expect(paypal.orders.get(p.order)?.['status']).toBe('COMPLETED');
    // Both the approval and the capture's event arrived; one credit.
    expect(await scene.storedEvents('paypal')).toHaveLength(2);
    await scene.expectCreditedOnce(shop, p.id, 4_321, before);
    await sendDelivery({ ...approval });
    await settle();
    await scene.expectCreditedOnce(shop, p.id, 4_321, before);
  });

  it('the fee is asked on top and not credited; an order for only the amount is reviewed', async () => {
    const before = await scene.balance(shop);
    await scene.setFee(shop, 'paypal', 349);
    const p = await start(10_000);
    expect(await scene.payment(shop, p.id)).toMatchObject({ amount: 10_000, fee: 349, totalAmount: 10_349 });
    expect(paypal.orders.get(p.order)!['purchase_units'][0].amount).toMatchObject({
      value: '103.49',
      currency_code: 'USD',
    });
    await paypal.approve(p.order);
    await settle();
    await scene.expectCreditedOnce(shop, p.id, 10_000, before);

    const feeless = await start(10_000);
    paypal.orders.get(feeless.order)!['purchase_units'][0].amount.value = '100.00';
    await paypal.approve(feeless.order);
    await settle();
    await scene.expectNothingCredited(shop, feeless.id, before + 10_000);
    expect(await scene.reviews(shop)).toMatchObject([{ paymentId: feeless.id, reason: 'amount' }]);
  });

  it('a funding source declined at capture ends the payment failed, crediting nothing', async () => {
    const before = await scene.balance(shop);
    const p = await start(2_000);
    await paypal.approve(p.order, { funding: 'declines' });
    await settle();
    // PayPal's reason kept as its decline code, for the console to word.
    expect(await scene.payment(shop, p.id)).toMatchObject({
      status: 'failed',
      failureCode: 'declined',
      declineCode: 'INSTRUMENT_DECLINED',
    });
    await scene.expectNothingCredited(shop, p.id, before);
  });

  it('a capture PayPal refuses (TRANSACTION_REFUSED) ends the payment failed at once, with its decline code', async () => {
    const before = await scene.balance(shop);
    const p = await start(2_000);
    await paypal.approve(p.order, { captureRefused: 'TRANSACTION_REFUSED' });
    await settle();
    expect(await scene.payment(shop, p.id)).toMatchObject({
      status: 'failed',
      failureCode: 'declined',
      declineCode: 'TRANSACTION_REFUSED',
    });
    await scene.expectNothingCredited(shop, p.id, before);
    expect(await scene.reviews(shop)).toEqual([]);
  });

  it('a capture waiting on the payer (PAYER_ACTION_REQUIRED) keeps the payment open on its PayPal page, saying so, until the payer approves again', async () => {
    const before = await scene.balance(shop);
    const p = await start(2_500);
    const page = (await scene.payment(shop, p.id)).checkout;
    await paypal.approve(p.order, { captureRefused: 'PAYER_ACTION_REQUIRED' });
    await settle();
    // Open on the same page, with PayPal's reason for the console to tell the payer to go back.
    expect(await scene.payment(shop, p.id)).toMatchObject({
      status: 'new',
      checkout: page,
      declineCode: 'PAYER_ACTION_REQUIRED',
    });
    await scene.expectNothingCredited(shop, p.id, before);
    // Read again meanwhile (any status check of the open payment), PayPal's order only waits on
    // its payer: the payment still says what they must do.
    const row = await scene.api.db.store.db
      .selectFrom('payments')
      .selectAll()
      .where('id', '=', p.id)
      .executeTakeFirstOrThrow();
    await scene.api.app.payments.refresh(row);
    expect(await scene.payment(shop, p.id)).toMatchObject({
      status: 'new',
      declineCode: 'PAYER_ACTION_REQUIRED',
    });

    // Back on PayPal a minute later, the payer approves again: that approval is captured (under a
    // PayPal-Request-Id of its own, not answered the first refusal again) and credited once.
    scene.clock.advance(60_000);
    await paypal.approve(p.order);
    await settle();
    await scene.expectCreditedOnce(shop, p.id, 2_500, before);
    expect(await scene.payment(shop, p.id)).toMatchObject({ status: 'paid', declineCode: null });
    expect(await scene.reviews(shop)).toEqual([]);
  });

  it('an order PayPal voided is cancelled, and one never approved is expired, at the expiry check', async () => {
    const before = await scene.balance(shop);
    const voided = await start(2_000);
    const abandoned = await start(3_000);
    paypal.voidOrder(voided.order);
    scene.clock.advance(30 * 60_000 + 1_000);
    await scene.runJob('payment-expiry');
    expect((await scene.payment(shop, voided.id)).status).toBe('cancelled');
    expect((await scene.payment(shop, abandoned.id)).status).toBe('expired');
    await scene.expectNothingCredited(shop, voided.id, before);
    await scene.expectNothingCredited(shop, abandoned.id, before);
  });

  it('captured in another amount or currency: nothing credited, both in the review list', async () => {
    const before = await scene.balance(shop);
    const short = await start(10_000);
    paypal.orders.get(short.order)!['purchase_units'][0].amount.value = '99.99';
    const euro = await start(10_000);
    paypal.orders.get(euro.order)!['purchase_units'][0].amount.currency_code = 'EUR';
    await paypal.approve(short.order);
    await paypal.approve(euro.order);
    await settle();
    await scene.expectAmountAndCurrencyReviewed(shop, short.id, euro.id, before);
  });

  it("a genuine approval of this shop's order sent to another reseller's endpoint credits nothing", async () => {
    const other = await openShop(scene.baseUrl, 'Other Shop', 'USD');
    await scene.offer(other, 'paypal', credentials('WHSHOPB0002'));
    const before = await scene.balance(shop);
    const p = await start(1_500);
    paypal.setWebhookUrl(undefined);
    const recorded = await paypal.approve(p.order);
    const forOther = paypal.signDelivery(recorded.body.toString('utf8'), { webhookId: 'WHSHOPB0002' });
    forOther.url = scene.webhookUrl('paypal', other.resellerId);
    expect((await sendDelivery(forOther)).response?.status).toBe(200);
    await scene.drain();
    await scene.expectNothingCredited(shop, p.id, before);
    expect(paypal.orders.get(p.order)?.['status']).toBe('APPROVED');
    expect(await scene.reviews(other)).toMatchObject([{ reason: 'unmatched', paymentId: null }]);
  });

  it('forged deliveries (another webhook id or key, a foreign certificate URL, stale) are refused, storing nothing', async () => {
    const before = await scene.balance(shop);
    const p = await start(2_500);
    paypal.setWebhookUrl(undefined);
    const body = (await paypal.approve(p.order)).body.toString('utf8');
    const url = scene.webhookUrl('paypal', shop.resellerId);
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const forgeries = [
      paypal.signDelivery(body, { webhookId: 'WHSOMEONEELSE' }),
      paypal.signDelivery(body, { privateKey }),
      paypal.signDelivery(body, { certUrl: 'http://127.0.0.1:9/v1/notifications/certs/CERT-evil' }),
      paypal.signDelivery(body, { time: new Date(scene.clock.now().getTime() - 3 * 3600_000).toISOString() }),
    ];
    await scene.expectForgeriesRefused('paypal', forgeries, url, shop, p.id, before);
    expect(paypal.orders.get(p.order)?.['status']).toBe('APPROVED');
  });
  it('a forged return to the success URL of an unpaid payment credits nothing', async () => {
    const before = await scene.balance(shop);
    const p = await start(6_000);
    // PayPal sends the browser back with the order token and the payer's id appended.
    const query = `token=${p.order}&PayerID=FORGEDPAYER01&status=COMPLETED`;
    await scene.expectForgedReturnCreditsNothing(shop, p.id, query, before);
  });
});
