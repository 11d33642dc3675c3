import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { key } from '../../support/api.js';
import { DIALECTS } from '../../support/databases.js';
import type { Pay2sEmulator } from '../../support/emulators/pay2s.js';
import type { PayPalEmulator } from '../../support/emulators/paypal.js';
import { GatewayScene, openShop, type Shop } from '../../support/gateway-flow.js';
import { startVietQrShop, VIETQR_ACCOUNT, type VietQrShop } from '../../support/vietqr-shop.js';
import { http } from '../../support/http.js';
import { openPayPalShop } from '../../support/paypal-shop.js';
import { pressSandboxButton } from '../../support/payments.js';
import { createTenant } from '../../support/tenants.js';

/**
 * Refunds of top-ups through the other rails: PayPal refunds the capture, the sandbox refunds in
 * test mode, and a bank transfer (VietQR) is paid back by hand and recorded as a manual payout.
 * The Stripe rail, the refusal and the race are in payment-refunds-stripe.test.ts.
 */
const refund = (
  scene: GatewayScene,
  shop: Shop,
  paymentId: string,
  body: Record<string, unknown>,
  token = shop.admin,
) => http(scene.baseUrl, 'POST', `/v1/payments/${paymentId}/refunds`, { token, key: key('refund'), body });

describe.each(DIALECTS)('refunds through PayPal, the sandbox and by hand on %s', (dialect) => {
  describe('PayPal', () => {
    const APP = { clientId: 'AeRefundAppClientId', clientSecret: 'ERefundAppClientSecret' };
    let scene: GatewayScene;
    let paypal: PayPalEmulator;
    let shop: Shop;

    beforeEach(async () => {
      ({ scene, paypal, shop } = await openPayPalShop(dialect, {
        shopName: 'PayPal Refunds',
        ...APP,
        merchantId: 'MERCHANTREF1',
        webhookId: 'WHREF0001',
      }));
    });
    afterEach(async () => {
      await scene.close();
      await paypal.close();
    });

    it('partial, then the rest: PayPal refunds the capture; the payment ends refunded; over-refund refused', async () => {
      const payment = await scene.topUp(shop, { amount: 5_000, provider: 'paypal' });
      const order = new URL(payment.checkout.url).searchParams.get('token')!;
      await paypal.approve(order);
      await scene.drain();
      await paypal.settled();
      await scene.drain();
      expect(await scene.balance(shop)).toBe(5_000);

      const part = await refund(scene, shop, payment.id, { amount: 1_250, reason: 'Partial' });
      expect(part.status, JSON.stringify(part.body)).toBe(201);
      expect(part.body).toMatchObject({ provider: 'paypal', status: 'succeeded', amount: 1_250 });
      const capture = paypal.orders.get(order)!['purchase_units'][0].payments;
      expect(capture.captures[0].status).toBe('PARTIALLY_REFUNDED');
      expect(capture.refunds).toMatchObject([{ amount: { value: '12.50', currency_code: 'USD' } }]);
      expect(await scene.payment(shop, payment.id)).toMatchObject({ refundStatus: 'partially_refunded' });

      const over = await refund(scene, shop, payment.id, { amount: 3_751, reason: 'Too much' });
      expect(over.status).toBe(422);
      expect(over.body.error).toMatchObject({ code: 'refund_exceeds_payment', field: 'amount' });

      const rest = await refund(scene, shop, payment.id, { reason: 'The rest' });
      expect(rest.body).toMatchObject({ amount: 3_750, status: 'succeeded' });
      expect(capture.refunds.map((r: any) => r.amount.value)).toEqual(['12.50', '37.50']);
      // The method's fee (paid on top, never credited) is not the wallet's to give back.
      expect(capture.captures[0].status).toBe('PARTIALLY_REFUNDED');
      expect(await scene.balance(shop)).toBe(0);
      expect(await scene.payment(shop, payment.id)).toMatchObject({
        refundedAmount: 5_000,
        refundStatus: 'refunded',
      });
    });

    it('PayPal refuses: compensated, the balance where it was, the refund failed', async () => {
      const payment = await scene.topUp(shop, { amount: 2_000, provider: 'paypal' });
      const order = new URL(payment.checkout.url).searchParams.get('token')!;
      await paypal.approve(order);
      await scene.drain();
      await paypal.settled();
      await scene.drain();
      paypal.refuseRefunds();
      const refused = await refund(scene, shop, payment.id, { amount: 500, reason: 'Refused' });
      expect(refused.status).toBe(422);
      expect(refused.body.error.code).toBe('refund_refused');
      expect(await scene.balance(shop)).toBe(2_000);
      const rows = await http(scene.baseUrl, 'GET', `/v1/wallets/${shop.walletId}/transactions`, {
        token: shop.admin,
      });
      // Top-up, refund debit, compensating credit: the balance after each says nothing was lost or doubled.
      expect(rows.body.items.map((r: any) => [r.type, r.amount, r.balanceAfter])).toEqual([
        ['adjustment', 500, 2_000],
        ['refund', -500, 1_500],
        ['top_up', 2_000, 2_000],
      ]);
    });

    it("PayPal's refund errors are refused with the code a console words: its own sentence where the reader must act otherwise", async () => {
      const payment = await scene.topUp(shop, { amount: 2_000, provider: 'paypal' });
      const order = new URL(payment.checkout.url).searchParams.get('token')!;
      await paypal.approve(order);
      await scene.drain();
      await paypal.settled();
      await scene.drain();
      const issues: Array<[issue: string, code: string]> = [
        ['CAPTURE_DISPUTED_PARTIAL_REFUND_NOT_ALLOWED', 'disputed'],
        ['CAPTURE_FULLY_REFUNDED', 'no_charge'],
        ['REFUND_AMOUNT_EXCEEDED', 'more_than_left'],
        ['REFUND_TIME_LIMIT_EXCEEDED', 'too_late'],
        ['REFUND_TIME_EXCEEDED_FOR_PAYMENT_SOURCE', 'too_late'],
        ['REFUND_FAILED_INSUFFICIENT_FUNDS', 'provider_balance_low'],
        ['PARTIAL_REFUND_NOT_ALLOWED', 'full_refund_only'],
        ['MAX_NUMBER_OF_REFUNDS_EXCEEDED', 'too_many_refunds'],
        ['TRANSACTION_REFUSED', 'refused'],
        ['A_REFUSAL_FROM_THE_FUTURE', 'refused'],
      ];
      for (const [issue, code] of issues) {
        paypal.refuseRefunds(issue);
        const refused = await refund(scene, shop, payment.id, { amount: 500, reason: issue });
        expect(refused.status, issue).toBe(422);
        expect(refused.body.error, issue).toMatchObject({
          code: 'refund_refused',
          reason: { key: 'refund_refused', values: { provider: 'paypal', code } },
        });
      }
      const listed = await http(scene.baseUrl, 'GET', `/v1/payments/${payment.id}/refunds`, {
        token: shop.admin,
      });
      // Each keeps PayPal's English (its issue named) beside the code.
      expect(
        listed.body.items
          .map((r: any) => [r.status, r.failureReason.split(' ')[2].replace(':', ''), r.failureCode])
          .sort(),
      ).toEqual(issues.map(([issue, code]) => ['failed', issue, code]).sort());
      expect(await scene.balance(shop)).toBe(2_000);
    });
  });

  describe('the sandbox, roles and tenants', () => {
    let scene: GatewayScene;
    let shop: Shop;
    beforeEach(async () => {
      scene = await GatewayScene.start(dialect);
      shop = await openShop(scene.baseUrl, 'Sandbox Refunds', 'USD');
    });
    afterEach(() => scene.close());

    it('a sandbox top-up is refunded in test mode; support agents, customers and other tenants cannot', async () => {
      const created = await scene.topUp(shop, { amount: 3_000, provider: 'sandbox' });
      await pressSandboxButton(created.checkout.url, 'pay');
      await scene.drain();
      const done = await refund(scene, shop, created.id, { amount: 1_000, reason: 'Test refund' });
      expect(done.status, JSON.stringify(done.body)).toBe(201);
      expect(done.body).toMatchObject({
        provider: 'sandbox',
        status: 'succeeded',
        providerRefundId: expect.any(String),
      });
      expect(await scene.balance(shop)).toBe(2_000);

      const other = await openShop(scene.baseUrl, 'Other Tenant', 'USD');
      const foreign = await refund(scene, shop, created.id, { amount: 1, reason: 'Not mine' }, other.admin);
      expect(foreign.status).toBe(404);
      expect(
        (await http(scene.baseUrl, 'GET', `/v1/payments/${created.id}/refunds`, { token: other.admin }))
          .status,
      ).toBe(404);
      const roles = await createTenant(scene.api.app, 'Roles');
      for (const token of [roles.support, roles.customer]) {
        const reply = await refund(scene, shop, created.id, { amount: 1, reason: 'Role' }, token);
        expect([403, 404]).toContain(reply.status);
      }
      expect(await scene.balance(shop)).toBe(2_000);
    });

    it('bad input names the field and writes nothing', async () => {
      const created = await scene.topUp(shop, { amount: 3_000, provider: 'sandbox' });
      await pressSandboxButton(created.checkout.url, 'pay');
      await scene.drain();
      const cases: [Record<string, unknown>, string][] = [
        [{ amount: 0, reason: 'Zero' }, 'amount'],
        [{ amount: 1.5, reason: 'Fraction' }, 'amount'],
        [{ amount: 100 }, 'reason'],
        [{ amount: 100, reason: '  ' }, 'reason'],
        [{ amount: 100, reason: 'x', extra: 1 }, 'extra'],
      ];
      for (const [body, field] of cases) {
        const reply = await refund(scene, shop, created.id, body);
        expect(reply.status, JSON.stringify(body)).toBe(400);
        expect(reply.body.error.field, JSON.stringify(reply.body)).toBe(field);
      }
      const unpaid = await scene.topUp(shop, { amount: 1_000, provider: 'sandbox' });
      const notPaid = await refund(scene, shop, unpaid.id, { reason: 'Unpaid' });
      expect(notPaid.status).toBe(422);
      expect(notPaid.body.error.code).toBe('payment_not_refundable');
      expect(await scene.balance(shop)).toBe(3_000);
    });
  });

  describe('a bank transfer (VietQR), paid back by hand', () => {
    let scene: GatewayScene;
    let pay2s: Pay2sEmulator;
    let shop: Shop;
    let bank: VietQrShop;
    beforeEach(async () => {
      bank = await startVietQrShop(dialect, 'VietQR Refunds');
      ({ scene, pay2s, shop } = bank);
    });
    afterEach(() => bank.close());

    it('needs a destination and reference (named), then records a succeeded manual payout', async () => {
      const payment = await scene.topUp(shop, { amount: 500_000, provider: 'vietqr' });
      const line = pay2s.credit({
        accountNumber: VIETQR_ACCOUNT,
        amount: 500_000,
        content: `NAP ${payment.checkout.memo}`,
      });
      await pay2s.delivered(line.id);
      await scene.drain();
      expect(await scene.balance(shop)).toBe(500_000);

      const noDestination = await refund(scene, shop, payment.id, { amount: 200_000, reason: 'Back' });
      expect(noDestination.status).toBe(400);
      expect(noDestination.body.error).toMatchObject({ code: 'validation', field: 'destination' });
      const noReference = await refund(scene, shop, payment.id, {
        amount: 200_000,
        reason: 'Back',
        destination: 'VCB 0011223344 NGUYEN VAN A',
      });
      expect(noReference.body.error).toMatchObject({ code: 'validation', field: 'reference' });
      expect(await scene.balance(shop)).toBe(500_000);

      const paid = await refund(scene, shop, payment.id, {
        amount: 200_000,
        reason: 'Back',
        destination: 'VCB 0011223344 NGUYEN VAN A',
        reference: 'FT25030912345',
      });
      expect(paid.status, JSON.stringify(paid.body)).toBe(201);
      expect(paid.body).toMatchObject({
        method: 'manual',
        status: 'succeeded',
        destination: 'VCB 0011223344 NGUYEN VAN A',
        reference: 'FT25030912345',
        amount: 200_000,
        currency: 'VND',
      });
      expect(await scene.balance(shop)).toBe(300_000);
      expect(await scene.payment(shop, payment.id)).toMatchObject({ refundStatus: 'partially_refunded' });
    });
  });
});
