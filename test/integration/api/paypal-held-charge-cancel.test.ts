import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { key } from '../../support/api.js';
import { DIALECTS } from '../../support/databases.js';
import { http } from '../../support/http.js';
import {
  HOUR,
  openPayPalLapsedShop,
  topUpWithChargeLost,
  type PayPalLapsedShop,
} from '../../support/paypal-lapsed-shop.js';

/**
 * Cancelling a PayPal vaulted account's charge held for staff because its answer was lost
 * (lapsed-charge.ts): nothing is known to have arrived, so the refusal says the charge is not
 * confirmed and staff are checking it with PayPal, never that it was paid. The code stays
 * `payment_not_open` (what older consoles handle); the reason key is its own, and an older console,
 * which does not know it, shows the English message, so that must be right too.
 */
describe.each(DIALECTS)('cancelling a held unanswered PayPal charge, on %s', (dialect) => {
  let t: PayPalLapsedShop;
  beforeEach(async () => {
    t = await openPayPalLapsedShop(dialect);
  });
  afterEach(() => t.close());

  it('is refused as not confirmed and being checked with the provider, nothing written', async () => {
    // Top up 3 000 (USD minor units) with the vaulted account; the process stops with it out, and
    // five hours on (PayPal keeps a request id 6) the jobs hold it for staff.
    const { chargeId, done } = await topUpWithChargeLost(t);
    t.scene.clock.advance(5 * HOUR);
    await t.paymentJobs();
    await done();
    const held = await t.scene.payment(t.shop, chargeId);
    expect(held).toMatchObject({ status: 'new', heldForReview: true, checkout: null });

    const reply = await http(t.scene.baseUrl, 'POST', `/v1/payments/${chargeId}/cancel`, {
      token: t.shop.admin,
      key: key('cancel'),
      body: {},
    });
    expect(reply.status).toBe(422);
    expect(reply.body.error).toMatchObject({
      code: 'payment_not_open',
      reason: { key: 'payment_held_unanswered', values: {} },
    });
    expect(reply.body.error.message).toContain('not confirmed');
    expect(reply.body.error.message).toContain('checking');
    expect(reply.body.error.message).not.toMatch(/\bpaid\b|money arrived/);
    expect(await t.scene.payment(t.shop, chargeId)).toEqual(held);
    expect(await t.scene.balance(t.shop)).toBe(2_000);
  });
});
