import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PAYMENT_JOBS } from '../../../src/server/jobs/payment-jobs.js';
import { LEASE_MS } from '../../../src/server/payments/leases.js';
import { key } from '../../support/api.js';
import { DIALECTS } from '../../support/databases.js';
import type { PayPalEmulator } from '../../support/emulators/paypal.js';
import { type GatewayScene, must, type Shop } from '../../support/gateway-flow.js';
import { http } from '../../support/http.js';
import { stopWithChargeOut } from '../../support/paypal-lapsed-shop.js';
import { openPayPalShop } from '../../support/paypal-shop.js';

const APP = { clientId: 'AeLapsedChargeClient', clientSecret: 'ELapsedChargeSecret' };
const MERCHANT = 'LAPSEDCHARGE1';
const HOUR = 3600_000;

/**
 * A PayPal vaulted account's charge whose API process stopped with it out (the loopback PayPal
 * emulator, which keeps a PayPal-Request-Id 6 hours as PayPal does). PayPal cannot be asked whether
 * it made a charge, only sent it again under its key: taken up while PayPal still keeps that key,
 * it is answered as made, credited once. Taken up later (every process was down for hours), it is
 * never sent again, since PayPal would charge the payer a second time: the payment is held for a
 * review, once, nothing credited. Amounts are minor units of USD.
 */
