import { afterEach, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../support/databases.js';
import {
  HOUR,
  openPayPalLapsedShop,
  topUpWithChargeLost,
  type PayPalLapsedShop,
} from '../../support/paypal-lapsed-shop.js';

/**
 * How long PayPal keeps a PayPal-Request-Id is 6 hours unless the operator arranged longer with
 * PayPal (up to 72), which PAYPAL_REQUEST_ID_HOURS tells the API (the payments' savedChargeKeyMs).
 * A vaulted account's charge whose answer was lost is sent again under its key while PayPal keeps
 * it, and held for staff only an hour before it may forget it. Amounts are minor units of USD.
 */
describe.each(DIALECTS)("PayPal's request id kept longer by arrangement, on %s", (dialect) => {
  let t: PayPalLapsedShop;
  afterEach(() => t.close());

  it('kept 24 hours: at 5 hours the charge is asked again under its key, answered as made, credited once', async () => {
    t = await openPayPalLapsedShop(dialect, { savedChargeKeyMs: { paypal: 24 * HOUR } });
    const { chargeId, done } = await topUpWithChargeLost(t);
    t.scene.clock.advance(5 * HOUR);
    await t.paymentJobs();
    await done();

    expect(t.chargesSent()).toHaveLength(3);
    expect(await t.scene.payment(t.shop, chargeId)).toMatchObject({ status: 'paid', heldForReview: false });
    expect(await t.scene.balance(t.shop)).toBe(5_000);
    expect(await t.scene.reviews(t.shop)).toEqual([]);
  });

  it('kept 24 hours: at 23 hours it is held for staff, and its review says 24 hours', async () => {
    t = await openPayPalLapsedShop(dialect, { savedChargeKeyMs: { paypal: 24 * HOUR } });
    const { chargeId, done } = await topUpWithChargeLost(t);
    t.scene.clock.advance(23 * HOUR);
    await t.paymentJobs();
    await done();

    expect(t.chargesSent()).toHaveLength(2);
    expect(await t.scene.payment(t.shop, chargeId)).toMatchObject({ status: 'new', heldForReview: true });
    const [review] = await t.scene.reviews(t.shop);
    expect(review).toMatchObject({ paymentId: chargeId, reason: 'payment', amount: 3_000 });
    expect(review.detail).toContain('forgets its key after 24 hours');
  });
});
