import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { key } from '../../support/api.js';
import { DIALECTS } from '../../support/databases.js';
import type { Pay2sEmulator } from '../../support/emulators/pay2s.js';
import { must, openShop, type GatewayScene, type Shop } from '../../support/gateway-flow.js';
import { startVietQrShop, VIETQR_ACCOUNT, type VietQrShop } from '../../support/vietqr-shop.js';
import { http } from '../../support/http.js';

/**
 * A transfer that matched no payment lands in "Needs review"; an admin applies it to a wallet or to
 * a payment. The money arrives once, whatever the retries and races, and the review says who did it.
 */
describe.each(DIALECTS)('applying an unmatched transfer from the review on %s', (dialect) => {
  let scene: GatewayScene;
  let pay2s: Pay2sEmulator;
  let shop: Shop;
  let bank: VietQrShop;

  beforeEach(async () => {
    bank = await startVietQrShop(dialect, 'Apply Shop', { accountName: 'CONG TY APPLY', memoPrefix: 'NAP' });
    ({ scene, pay2s, shop } = bank);
  });
  afterEach(() => bank.close());

  /** A bank line nobody's memo matches: one open review carrying its amount. */
  const unmatchedTransfer = async (amount: number, content = 'chuyen tien cho shop') => {
    const line = pay2s.credit({ accountNumber: VIETQR_ACCOUNT, amount, content });
    expect(await pay2s.delivered(line.id)).toMatchObject({ acknowledged: true });
    await scene.drain();
    const open = (await scene.reviews(shop)).filter((r) => r.status === 'open');
    expect(open).toMatchObject([{ reason: 'unmatched', paymentId: null, amount, currency: 'VND' }]);
    return open[0].id as string;
  };

  const apply = (reviewId: string, body: object, token = shop.admin, idempotencyKey = key('apply')) =>
    http(scene.baseUrl, 'POST', `/v1/payment-reviews/${reviewId}/apply`, {
      token,
      key: idempotencyKey,
      body,
    });

  const topUpRowsFor = async (relatedId: string) =>
    (await scene.topUpRows(shop)).filter((r) => r.relatedId === relatedId);

  it('applied to a wallet twice at once and then again: credited exactly once, and audited', async () => {
    const before = await scene.balance(shop);
    const reviewId = await unmatchedTransfer(150_000);

    const sameKey = key('apply');
    const answers = await Promise.all([
      apply(reviewId, { walletId: shop.walletId }, shop.admin, sameKey),
      apply(reviewId, { walletId: shop.walletId }),
      apply(reviewId, { walletId: shop.walletId }),
    ]);
    expect(answers.filter((a) => a.status === 200).length).toBeGreaterThanOrEqual(1);
    for (const refused of answers.filter((a) => a.status !== 200)) {
      expect(refused).toMatchObject({ status: 409, body: { error: { code: 'conflict', field: 'id' } } });
    }
    const replay = await apply(reviewId, { walletId: shop.walletId }, shop.admin, sameKey);
    const again = await apply(reviewId, { walletId: shop.walletId });
    expect(again).toMatchObject({ status: 409, body: { error: { code: 'conflict' } } });

    expect(await scene.balance(shop)).toBe(before + 150_000);
    const rows = await topUpRowsFor(reviewId);
    expect(rows).toMatchObject([{ type: 'top_up', amount: 150_000, relatedId: reviewId }]);

    const [review] = await scene.reviews(shop);
    expect(review).toMatchObject({
      id: reviewId,
      status: 'resolved',
      resolvedAt: expect.any(String),
      applied: {
        paymentId: null,
        walletId: shop.walletId,
        transactionId: rows[0].id,
        by: expect.stringMatching(/.+/),
        at: expect.any(String),
      },
    });
    expect(review.resolution).toContain(shop.walletId);
    if (replay.status === 200) expect(replay.body.applied.transactionId).toBe(rows[0].id);

    // The stored event is pruned (retention) and the bank's history brings the line again: no
    // second review appears, so the same money cannot be applied twice.
    await scene.api.db.store.db.deleteFrom('gateway_events').execute();
    await scene.runJob('gateway-events');
    expect(await scene.storedEvents('vietqr')).not.toEqual([]);
    expect(await scene.reviews(shop)).toHaveLength(1);
    expect(await scene.balance(shop)).toBe(before + 150_000);
  });

  it('applied to a payment that expired before the money came: the payment is paid by it', async () => {
    const before = await scene.balance(shop);
    const payment = await scene.topUp(shop, { amount: 400_000, provider: 'vietqr' });
    scene.clock.advance(31 * 60_000);
    await scene.runJob('payment-expiry');
    expect((await scene.payment(shop, payment.id)).status).toBe('expired');
    const reviewId = await unmatchedTransfer(400_000, payment.checkout.memo);

    const applied = await apply(reviewId, { paymentId: payment.id });
    expect(applied).toMatchObject({ status: 200, body: { applied: { paymentId: payment.id } } });
    const paid = await scene.expectCreditedOnce(shop, payment.id, 400_000, before);
    expect(applied.body.applied.transactionId).toBe(paid.transactionId);

    // Paid now: a second transfer cannot pay it again; it must go to the wallet.
    const second = await unmatchedTransfer(400_000, payment.checkout.memo);
    expect(await apply(second, { paymentId: payment.id })).toMatchObject({
      status: 409,
      body: { error: { field: 'paymentId' } },
    });
    expect(await scene.balance(shop)).toBe(before + 400_000);
  });

  it('a support agent may not apply; a wallet in another currency is refused; nothing moves', async () => {
    const before = await scene.balance(shop);
    const reviewId = await unmatchedTransfer(90_000);
    const support = await must(
      http(scene.baseUrl, 'POST', '/v1/api-keys', {
        token: shop.admin,
        body: { name: 'Helpdesk', role: 'support_agent' },
      }),
    );
    expect(await apply(reviewId, { walletId: shop.walletId }, support.key as string)).toMatchObject({
      status: 403,
      body: { error: { code: 'forbidden' } },
    });

    const usd = await must(
      http(scene.baseUrl, 'POST', `/v1/customers/${shop.customerId}/wallets`, {
        token: shop.admin,
        body: { currency: 'USD' },
      }),
    );
    expect(await apply(reviewId, { walletId: usd.id })).toMatchObject({
      status: 400,
      body: { error: { code: 'validation', field: 'walletId', message: expect.stringMatching(/VND.*USD/) } },
    });
    expect(await apply(reviewId, { walletId: shop.walletId, paymentId: 'pay_x' })).toMatchObject({
      status: 400,
      body: { error: { code: 'validation' } },
    });
    expect(await apply(reviewId, {})).toMatchObject({ status: 400 });

    expect(await scene.balance(shop)).toBe(before);
    expect(await topUpRowsFor(reviewId)).toEqual([]);
    expect(await scene.reviews(shop)).toMatchObject([{ id: reviewId, status: 'open', applied: null }]);
  });

  it("another reseller's admin gets 404 for this review, and cannot apply it to its own wallet", async () => {
    const reviewId = await unmatchedTransfer(70_000);
    const other = await openShop(scene.baseUrl, 'Other Shop', 'VND');
    const before = await scene.balance(other);
    expect(await apply(reviewId, { walletId: other.walletId }, other.admin)).toMatchObject({
      status: 404,
      body: { error: { code: 'not_found', field: 'id' } },
    });
    // Nor may this shop's admin send its transfer to the other reseller's wallet.
    expect(await apply(reviewId, { walletId: other.walletId })).toMatchObject({
      status: 404,
      body: { error: { code: 'not_found', field: 'walletId' } },
    });
    expect(await scene.balance(other)).toBe(before);
    expect(await scene.reviews(shop)).toMatchObject([{ id: reviewId, status: 'open' }]);
  });
});
