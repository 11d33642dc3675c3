import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../support/databases.js';
import { GatewayScene, openShop, type Shop } from '../../support/gateway-flow.js';
import { pressSandboxButton } from '../../support/payments.js';

/**
 * The fee on the sandbox rail (the other rails have theirs in payments-gateway-<rail>.test.ts): the
 * hosted page asks for amount + fee, paying it credits exactly the amount, and a checkout that
 * settles for only the amount is a mismatch for a person, never a credit.
 */
describe.each(DIALECTS)('a sandbox top-up with a fee on %s', (dialect) => {
  let scene: GatewayScene;
  let shop: Shop;

  beforeEach(async () => {
    scene = await GatewayScene.start(dialect);
    shop = await openShop(scene.baseUrl, 'Fee Shop', 'USD');
    await scene.setFee(shop, 'sandbox', 250);
  });
  afterEach(() => scene.close());

  it('the page asks for amount + fee; paying it credits exactly the amount, once', async () => {
    const before = await scene.balance(shop);
    const created = await scene.topUp(shop, { amount: 10_000, provider: 'sandbox' });
    expect(created).toMatchObject({ amount: 10_000, fee: 250, totalAmount: 10_250 });
    const page = await (await fetch(created.checkout.url)).text();
    expect(page).toContain('$102.50');
    expect((await pressSandboxButton(created.checkout.url, 'pay')).status).toBe(200);
    await scene.drain();
    await scene.expectCreditedOnce(shop, created.id, 10_000, before);
    expect(await scene.reviews(shop)).toEqual([]);
  });

  it('a checkout that settles for only the amount goes to review and credits nothing', async () => {
    const before = await scene.balance(shop);
    const created = await scene.topUp(shop, { amount: 10_000, provider: 'sandbox' });
    // The provider's own record says only the amount was charged (what today's code asked for).
    await scene.api.db.store.db
      .updateTable('sandbox_checkouts')
      .set({ amount: 10_000 })
      .where('reference', '=', created.id)
      .execute();
    await pressSandboxButton(created.checkout.url, 'pay');
    await scene.drain();
    await scene.expectNothingCredited(shop, created.id, before);
    expect(await scene.reviews(shop)).toMatchObject([{ paymentId: created.id, reason: 'amount' }]);
  });
});
