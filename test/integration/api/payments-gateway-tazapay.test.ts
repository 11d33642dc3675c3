import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TAZAPAY_MAX_AGE_SECONDS } from '../../../src/server/gateways/tazapay/signature.js';
import { DIALECTS } from '../../support/databases.js';
import { sendDelivery } from '../../support/emulators/stripe-paypal-cryptomus-server.js';
import { rfc3339Nano, startTazapayEmulator, type TazapayEmulator } from '../../support/emulators/tazapay.js';
import { GatewayScene, openShop, sceneClock, type Shop } from '../../support/gateway-flow.js';

const API = { apiKey: 'tzp_test_api_key_shop_a', apiSecret: 'tzp_test_api_secret_shop_a_0123456789' };
const WEBHOOK_SECRET = 'tzp_webhook_secret_token_shop_a';
const credentials = (webhookSecret: string) => ({
  ...API,
  webhookSecret,
  customerCountry: 'SG',
  environment: 'sandbox',
});

/** Tazapay checkouts through the payment service: paid at the emulator, signed webhooks to the route. */
describe.each(DIALECTS)('tazapay through the payment service on %s', (dialect) => {
  let scene: GatewayScene;
  let tazapay: TazapayEmulator;
  let shop: Shop;

  beforeEach(async () => {
    const clock = sceneClock();
    tazapay = await startTazapayEmulator({ ...API, webhookSecret: WEBHOOK_SECRET, now: clock.now });
    scene = await GatewayScene.start(dialect, { apiBaseUrls: { tazapay: tazapay.baseUrl } }, clock);
    shop = await openShop(scene.baseUrl, 'Tazapay Shop', 'USD');
    await scene.offer(shop, 'tazapay', credentials(WEBHOOK_SECRET));
  });
  afterEach(async () => {
    await scene.close();
    await tazapay.close();
  });

  const start = async (amount: number) => {
    const payment = await scene.topUp(shop, { amount, provider: 'tazapay' });
    expect(payment).toMatchObject({ status: 'new', checkout: { kind: 'redirect' } });
    return { id: payment.id as string, checkout: (payment.checkout.url as string).split('/').pop()! };
  };
  /** A genuinely signed event about `checkout`, claiming whatever `data` says, sent to `url`. */
  const signedClaim = (type: string, data: object, url = scene.webhookUrl('tazapay', shop.resellerId)) =>
    tazapay.signDelivery(JSON.stringify(tazapay.eventBody(type, data, rfc3339Nano(scene.clock.now()))), {
      url,
    });

  it('paid on the hosted page: the signed event credits the wallet exactly the amount, once', async () => {
    const before = await scene.balance(shop);
    const p = await start(12_345);
    const checkout = tazapay.checkouts.get(p.checkout)!;
    // Tazapay was told this reseller's webhook route, our payment id and the customer.
    expect(checkout).toMatchObject({
      webhook_url: scene.webhookUrl('tazapay', shop.resellerId),
      reference_id: p.id,
      customer_details: { name: 'Tazapay Shop Customer', country: 'SG' },
    });
    const paid = await tazapay.pay(p.checkout);
    expect(paid.response?.status).toBe(200);
    await scene.drain();
    await scene.expectCreditedOnce(shop, p.id, 12_345, before);
    // Tazapay retries the same event: answered 2xx, dropped.
    const again = await sendDelivery({ ...paid });
    expect(JSON.parse(again.response!.body)).toEqual({ received: true, duplicates: 1 });
    await scene.drain();
    await scene.expectCreditedOnce(shop, p.id, 12_345, before);
  });

  it('a signed "paid" event credits nothing until Tazapay’s own checkout says paid', async () => {
    const before = await scene.balance(shop);
    const p = await start(4_000);
    const claim = { ...tazapay.checkouts.get(p.checkout)!, payment_status: 'paid', amount_paid: 4_116 };
    expect((await sendDelivery(signedClaim('checkout.paid', claim))).response?.status).toBe(200);
    await scene.drain();
    expect((await scene.payment(shop, p.id)).status).toBe('new');
    await scene.expectNothingCredited(shop, p.id, before);
    expect(tazapay.requests.some((r) => r.method === 'GET' && r.path === `/v3/checkout/${p.checkout}`)).toBe(
      true,
    );
  });

  it('the fee is asked on top and not credited; a checkout for only the amount is reviewed', async () => {
    const before = await scene.balance(shop);
    const p = await start(10_000);
    expect(await scene.payment(shop, p.id)).toMatchObject({ amount: 10_000, fee: 290, totalAmount: 10_290 });
    expect(tazapay.checkouts.get(p.checkout)).toMatchObject({ amount: 10_290, invoice_currency: 'USD' });
    await tazapay.pay(p.checkout);
    await scene.drain();
    await scene.expectCreditedOnce(shop, p.id, 10_000, before);

    const feeless = await start(10_000);
    tazapay.checkouts.get(feeless.checkout)!.amount = 10_000;
    await tazapay.pay(feeless.checkout);
    await scene.drain();
    await scene.expectNothingCredited(shop, feeless.id, before + 10_000);
    expect(await scene.reviews(shop)).toMatchObject([{ paymentId: feeless.id, reason: 'amount' }]);
  });

  it('a declined card leaves the payment open and unreviewed; the checkout expiring ends it expired', async () => {
    const before = await scene.balance(shop);
    const p = await start(4_000);
    expect((await tazapay.decline(p.checkout)).response?.status).toBe(200);
    await scene.drain();
    // Tazapay lets the payer try again on the same page: nothing is final, nothing to review.
    expect((await scene.payment(shop, p.id)).status).toBe('new');
    expect(await scene.reviews(shop)).toEqual([]);
    // The attempt named only the payin: the payment was found through Tazapay's payin.
    expect(tazapay.requests.some((r) => r.path.startsWith('/v3/payin/'))).toBe(true);
    await tazapay.expire(p.checkout);
    await scene.drain();
    expect((await scene.payment(shop, p.id)).status).toBe('expired');
    await scene.expectNothingCredited(shop, p.id, before);
  });

  it('a bank transfer: processing first, then paid when it arrives, credited once', async () => {
    const before = await scene.balance(shop);
    const p = await start(5_000);
    await tazapay.payLater(p.checkout);
    await scene.drain();
    expect((await scene.payment(shop, p.id)).status).toBe('processing');
    expect(await scene.balance(shop)).toBe(before);
    await tazapay.pay(p.checkout);
    await scene.drain();
    await scene.expectCreditedOnce(shop, p.id, 5_000, before);
  });

  it('paid in another amount or currency at Tazapay: nothing credited, both in the review list', async () => {
    const before = await scene.balance(shop);
    const short = await start(10_000);
    const euro = await start(10_000);
    tazapay.checkouts.get(euro.checkout)!.invoice_currency = 'EUR';
    await tazapay.pay(short.checkout, 10_000);
    await tazapay.pay(euro.checkout);
    await scene.drain();
    await scene.expectAmountAndCurrencyReviewed(shop, short.id, euro.id, before);
  });

  it('a genuine event naming a payment this reseller does not have credits nothing and is reviewed', async () => {
    const before = await scene.balance(shop);
    const p = await start(3_000);
    const unknown = {
      ...tazapay.checkouts.get(p.checkout)!,
      id: 'chk_never_opened',
      reference_id: 'pay_unknown',
    };
    expect((await sendDelivery(signedClaim('checkout.paid', unknown))).response?.status).toBe(200);
    await scene.drain();
    await scene.expectNothingCredited(shop, p.id, before);
    expect(await scene.reviews(shop)).toMatchObject([{ reason: 'unmatched', paymentId: null }]);
  });

  it("a genuine event about this shop's payment sent to another reseller's endpoint credits nothing", async () => {
    const other = await openShop(scene.baseUrl, 'Other Shop', 'USD');
    await scene.offer(other, 'tazapay', credentials('tzp_webhook_secret_token_shop_b'));
    const before = await scene.balance(shop);
    const p = await start(3_000);
    const claim = { ...tazapay.checkouts.get(p.checkout)!, payment_status: 'paid', amount_paid: 3_087 };
    const body = JSON.stringify(tazapay.eventBody('checkout.paid', claim, rfc3339Nano(scene.clock.now())));
    const forOther = tazapay.signDelivery(body, {
      secret: 'tzp_webhook_secret_token_shop_b',
      url: scene.webhookUrl('tazapay', other.resellerId),
    });
    expect((await sendDelivery(forOther)).response?.status).toBe(200);
    await scene.drain();
    await scene.expectNothingCredited(shop, p.id, before);
    expect(await scene.reviews(other)).toMatchObject([{ reason: 'unmatched', paymentId: null }]);
    expect(await scene.reviews(shop)).toEqual([]);
  });

  it('forged deliveries (wrong secret, edited body, unsigned, stale) are refused and store nothing', async () => {
    const before = await scene.balance(shop);
    const p = await start(2_500);
    const url = scene.webhookUrl('tazapay', shop.resellerId);
    const claim = { ...tazapay.checkouts.get(p.checkout)!, payment_status: 'paid', amount_paid: 2_572 };
    const genuine = signedClaim('checkout.paid', claim, url);
    const body = genuine.body.toString('utf8');
    const { signature: _, ...unsigned } = genuine.headers;
    const staleAt = new Date(scene.clock.now().getTime() - (TAZAPAY_MAX_AGE_SECONDS + 60) * 1000);
    const forgeries = [
      tazapay.signDelivery(body, { secret: 'tzp_webhook_secret_someone_else', url }),
      { ...genuine, body: Buffer.from(body.replace('"paid"', '"paid" ')) },
      { ...genuine, headers: unsigned },
      tazapay.signDelivery(JSON.stringify(tazapay.eventBody('checkout.paid', claim, rfc3339Nano(staleAt))), {
        url,
      }),
    ];
    await scene.expectForgeriesRefused('tazapay', forgeries, url, shop, p.id, before);
    expect((await scene.payment(shop, p.id)).status).toBe('new');
  });

  it('a forged return to the success URL of an unpaid payment credits nothing', async () => {
    const before = await scene.balance(shop);
    const p = await start(6_000);
    const checkout = tazapay.checkouts.get(p.checkout)!;
    // The return URL only opens the app; it confirms nothing.
    expect(checkout['success_url']).toBe(`resellerconsole://payments/${p.id}`);
    const query = `checkout_id=${p.checkout}&payment_status=paid&status=success`;
    await scene.expectForgedReturnCreditsNothing(shop, p.id, query, before);
  });
});
