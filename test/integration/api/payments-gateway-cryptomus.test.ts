import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../support/databases.js';
import { startCryptomusEmulator, type CryptomusEmulator } from '../../support/emulators/cryptomus.js';
import { sendDelivery } from '../../support/emulators/stripe-paypal-cryptomus-server.js';
import { GatewayScene, openShop, sceneClock, type Shop } from '../../support/gateway-flow.js';

const MERCHANT = '8b03432e-385b-4670-8d06-064591096795';
const API_KEY = 'cryptomus-payment-api-key-shop-a-0123456789';

/** Cryptomus invoices through the payment service: paid at the emulator, signed callbacks to the route. */
describe.each(DIALECTS)('cryptomus through the payment service on %s', (dialect) => {
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
    shop = await openShop(scene.baseUrl, 'Cryptomus Shop', 'USD');
    await scene.offer(shop, 'cryptomus', { merchantId: MERCHANT, paymentApiKey: API_KEY });
  });
  afterEach(async () => {
    await scene.close();
    await cryptomus.close();
  });

  const start = async (amount: number) => {
    const payment = await scene.topUp(shop, { amount, provider: 'cryptomus' });
    expect(payment).toMatchObject({ status: 'new', checkout: { kind: 'redirect' } });
    return { id: payment.id as string, uuid: (payment.checkout.url as string).split('/').pop()! };
  };

  it('paid in full: the signed callback credits the wallet exactly the amount, once', async () => {
    const before = await scene.balance(shop);
    const p = await start(2_500);
    // The callback URL Cryptomus was given is this reseller's webhook route.
    const paid = await cryptomus.pay(p.uuid);
    expect(paid.url).toBe(scene.webhookUrl('cryptomus', shop.resellerId));
    expect(paid.response?.status).toBe(200);
    await scene.drain();
    await scene.expectCreditedOnce(shop, p.id, 2_500, before);
    await sendDelivery({ ...paid });
    await scene.drain();
    await scene.expectCreditedOnce(shop, p.id, 2_500, before);
  });

  it('paid in two parts: processing and underpaid after the first, credited once after the rest', async () => {
    const before = await scene.balance(shop);
    const p = await start(2_000);
    await cryptomus.pay(p.uuid, '5.00');
    await scene.drain();
    expect(await scene.payment(shop, p.id)).toMatchObject({ status: 'processing', underpaid: true });
    expect(await scene.balance(shop)).toBe(before);
    // 20.00 USD plus the method's default 2% fee: 20.40 USD in all.
    await cryptomus.pay(p.uuid, '15.40');
    await scene.drain();
    await scene.expectCreditedOnce(shop, p.id, 2_000, before);
  });

  it('the fee is asked on top and not credited; paying only the amount leaves it underpaid', async () => {
    const before = await scene.balance(shop);
    const p = await start(10_000);
    expect(await scene.payment(shop, p.id)).toMatchObject({ amount: 10_000, fee: 200, totalAmount: 10_200 });
    expect(cryptomus.invoices.get(p.uuid)).toMatchObject({ amount: '102.00', currency: 'USD' });
    await cryptomus.pay(p.uuid, '100.00');
    await scene.drain();
    expect(await scene.payment(shop, p.id)).toMatchObject({ status: 'processing', underpaid: true });
    expect(await scene.balance(shop)).toBe(before);
    await cryptomus.pay(p.uuid, '2.00');
    await scene.drain();
    await scene.expectCreditedOnce(shop, p.id, 10_000, before);
  });

  it('a failed invoice ends failed and an unpaid one that ran out ends expired, crediting nothing', async () => {
    const before = await scene.balance(shop);
    const failed = await start(1_000);
    const lapsed = await start(1_100);
    await cryptomus.fail(failed.uuid);
    await cryptomus.expire(lapsed.uuid);
    await scene.drain();
    expect((await scene.payment(shop, failed.id)).status).toBe('failed');
    expect((await scene.payment(shop, lapsed.id)).status).toBe('expired');
    await scene.expectNothingCredited(shop, failed.id, before);
    await scene.expectNothingCredited(shop, lapsed.id, before);
  });

  it('short when the invoice closed, or in another currency: nothing credited, both in the review list', async () => {
    const before = await scene.balance(shop);
    const short = await start(3_000);
    await cryptomus.pay(short.uuid, '10.00');
    await cryptomus.expire(short.uuid); // final "wrong_amount"
    const euro = await start(3_000);
    (cryptomus.invoices.get(euro.uuid) as Record<string, unknown>)['currency'] = 'EUR';
    await cryptomus.pay(euro.uuid);
    await scene.drain();
    await scene.expectAmountAndCurrencyReviewed(shop, short.id, euro.id, before);
  });

  it("a genuine callback about this shop's invoice sent to another reseller's endpoint credits nothing", async () => {
    const other = await openShop(scene.baseUrl, 'Other Shop', 'USD');
    const otherKey = 'cryptomus-payment-api-key-shop-b-9876543210';
    await scene.offer(other, 'cryptomus', {
      merchantId: '1f3e4a4c-0d55-4c3b-9f0e-2b8d6f3c7a11',
      paymentApiKey: otherKey,
    });
    const before = await scene.balance(shop);
    const p = await start(1_500);
    const forOther = cryptomus.signDelivery(
      { ...cryptomus.notification(p.uuid), status: 'paid', is_final: true },
      { apiKey: otherKey, url: scene.webhookUrl('cryptomus', other.resellerId) },
    );
    expect((await sendDelivery(forOther)).response?.status).toBe(200);
    await scene.drain();
    await scene.expectNothingCredited(shop, p.id, before);
    expect(await scene.reviews(other)).toMatchObject([{ reason: 'unmatched', paymentId: null }]);
  });

  it('forged callbacks (another key, an edited body, no sign) are refused and store nothing', async () => {
    const before = await scene.balance(shop);
    const p = await start(2_500);
    const url = scene.webhookUrl('cryptomus', shop.resellerId);
    const claim = { ...cryptomus.notification(p.uuid), status: 'paid', is_final: true };
    const genuine = cryptomus.signDelivery(claim, { url });
    const unsigned = JSON.parse(genuine.body.toString('utf8')) as Record<string, unknown>;
    delete unsigned['sign'];
    const forgeries = [
      cryptomus.signDelivery(claim, { apiKey: 'not-the-merchants-payment-key-000', url }),
      { ...genuine, body: Buffer.from(genuine.body.toString('utf8').replace('"paid"', '"paid_over"')) },
      { ...genuine, body: Buffer.from(JSON.stringify(unsigned)) },
    ];
    await scene.expectForgeriesRefused('cryptomus', forgeries, url, shop, p.id, before);
    expect((await scene.payment(shop, p.id)).status).toBe('new');
  });
});