describe.each(DIALECTS)('a PayPal saved-account charge whose answer was lost, on %s', (dialect) => {
  let scene: GatewayScene;
  let paypal: PayPalEmulator;
  let shop: Shop;
  let payerId: string;
  let savedMethodId: string;

  beforeEach(async () => {
    ({ scene, paypal, shop } = await openPayPalShop(dialect, {
      shopName: 'Lapsed PayPal',
      ...APP,
      merchantId: MERCHANT,
      webhookId: 'WHLAPSED01',
    }));
    // The payer's account is vaulted by paying 2 000 at PayPal.
    payerId = (await as('POST', `/v1/customers/${shop.customerId}/payers`, { name: 'Accounts payable' })).id;
    const first = await scene.topUp(shop, { amount: 2_000, provider: 'paypal', payerId, saveMethod: true });
    await paypal.approve(new URL(first.checkout.url).searchParams.get('token')!);
    await scene.drain();
    await paypal.settled();
    await scene.drain();
    savedMethodId = first.savesMethodId;
    expect(await scene.balance(shop)).toBe(2_000);
  });
  afterEach(async () => {
    await scene.close();
    await paypal.close();
  });

  const as = (method: 'GET' | 'POST' | 'PUT', url: string, body?: unknown) =>
    must(http(scene.baseUrl, method, url, { token: shop.admin, key: key(), ...(body ? { body } : {}) }));
  /** Vaulted-account charges PayPal received (each order created with a vault id). */
  const charges = () =>
    paypal.requests.filter((r) => r.method === 'POST' && r.path === '/v2/checkout/orders');
  const chargesMade = () =>
    [...paypal.orders.values()].filter(
      (o) => o['status'] === 'COMPLETED' && o['purchase_units'][0].custom_id,
    );
  const paymentJobs = async () => {
    for (const job of Object.values(PAYMENT_JOBS)) await scene.api.app.paymentJobs.runOnce(job);
    await scene.api.app.payments.settled();
  };
  const credited = async (paymentId: string) =>
    (await scene.topUpRows(shop)).filter((r) => r.reference === paymentId).map((r) => r.amount);

  /** Top up 3 000 with the vaulted account; the process stops with its charge out at PayPal. */
  async function topUpWithChargeLost() {
    const dead = stopWithChargeOut({ scene }, true);
    const topUp = http(scene.baseUrl, 'POST', `/v1/wallets/${shop.walletId}/top-ups`, {
      token: shop.admin,
      key: key('topup'),
      body: { amount: 3_000, provider: 'paypal', payerId, savedMethodId },
    });
    topUp.catch(() => undefined);
    await dead.out;
    const listed = await as('GET', `/v1/payments?walletId=${shop.walletId}`);
    const lost = listed.items.filter((p: any) => p.savedMethodId !== null);
    expect(lost).toEqual([expect.objectContaining({ status: 'new', checkout: null })]);
    expect(charges()).toHaveLength(2);
    return { dead, topUp, chargeId: lost[0].id as string };
  }

  it('taken up while PayPal keeps its request id: sent again once under it, answered as made, credited once', async () => {
    const { dead, topUp, chargeId } = await topUpWithChargeLost();
    scene.clock.advance(LEASE_MS + 1_000);
    await paymentJobs();
    await paymentJobs();
    expect(charges()).toHaveLength(3);
    expect(
      new Set(
        charges()
          .slice(1)
          .map((r) => r.requestId),
      ).size,
    ).toBe(1);
    // PayPal made the charge once: the first vaulting order and this one.
    expect(chargesMade()).toHaveLength(2);
    expect(await scene.payment(shop, chargeId)).toMatchObject({ status: 'paid', amount: 3_000 });
    expect(await credited(chargeId)).toEqual([3_000]);
    expect(await scene.balance(shop)).toBe(5_000);
    expect(await scene.reviews(shop)).toEqual([]);
    dead.die();
    await topUp;
  });

  it('taken up after PayPal may have forgotten its request id: not sent again, held for one review, nothing credited', async () => {
    const { dead, topUp, chargeId } = await topUpWithChargeLost();
    // Every process was down for hours: the first jobs to run come 5 hours after the charge.
    scene.clock.advance(5 * HOUR);
    await paymentJobs();
    await paymentJobs();
    scene.clock.advance(2 * HOUR);
    await paymentJobs();

    expect(charges()).toHaveLength(2);
    expect(chargesMade()).toHaveLength(2);
    expect(await scene.payment(shop, chargeId)).toMatchObject({ status: 'new', heldForReview: true });
    await scene.expectNothingCredited(shop, chargeId, 2_000);
    const reviews = await scene.reviews(shop);
    expect(reviews).toEqual([
      expect.objectContaining({
        paymentId: chargeId,
        reason: 'payment',
        status: 'open',
        amount: 3_000,
        currency: 'USD',
      }),
    ]);
    expect(reviews[0].detail).toContain('it was not sent again');

    // The stopped request's own failure changes nothing: staff decide the payment.
    dead.die();
    await topUp;
    expect(await scene.payment(shop, chargeId)).toMatchObject({ status: 'new', heldForReview: true });
    expect(charges()).toHaveLength(2);
  });

  it("PayPal's late webhook for a held charge it made credits it once, and the review asks staff for nothing more", async () => {
    const { dead, topUp, chargeId } = await topUpWithChargeLost();
    scene.clock.advance(5 * HOUR);
    await paymentJobs();
    expect(await scene.payment(shop, chargeId)).toMatchObject({ status: 'new', heldForReview: true });
    dead.die();
    await topUp;

    const made = [...paypal.orders.values()].find((o) => o['purchase_units'][0].custom_id === chargeId);
    await paypal.sendCaptureCompleted(made!['id']);
    await scene.drain();
    // PayPal retries its delivery: the same money, credited once.
    await paypal.sendCaptureCompleted(made!['id']);
    await scene.drain();
    await paymentJobs();

    expect(charges()).toHaveLength(2);
    expect(await scene.payment(shop, chargeId)).toMatchObject({ status: 'paid', heldForReview: false });
    expect(await credited(chargeId)).toEqual([3_000]);
    expect(await scene.balance(shop)).toBe(5_000);
    expect(await scene.reviews(shop)).toEqual([
      expect.objectContaining({ paymentId: chargeId, reason: 'payment', status: 'resolved' }),
    ]);
  });

  it("an auto top-up's charge, asked about by its own job after the key may have lapsed, is held, not sent", async () => {
    await as('PUT', `/v1/wallets/${shop.walletId}/auto-top-up`, {
      enabled: true,
      threshold: 1_500,
      amount: 5_000,
      paymentMethodId: savedMethodId,
    });
    await as('POST', `/v1/wallets/${shop.walletId}/debits`, { amount: 1_000, description: 'usage' });
    const dead = stopWithChargeOut({ scene }, true);
    const charging = scene.api.app.autoTopUps.run();
    charging.catch(() => undefined);
    await dead.out;
    expect(charges()).toHaveLength(2);
    const { paymentId: chargeId } = await as('GET', `/v1/wallets/${shop.walletId}/auto-top-up`);

    scene.clock.advance(5 * HOUR);
    await scene.api.app.autoTopUps.run();
    await paymentJobs();
    await scene.api.app.autoTopUps.run();

    expect(charges()).toHaveLength(2);
    expect(await scene.payment(shop, chargeId)).toMatchObject({ status: 'new', heldForReview: true });
    await scene.expectNothingCredited(shop, chargeId, 1_000);
    expect(await scene.reviews(shop)).toEqual([
      expect.objectContaining({ paymentId: chargeId, reason: 'payment', amount: 5_000 }),
    ]);
    dead.die();
    await charging.catch(() => undefined);
    expect(charges()).toHaveLength(2);
  });
});
