import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { http } from '../../support/http.js';
import { DIALECTS } from '../../support/databases.js';
import type { Web2mEmulator } from '../../support/emulators/web2m.js';
import type { GatewayScene } from '../../support/gateway-flow.js';
import { must, type Shop, web2mShop } from '../../support/gateway-flow.js';

const ACCOUNT = '0123456789';
const WEB2M = { bank: 'mb', accountNumber: ACCOUNT, password: 'web2m-password-a', token: 'web2m-token-a' };

/**
 * The event-lag monitor's gateway side (GET /v1/gateway-activity, staff): a payment that no gateway
 * webhook named — here a VietQR transfer found by polling the bank history — is listed as
 * "confirmed only by polling", and no webhook is reported for a gateway that delivered none.
 */
describe.each(DIALECTS)('gateway activity: payments confirmed only by polling on %s', (dialect) => {
  let scene: GatewayScene;
  let web2m: Web2mEmulator;
  let shop: Shop;

  beforeEach(async () => {
    ({ scene, web2m, shop } = await web2mShop(dialect, 'Polling Shop', WEB2M));
  });
  afterEach(async () => {
    await scene.close();
    await web2m.close();
  });

  const activity = () => must(http(scene.baseUrl, 'GET', '/v1/gateway-activity', { token: shop.admin }));

  it('a transfer credited by polling is listed; before it, nothing is', async () => {
    expect(await activity()).toEqual({ providers: [], pollingOnly: [] });
    const payment = await scene.topUp(shop, { amount: 750_000, provider: 'vietqr' });
    web2m.credit({
      accountNumber: ACCOUNT,
      amount: 750_000,
      description: `MBVCB ${payment.checkout.memo} NAP`,
    });
    await scene.runJob('gateway-events');
    expect((await scene.payment(shop, payment.id)).status).toBe('paid');
    expect(await activity()).toEqual({
      providers: [],
      pollingOnly: [
        { paymentId: payment.id, provider: 'vietqr', walletId: shop.walletId, paidAt: expect.any(String) },
      ],
    });
  });
});
