import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../support/databases.js';
import type { PayPalEmulator } from '../../support/emulators/paypal.js';
import type { GatewayScene, Shop } from '../../support/gateway-flow.js';
import { openPayPalShop, unnamedRefundLost } from '../../support/paypal-shop.js';
import { http } from '../../support/http.js';

/**
 * A PayPal refund held for staff (payments/refunds.ts holdUnfindableRefund: asked before refunds
 * carried our id, its answer lost, PayPal's request-id window passed) is finished by resolving its
 * review with what staff found at PayPal: made (succeeded, nothing credited back) or never made
 * (failed, the wallet credited back once, however often the review is resolved).
 */
const APP = { clientId: 'AeHeldResolveApp', clientSecret: 'EHeldResolveSecret' };
const HOUR = 3_600_000;

describe.each(DIALECTS)('resolving a held PayPal refund’s review on %s', (dialect) => {
  let scene: GatewayScene;
  let paypal: PayPalEmulator;
  let shop: Shop;

  beforeEach(async () => {
    ({ scene, paypal, shop } = await openPayPalShop(dialect, {
      shopName: 'PayPal Held Refunds',
      ...APP,
      merchantId: 'MERCHANTHELDRES1',
      webhookId: 'WHHELDRES01',
    }));
  });
  afterEach(async () => {
    await scene.close();
    await paypal.close();
  });

  const refundsOf = async (paymentId: string) =>
    (await http(scene.baseUrl, 'GET', `/v1/payments/${paymentId}/refunds`, { token: shop.admin })).body
      .items as any[];
  const resolve = (reviewId: string, body: unknown) =>
    http(scene.baseUrl, 'POST', `/v1/payment-reviews/${reviewId}/resolve`, { token: shop.admin, body });
  const creditsBack = async (refundId: string) =>
    scene.api.db.store.db
      .selectFrom('ledger_entries')
      .select(['id', 'amount'])
      .where('reference', '=', refundId)
      .where('type', '=', 'adjustment')
      .execute();

  /** A paid 50.00 USD top-up, 20.00 USD of it refunded unnamed, its answer lost, held past the window. */
  async function heldRefund() {
    const p = await unnamedRefundLost({ scene, paypal, shop });
    scene.clock.advance(7 * HOUR);
    await scene.drain();
    const { refundId } = p;
    expect(await refundsOf(p.id)).toMatchObject([{ id: refundId, status: 'pending', heldForReview: true }]);
    const [review] = await scene.reviews(shop);
    expect(review).toMatchObject({ paymentId: p.id, reason: 'payment', status: 'open', amount: null });
    expect(await scene.balance(shop)).toBe(3_000);
    return { ...p, refundId, reviewId: review.id as string };
  }

  it('staff found it made: the refund succeeds, nothing credited back', async () => {
    const p = await heldRefund();
    const res = await resolve(p.reviewId, { refund: 'made', note: 'Found it at PayPal' });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ status: 'resolved', resolution: 'Found it at PayPal' });
    expect(await refundsOf(p.id)).toMatchObject([
      { id: p.refundId, status: 'succeeded', heldForReview: false, compensationId: null },
    ]);
    expect(await scene.balance(shop)).toBe(3_000);
    expect(await creditsBack(p.refundId)).toEqual([]);
    // Still never asked of PayPal again.
    scene.clock.advance(HOUR);
    await scene.drain();
    expect(paypal.orders.get(p.order)!['purchase_units'][0].payments.refunds).toHaveLength(1);
  });

  it('staff found it never made: the refund fails and the wallet is credited back once, resolved twice', async () => {
    const p = await heldRefund();
    const first = await resolve(p.reviewId, { refund: 'not_made' });
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    const again = await resolve(p.reviewId, { refund: 'not_made', note: 'Checked again' });
    expect(again.status, JSON.stringify(again.body)).toBe(200);
    const [refund] = await refundsOf(p.id);
    expect(refund).toMatchObject({ id: p.refundId, status: 'failed', heldForReview: false });
    expect(refund.compensationId).toEqual(expect.any(String));
    expect(await creditsBack(p.refundId)).toEqual([{ id: refund.compensationId, amount: 2_000 }]);
    expect(await scene.balance(shop)).toBe(5_000);
    // The feed says the refund failed and carries the credit back; the audit trail says what staff found.
    const db = scene.api.db.store.db;
    const fed = await db
      .selectFrom('changes')
      .select(['entity', 'entity_id', 'data'])
      .orderBy('id')
      .execute();
    expect(
      fed
        .filter((c) => c.entity === 'refund' && c.entity_id === p.refundId)
        .map((c) => JSON.parse(c.data).status)
        .at(-1),
    ).toBe('failed');
    expect(fed.some((c) => c.entity === 'transaction' && c.entity_id === refund.compensationId)).toBe(true);
    const audits = await db
      .selectFrom('audit_records')
      .select(['after'])
      .where('entity_id', '=', p.reviewId)
      .where('action', '=', 'payment_review.resolved')
      .execute();
    // Both resolves at the same instant: in either order, the first changed it, the second did not.
    expect(audits).toHaveLength(2);
    expect(audits.map((a) => JSON.parse(a.after ?? 'null').refund)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ id: p.refundId, status: 'failed', found: 'not_made', changed: true }),
        expect.objectContaining({ id: p.refundId, status: 'failed', found: 'not_made', changed: false }),
      ]),
    );
    // The other answer, afterwards, changes nothing.
    const contrary = await resolve(p.reviewId, { refund: 'made' });
    expect(contrary.status).toBe(409);
    expect(contrary.body.error.reason).toMatchObject({ key: 'held_refund_settled' });
    expect(await refundsOf(p.id)).toMatchObject([{ status: 'failed' }]);
    expect(await scene.balance(shop)).toBe(5_000);
  });

  it('two resolves at once saying never made credit the wallet back once', async () => {
    const p = await heldRefund();
    const both = await Promise.all([
      resolve(p.reviewId, { refund: 'not_made' }),
      resolve(p.reviewId, { refund: 'not_made' }),
    ]);
    expect(both.map((r) => r.status)).toEqual([200, 200]);
    expect(await creditsBack(p.refundId)).toHaveLength(1);
    expect(await scene.balance(shop)).toBe(5_000);
  });

  it('without what staff found, resolving is refused naming `refund`, and nothing changes', async () => {
    const p = await heldRefund();
    for (const body of [{}, { note: 'Looked' }, null]) {
      const res = await resolve(p.reviewId, body);
      expect(res.status, JSON.stringify(res.body)).toBe(422);
      expect(res.body.error).toMatchObject({
        field: 'refund',
        reason: { key: 'held_refund_outcome_required' },
      });
    }
    const bad = await resolve(p.reviewId, { refund: 'maybe' });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatchObject({ code: 'validation', field: 'refund' });
    expect(await scene.reviews(shop)).toMatchObject([{ id: p.reviewId, status: 'open' }]);
    expect(await refundsOf(p.id)).toMatchObject([{ status: 'pending', heldForReview: true }]);
    expect(await scene.balance(shop)).toBe(3_000);
  });
});
