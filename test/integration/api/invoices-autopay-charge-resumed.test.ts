import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PAYMENT_JOBS } from '../../../src/server/jobs/payment-jobs.js';
import { LEASE_MS } from '../../../src/server/payments/leases.js';
import { key } from '../../support/api.js';
import { DIALECTS } from '../../support/databases.js';
import type { StripeEmulator } from '../../support/emulators/stripe.js';
import { must, type GatewayScene, type Shop } from '../../support/gateway-flow.js';
import { http } from '../../support/http.js';
import {
  openStripeShop,
  saveStripeCard,
  stopWithChargeOut as stopWithChargeOutAt,
  type StripeShop,
} from '../../support/stripe-shop.js';

/**
 * The API process stops while finalize's off-session charge of an auto-pay invoice's rest is out
 * at Stripe (the loopback emulator): the payment stays `new` with its saved card, and the invoice
 * reads Processing and refuses payments and voids. The payment jobs take the charge up again under
 * its own idempotency key: Stripe answers what it did (a charge it made is not made twice), the
 * payment is credited only on that answer, and a declined card fails it, so the invoice is due
 * again. Amounts are minor units of USD.
 */
describe.each(DIALECTS)('an auto-pay charge whose answer was lost, on %s', (dialect) => {
  let s: StripeShop;
  let scene: GatewayScene;
  let shop: Shop;
  let stripe: StripeEmulator;

  beforeEach(async () => {
    s = await openStripeShop(dialect, 'Lost Charge', {
      secretKey: 'sk_test_51LostCharge',
      accountId: 'acct_1LostCharge',
      webhookSecret: 'whsec_lost',
    });
    ({ scene, shop, stripe } = s);
  });
  afterEach(() => s.close());

  /** A card saved at Stripe's hosted checkout by paying 2 000 with it: the wallet holds 2 000. */
  async function saveCard(last4: string): Promise<void> {
    await saveStripeCard(s, { last4 });
    expect(await scene.balance(shop)).toBe(2_000);
  }

  /** The process that finalizes stops with the card's charge out (see stopWithChargeOut). */
  const stopWithChargeOut = (reachesStripe: boolean) => stopWithChargeOutAt(s, reachesStripe);

  const intents = () =>
    stripe.requests.filter((r) => r.method === 'POST' && r.path === '/v1/payment_intents');
  const invoice = (id: string) =>
    must(http(scene.baseUrl, 'GET', `/v1/invoices/${id}`, { token: shop.admin }));
  /** Every payment job, once, as the API's scheduler runs them. */
  const resumeCharges = async () => {
    for (const job of Object.values(PAYMENT_JOBS)) await scene.api.app.paymentJobs.runOnce(job);
    await scene.api.app.payments.settled();
  };
  /** 5 000 with auto-pay: the wallet pays its 2 000 at finalize, the saved card the 3 000 left. */
  async function finalizeAutoPay(): Promise<{ id: string; finalizing: Promise<unknown> }> {
    const draft = await must(
      http(scene.baseUrl, 'POST', `/v1/customers/${shop.customerId}/invoices`, {
        token: shop.admin,
        body: {
          currency: 'USD',
          autoPay: true,
          lines: [{ description: 'Service', quantity: 1, unitAmount: 5_000 }],
        },
      }),
    );
    const finalizing = http(scene.baseUrl, 'POST', `/v1/invoices/${draft.id}/finalize`, {
      token: shop.admin,
      key: key('fin'),
    });
    // Its answer comes only once the test revives the stopped process; a failed test must not leave it unhandled.
    finalizing.catch(() => undefined);
    return { id: draft.id, finalizing };
  }

  it('a charge Stripe made is taken up by the jobs: credited on its answer, once, and pays the invoice', async () => {
    await saveCard('4242');
    const dead = stopWithChargeOut(true);
    const { id, finalizing } = await finalizeAutoPay();
    await dead.out;
    expect(intents()).toHaveLength(1);
    const charging = await invoice(id);
    expect(charging).toMatchObject({ status: 'partially_paid', amountPaid: 2_000, amountDue: 3_000 });
    const chargeId = charging.pendingPaymentId as string;
    expect(await scene.payment(shop, chargeId)).toMatchObject({
      status: 'new',
      savedMethodId: expect.any(String),
    });

    // Within the time a live request may still be waiting for Stripe, the jobs leave it alone.
    await resumeCharges();
    expect(intents()).toHaveLength(1);
    expect(await scene.payment(shop, chargeId)).toMatchObject({ status: 'new' });

    scene.clock.advance(LEASE_MS + 1_000);
    await resumeCharges();
    // Asked again under the charge's own key: Stripe answers with the charge it made, not a new one.
    expect(intents()).toHaveLength(2);
    expect(new Set(intents().map((r) => r.idempotencyKey)).size).toBe(1);
    expect(await invoice(id)).toMatchObject({
      status: 'paid',
      amountPaid: 5_000,
      amountDue: 0,
      pendingPaymentId: null,
    });
    expect(await scene.payment(shop, chargeId)).toMatchObject({ status: 'paid', amount: 3_000 });
    const credited = async () =>
      (await scene.topUpRows(shop)).filter((r) => r.reference === chargeId).map((r) => r.amount);
    // Its 3 000 credited once, and paid on to the invoice.
    expect(await credited()).toEqual([3_000]);
    expect(await scene.balance(shop)).toBe(0);

    // Another run, and the stopped process's own late answer, change nothing.
    await resumeCharges();
    dead.revive();
    await finalizing;
    await scene.drain();
    expect(await invoice(id)).toMatchObject({ status: 'paid', amountPaid: 5_000 });
    expect(await credited()).toEqual([3_000]);
    expect(await scene.balance(shop)).toBe(0);
    expect(await scene.reviews(shop)).toEqual([]);
  });

  it('a charge that never reached Stripe is asked once; declined, it fails and the invoice is due again, nothing credited', async () => {
    await saveCard('0002');
    const dead = stopWithChargeOut(false);
    const { id, finalizing } = await finalizeAutoPay();
    await dead.out;
    expect(intents()).toHaveLength(0);
    const chargeId = (await invoice(id)).pendingPaymentId as string;

    scene.clock.advance(LEASE_MS + 1_000);
    await resumeCharges();
    expect(intents()).toHaveLength(1);
    expect(await scene.payment(shop, chargeId)).toMatchObject({ status: 'failed' });
    // What is left is due again: it may be paid another way, or voided.
    expect(await invoice(id)).toMatchObject({
      status: 'partially_paid',
      amountPaid: 2_000,
      amountDue: 3_000,
    });
    await scene.expectNothingCredited(shop, chargeId, 0);
    const voided = await http(scene.baseUrl, 'POST', `/v1/invoices/${id}/void`, {
      token: shop.admin,
      key: key('void'),
    });
    expect(voided.status, JSON.stringify(voided.body)).toBe(200);

    await resumeCharges();
    expect(intents()).toHaveLength(1);
    dead.revive();
    await finalizing;
  });
});
