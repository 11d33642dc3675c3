import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { sealContext } from '../../../src/server/payments/providers.js';
import { seal } from '../../../src/server/payments/sealing.js';
import { key } from '../../support/api.js';
import { DIALECTS } from '../../support/databases.js';
import { PUBLISHED_ACCOUNT_KEYS } from '../../support/emulators/crypto-chain.js';
import { GatewayScene, must, openShop } from '../../support/gateway-flow.js';
import { http } from '../../support/http.js';

const LEGACY_SECRET = 'legacy-address-secret-0123456789abcdef';

/**
 * Crypto credentials from before account keys held an `addressSecret` the server derived addresses
 * from, and no `xpubs`. Such a reseller is told so in the payment settings, and a new crypto
 * checkout is refused with a reason rather than the method silently vanishing.
 */
describe.each(DIALECTS)('legacy crypto credentials on %s', (dialect) => {
  let scene: GatewayScene | undefined;

  afterEach(async () => {
    await scene?.close();
    scene = undefined;
  });

  it('reports legacy_address_secret, refuses a new checkout 422 on provider, takes no index; storing xpubs clears it', async () => {
    const credentialsKey = randomBytes(32);
    scene = await GatewayScene.start(dialect, { credentialsKey });
    const shop = await openShop(scene.baseUrl, 'Legacy Shop', 'USD');
    // A chain source for every network (never reached: no payment here is watched).
    const current = {
      xpubs: PUBLISHED_ACCOUNT_KEYS,
      chainUrl: 'https://chain.example.com',
      rates: { USD: { BTC: '50000' } },
    };
    await scene.offer(shop, 'crypto', current);
    // The document as the old server stored it, sealed as stored credentials are.
    const legacy = { addressSecret: LEGACY_SECRET, rates: { USD: { BTC: '50000' } } };
    await scene.api.db.store.db
      .updateTable('gateway_credentials')
      .set({
        ciphertext: seal(credentialsKey, JSON.stringify(legacy), sealContext(shop.resellerId, 'crypto')),
      })
      .where('reseller_id', '=', shop.resellerId)
      .where('provider', '=', 'crypto')
      .execute();

    const settings = await http(scene.baseUrl, 'GET', '/v1/payment-settings', { token: shop.admin });
    expect(settings.status).toBe(200);
    expect(settings.body.credentialProblems).toEqual([
      {
        provider: 'crypto',
        problem: 'legacy_address_secret',
        message:
          'these addresses were derived from a secret the server held; give an extended public key per network instead',
      },
    ]);
    expect(JSON.stringify(settings.body)).not.toContain(LEGACY_SECRET);

    const refused = await http(scene.baseUrl, 'POST', `/v1/wallets/${shop.walletId}/top-ups`, {
      token: shop.admin,
      key: key('topup'),
      body: { amount: 10_000, provider: 'crypto', asset: { asset: 'BTC', network: 'bitcoin' } },
    });
    expect(refused.status).toBe(422);
    expect(refused.body.error).toMatchObject({ code: 'method_unavailable', field: 'provider' });
    expect(refused.body.error.message).toMatch(/extended public key/);
    expect(JSON.stringify(refused.body)).not.toContain(LEGACY_SECRET);
    const db = scene.api.db.store.db;
    expect(await db.selectFrom('payments').select('id').where('provider', '=', 'crypto').execute()).toEqual(
      [],
    );
    expect(await db.selectFrom('crypto_address_indexes').select('network').execute()).toEqual([]);

    // Stored again with account keys: no problem, checkouts open.
    await scene.offer(shop, 'crypto', current);
    const fixed = await must(http(scene.baseUrl, 'GET', '/v1/payment-settings', { token: shop.admin }));
    expect(fixed.credentialProblems).toEqual([]);
  });
});
