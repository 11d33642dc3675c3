import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../support/databases.js';
import { Pay2sEmulator } from '../../support/emulators/pay2s.js';
import { GatewayScene, openShop, sceneClock, type Shop } from '../../support/gateway-flow.js';

const ACCOUNT = '0123456789';
const PAY2S = { webhookToken: 'pay2s-webhook-token-prefix', apiToken: 'pay2s-api-token-prefix' };

/**
 * A reseller that sets a memo prefix: the payer is shown "NAP <code>" and the bank passes it on,
 * as typed or mangled (lowercase, spaces, punctuation). Either way the payment is credited.
 */
describe.each(DIALECTS)('vietqr with a memo prefix on %s', (dialect) => {
  let scene: GatewayScene;
  let pay2s: Pay2sEmulator;
  let shop: Shop;

  beforeEach(async () => {
    const clock = sceneClock();
    pay2s = await Pay2sEmulator.start({ ...PAY2S, retryIntervalMs: 5, now: clock.now });
    scene = await GatewayScene.start(dialect, { apiBaseUrls: { vietqr: pay2s.url } }, clock);
    shop = await openShop(scene.baseUrl, 'Prefix Shop', 'VND');
    await scene.offer(shop, 'vietqr', {
      bankBin: '970416',
      accountNumber: ACCOUNT,
      accountName: 'CONG TY NAP',
      memoPrefix: 'NAP',
      feed: 'pay2s',
      pay2sToken: PAY2S.webhookToken,
      pay2sApiToken: PAY2S.apiToken,
    });
    pay2s.setWebhookUrl(scene.webhookUrl('vietqr', shop.resellerId));
  });
  afterEach(async () => {
    await scene.close();
    await pay2s.close();
  });

  const start = async (amount: number) => {
    const payment = await scene.topUp(shop, { amount, provider: 'vietqr' });
    const memo = payment.checkout.memo as string;
    expect(memo).toMatch(/^NAP RC[0-9A-Z]{9}$/);
    return { id: payment.id as string, memo, code: memo.slice('NAP '.length) };
  };

  const pay = async (amount: number, content: string) => {
    const line = pay2s.credit({ accountNumber: ACCOUNT, amount, content });
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
