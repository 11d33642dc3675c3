import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Web2mEmulator } from '../../support/emulators/web2m.js';
import type { GatewayScene } from '../../support/gateway-flow.js';
import { must, type Shop, web2mShop } from '../../support/gateway-flow.js';
import { http } from '../../support/http.js';

const ACCOUNT = '0123456789';
const WEB2M = { bank: 'mb', accountNumber: ACCOUNT, password: 'web2m-password-o', token: 'web2m-token-o' };

/** What Top Up offers each wallet: only methods that can take its currency. */
describe('top-up options by currency', () => {
  let scene: GatewayScene;
  let web2m: Web2mEmulator;
  let shop: Shop;

  beforeEach(async () => {
    ({ scene, web2m, shop } = await web2mShop('sqlite', 'Hai Tien Shop', WEB2M));
  });
  afterEach(async () => {
    await scene.close();
    await web2m.close();
  });

  const offered = async (walletId: string) =>
    (
      await must(http(scene.baseUrl, 'GET', `/v1/wallets/${walletId}/top-up-options`, { token: shop.admin }))
    ).methods.map((m: { provider: string }) => m.provider);

  it('offers VietQR to the dong wallet and not to the dollar wallet of the same customer', async () => {
    const usd = await must(
      http(scene.baseUrl, 'POST', `/v1/customers/${shop.customerId}/wallets`, {
        token: shop.admin,
        body: { currency: 'USD' },
      }),
    );
    expect(await offered(shop.walletId)).toContain('vietqr');
    const forDollars = await offered(usd.id);
    expect(forDollars).not.toContain('vietqr');
    // The others are still there: the sandbox (the shop is in test mode) takes any currency.
    expect(forDollars).toContain('sandbox');
  });
});
