import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { key } from '../../support/api.js';
import { DIALECTS } from '../../support/databases.js';
import { http } from '../../support/http.js';
import {
  HOUR,
  openPayPalLapsedShop,
  stopWithChargeOut,
  topUpWithChargeLost,
  type PayPalLapsedShop,
} from '../../support/paypal-lapsed-shop.js';

/**
 * A PayPal vaulted account's charge whose answer was lost and which was held for staff once PayPal
 * may have forgotten its request id (lapsed-charge.ts), paying an auto-pay invoice's rest or a
 * renewal's shortfall. Staff look it up at PayPal: not made, they close its review and the payment
 * ends unpaid (expired, as a charge its provider finds never made does), so the invoice is due again
 * and the renewal goes on as after any unpaid top-up; made, they apply it and it is credited once
 * and pays what it was for. Amounts are minor units of USD.
 */
describe.each(DIALECTS)('a held PayPal saved-account charge decided by staff, on %s', (dialect) => {
  let t: PayPalLapsedShop;

  beforeEach(async () => {
    t = await openPayPalLapsedShop(dialect);
    expect(await t.scene.balance(t.shop)).toBe(2_000);
  });
  afterEach(() => t.close());

  const invoice = (id: string) => t.as('GET', `/v1/invoices/${id}`);
  const credited = async (paymentId: string) =>
    (await t.scene.topUpRows(t.shop)).filter((r) => r.reference === paymentId).map((r) => r.amount);
  const openReviewOf = async (paymentId: string) => {
    const open = (await t.scene.reviews(t.shop)).filter(
      (r) => r.paymentId === paymentId && r.status === 'open' && r.amount !== null,
    );
    expect(open).toHaveLength(1);
    return open[0];
  };
  const resolve = (reviewId: string) =>
    t.as('POST', `/v1/payment-reviews/${reviewId}/resolve`, { note: 'not at PayPal' });

  /**
   * 5 000 with auto-pay: the wallet pays its 2 000 at finalize, the vaulted account the 3 000 left,
   * and the process stops with that charge out. Five hours on, the jobs hold it for staff.
   */
  async function autoPayHeld(reachesPayPal: boolean) {
    await t.as('POST', `/v1/payment-methods/${t.savedMethodId}/default`);
    const dead = stopWithChargeOut(t, reachesPayPal);
    const draft = await t.as('POST', `/v1/customers/${t.shop.customerId}/invoices`, {
      currency: 'USD',
      autoPay: true,
      lines: [{ description: 'Service', quantity: 1, unitAmount: 5_000 }],
    });
    const finalizing = http(t.scene.baseUrl, 'POST', `/v1/invoices/${draft.id}/finalize`, {
      token: t.shop.admin,
      key: key('fin'),
    });
    finalizing.catch(() => undefined);
    await dead.out;
    const chargeId = (await invoice(draft.id)).pendingPaymentId as string;
    t.scene.clock.advance(5 * HOUR);
    await t.paymentJobs();
    expect(await t.scene.payment(t.shop, chargeId)).toMatchObject({ status: 'new', heldForReview: true });
    dead.die();
    await finalizing.catch(() => undefined);
    return { invoiceId: draft.id as string, chargeId };
  }

  it('closed because PayPal never made it: the payment expires unpaid, and the invoice is due again', async () => {
    const { invoiceId, chargeId } = await autoPayHeld(false);
    // Held, the invoice takes no other payment: its charge is being confirmed, not said to be paid.
    const refused = await http(t.scene.baseUrl, 'POST', `/v1/invoices/${invoiceId}/payments`, {
      token: t.shop.admin,
      key: key('pay'),
      body: { provider: 'paypal', payerId: t.payerId },
    });
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatchObject({
      code: 'invoice_processing',
      reason: { key: 'invoice_processing', values: { payment: chargeId } },
    });
    expect(refused.body.error.message).not.toMatch(/was paid/);

    expect(t.orderFor(chargeId)).toBeUndefined();
    await resolve((await openReviewOf(chargeId)).id);

    const ended = await t.scene.payment(t.shop, chargeId);
    expect(ended).toMatchObject({ status: 'expired', failureCode: 'expired', heldForReview: false });
    // Nothing arrived: its reason must not say money did.
    expect(ended.failureReason).not.toMatch(/arrived/);
    await t.scene.expectNothingCredited(t.shop, chargeId, 0);
    expect(await invoice(invoiceId)).toMatchObject({
      status: 'partially_paid',
      amountPaid: 2_000,
      amountDue: 3_000,
    });
    // Released: it takes another payment (a checkout for what is due), which a held charge refused.
    const checkout = await http(t.scene.baseUrl, 'POST', `/v1/invoices/${invoiceId}/payments`, {
      token: t.shop.admin,
      key: key('pay'),
      body: { provider: 'paypal', payerId: t.payerId },
    });
    expect(checkout.status, JSON.stringify(checkout.body)).toBe(201);
    expect(t.chargesSent()).toHaveLength(2);
  });

  it('applied because PayPal made it: credited once, and it pays the invoice', async () => {
    const { invoiceId, chargeId } = await autoPayHeld(true);
    const review = await openReviewOf(chargeId);
    await t.as('POST', `/v1/payment-reviews/${review.id}/apply`, { paymentId: chargeId });

    expect(await t.scene.payment(t.shop, chargeId)).toMatchObject({ status: 'paid', heldForReview: false });
    expect(await credited(chargeId)).toEqual([3_000]);
    expect(await invoice(invoiceId)).toMatchObject({ status: 'paid', amountPaid: 5_000, amountDue: 0 });
    expect(await t.scene.balance(t.shop)).toBe(0);

    // PayPal's late webhook for it is the same money: nothing more is credited.
    await t.paypal.sendCaptureCompleted(t.orderFor(chargeId)!['id']);
    await t.scene.drain();
    await t.paymentJobs();
    expect(await credited(chargeId)).toEqual([3_000]);
    expect(await t.scene.balance(t.shop)).toBe(0);
    expect(t.chargesSent()).toHaveLength(2);
  });

  /**
   * 1 500 a month: the order takes 1 500 of the 2 000, leaving the renewal 1 000 short, topped up by
   * the default vaulted account; the process stops with that charge out, and the jobs hold it.
   */
  async function renewalHeld(reachesPayPal: boolean) {
    await t.as('POST', `/v1/payment-methods/${t.savedMethodId}/default`);
    const product = await t.as('POST', '/v1/products', {
      name: 'Plan',
      prices: { USD: 1_500 },
      period: 'month',
    });
    const placed = await t.as('POST', `/v1/customers/${t.shop.customerId}/orders`, {
      productId: product.id,
      quantity: 1,
      currency: 'USD',
    });
    await t.as('POST', `/v1/orders/${placed.order.id}/fulfilment`, { provisioned: 1 });
    const sub = await t.as('GET', `/v1/subscriptions/${placed.order.subscriptionId}`);
    expect(await t.scene.balance(t.shop)).toBe(500);
    const dead = stopWithChargeOut(t, reachesPayPal);
    t.scene.clock.advance(Date.parse(sub.currentPeriodEnd) - t.scene.clock.now().getTime());
    const renewing = t.scene.api.app.renewals.run();
    renewing.catch(() => undefined);
    await dead.out;
    const chargeId = (await t.as('GET', `/v1/subscriptions/${sub.id}`)).pendingPaymentId as string;
    t.scene.clock.advance(5 * HOUR);
    await t.paymentJobs();
    expect(await t.scene.payment(t.shop, chargeId)).toMatchObject({ status: 'new', heldForReview: true });
    dead.die();
    await renewing.catch(() => undefined);
    // Held, the renewal waits on its charge.
    await t.scene.api.app.renewals.run();
    expect(await t.as('GET', `/v1/subscriptions/${sub.id}`)).toMatchObject({ pendingPaymentId: chargeId });
    return { sub, chargeId };
  }

  it("a renewal's held charge closed as never made: the renewal goes on as after an unpaid top-up", async () => {
    const { sub, chargeId } = await renewalHeld(false);
    await resolve((await openReviewOf(chargeId)).id);
    expect(await t.scene.payment(t.shop, chargeId)).toMatchObject({ status: 'expired' });

    await t.scene.api.app.renewals.run();
    const after = await t.as('GET', `/v1/subscriptions/${sub.id}`);
    expect(after).toMatchObject({ status: 'past_due', pendingPaymentId: null });
    const failed = after.attempts.find((a: any) => a.outcome === 'top_up_failed');
    expect(failed.detail).toContain('ended expired');
    expect(failed.detail).not.toMatch(/arrived/);
    await t.scene.expectNothingCredited(t.shop, chargeId, 500);
  });

  it("a renewal's held charge applied as made: credited once, and the renewal is paid", async () => {
    const { sub, chargeId } = await renewalHeld(true);
    await t.as('POST', `/v1/payment-reviews/${(await openReviewOf(chargeId)).id}/apply`, {
      paymentId: chargeId,
    });
    await t.scene.api.app.renewals.run();
    const after = await t.as('GET', `/v1/subscriptions/${sub.id}`);
    expect(after).toMatchObject({
      status: 'active',
      currentPeriodStart: sub.currentPeriodEnd,
      pendingPaymentId: null,
    });
    expect(await credited(chargeId)).toEqual([1_000]);
    expect(await t.scene.balance(t.shop)).toBe(0);
  });

  it("an auto top-up's held charge closed as never made: the auto top-up backs off as after an unpaid charge", async () => {
    const autoTopUp = `/v1/wallets/${t.shop.walletId}/auto-top-up`;
    await t.as('PUT', autoTopUp, {
      enabled: true,
      threshold: 1_500,
      amount: 5_000,
      paymentMethodId: t.savedMethodId,
    });
    await t.as('POST', `/v1/wallets/${t.shop.walletId}/debits`, { amount: 1_000, description: 'usage' });
    const dead = stopWithChargeOut(t, false);
    const charging = t.scene.api.app.autoTopUps.run();
    charging.catch(() => undefined);
    await dead.out;
    const { paymentId: chargeId } = await t.as('GET', autoTopUp);
    t.scene.clock.advance(5 * HOUR);
    await t.scene.api.app.autoTopUps.run();
    expect(await t.scene.payment(t.shop, chargeId)).toMatchObject({ status: 'new', heldForReview: true });
    dead.die();
    await charging.catch(() => undefined);

    await resolve((await openReviewOf(chargeId)).id);
    await t.scene.api.app.autoTopUps.run();
    const after = await t.as('GET', autoTopUp);
    expect(after).toMatchObject({
      state: 'due',
      paymentId: null,
      consecutiveFailures: 1,
      lastErrorReason: { key: 'payment_failed', values: { code: 'expired' } },
    });
    expect(after.lastError).not.toMatch(/arrived/);
    await t.scene.expectNothingCredited(t.shop, chargeId, 1_000);
  });

  it('held while a payment review of its own was open: the hold still gets a review carrying its amount', async () => {
    const { chargeId, done } = await topUpWithChargeLost(t);
    // PayPal's webhook comes while the payment has no PayPal id yet: a review without money.
    await t.paypal.sendCaptureCompleted(t.orderFor(chargeId)!['id']);
    await t.scene.drain();
    expect(await t.scene.reviews(t.shop)).toEqual([
      expect.objectContaining({ paymentId: chargeId, reason: 'payment', status: 'open', amount: null }),
    ]);

    t.scene.clock.advance(5 * HOUR);
    await t.paymentJobs();
    await done();
    expect(await t.scene.payment(t.shop, chargeId)).toMatchObject({ status: 'new', heldForReview: true });
    const held = await openReviewOf(chargeId);
    expect(held).toMatchObject({ reason: 'payment', amount: 3_000, currency: 'USD' });
    expect(held.detail).toContain('it was not sent again');

    // Staff can act on it: applied, it is credited once.
    await t.as('POST', `/v1/payment-reviews/${held.id}/apply`, { paymentId: chargeId });
    expect(await credited(chargeId)).toEqual([3_000]);
    expect(await t.scene.balance(t.shop)).toBe(5_000);
  });
});
