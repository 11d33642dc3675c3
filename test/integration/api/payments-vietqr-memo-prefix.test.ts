import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../support/databases.js';
import type { Pay2sEmulator } from '../../support/emulators/pay2s.js';
import type { GatewayScene, Shop } from '../../support/gateway-flow.js';
import { startVietQrShop, VIETQR_ACCOUNT, type VietQrShop } from '../../support/vietqr-shop.js';

/**
 * A reseller that sets a memo prefix: the payer is shown "NAP <code>" and the bank passes it on,
 * as typed or mangled (lowercase, spaces, punctuation). Either way the payment is credited.
 */
describe.each(DIALECTS)('vietqr with a memo prefix on %s', (dialect) => {
  let scene: GatewayScene;
  let pay2s: Pay2sEmulator;
  let shop: Shop;
  let bank: VietQrShop;

  beforeEach(async () => {
    bank = await startVietQrShop(dialect, 'Prefix Shop', { accountName: 'CONG TY NAP', memoPrefix: 'NAP' });
    ({ scene, pay2s, shop } = bank);
  });
  afterEach(() => bank.close());

  const start = async (amount: number) => {
    const payment = await scene.topUp(shop, { amount, provider: 'vietqr' });
    const memo = payment.checkout.memo as string;
    expect(memo).toMatch(/^NAP RC[0-9A-Z]{9}$/);
    return { id: payment.id as string, memo, code: memo.slice('NAP '.length) };
  };

  const pay = async (amount: number, content: string) => {
    const line = pay2s.credit({ accountNumber: VIETQR_ACCOUNT, amount, content });
    expect(await pay2s.delivered(line.id)).toMatchObject({ acknowledged: true });
    await scene.drain();
  };

  it('the content "NAP<code>" as the payer typed it credits the payment', async () => {
    const before = await scene.balance(shop);
    const p = await start(500_000);
    await pay(500_000, `NAP${p.code}`);
    await scene.expectCreditedOnce(shop, p.id, 500_000, before);
    expect(await scene.reviews(shop)).toEqual([]);
  });

  it('a bank-mangled "nap <code>" inside the bank\'s own text credits the payment', async () => {
    const before = await scene.balance(shop);
    const p = await start(300_000);
    await pay(300_000, `MBVCB.12345.nap ${p.code.toLowerCase()}.CT tu 0123`);
    await scene.expectCreditedOnce(shop, p.id, 300_000, before);
    expect(await scene.reviews(shop)).toEqual([]);
  });

  it('the memo exactly as shown ("NAP <code>") credits the payment', async () => {
    const before = await scene.balance(shop);
    const p = await start(200_000);
    await pay(200_000, p.memo);
    await scene.expectCreditedOnce(shop, p.id, 200_000, before);
  });
});
