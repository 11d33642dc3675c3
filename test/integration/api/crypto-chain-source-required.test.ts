import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { PaymentOptions } from '../../../src/server/app.js';
import { PUBLISHED_ACCOUNT_KEYS } from '../../../src/server/gateways/crypto/published-keys.js';
import { sealContext } from '../../../src/server/payments/providers.js';
import { seal } from '../../../src/server/payments/sealing.js';
import { call, key } from '../../support/api.js';
import { DIALECTS } from '../../support/databases.js';
import { startPaymentsApi, type PaymentsApi } from '../../support/payments.js';
import { createTenant, expectRefusal, ok, type Tenant } from '../../support/tenants.js';

/**
 * A crypto network is taken only when something on this server observes its chain: the operator's
 * chain API for that network (CHAIN_*), or the reseller's own chain URL. An account key for a network
 * nothing observes is refused naming its field: its addresses would be paid and the payment never
 * confirmed.
 */
describe.each(DIALECTS)('crypto networks need a chain source on %s', (dialect) => {
  let api: PaymentsApi | undefined;
  afterEach(() => api?.close());

  async function shop(payments: PaymentOptions = {}): Promise<Tenant> {
    api = await startPaymentsApi(dialect, { payments });
    return createTenant(api.app, 'Chains');
  }
  const store = (t: Tenant, credentials: object) =>
    call(api!.app, 'PUT', '/v1/payment-settings/credentials/crypto', {
      token: t.admin,
      body: { credentials },
    });
  const configured = async (t: Tenant) =>
    (await ok(call(api!.app, 'GET', '/v1/payment-settings', { token: t.admin }))).credentialsConfigured;

  it('no chain source at all: a Bitcoin key is refused naming its field, and nothing is stored', async () => {
    const t = await shop();
    const refused = await store(t, {
      xpubs: { bitcoin: PUBLISHED_ACCOUNT_KEYS.bitcoin },
      rates: { USD: { BTC: '50000' } },
    });
    expectRefusal(refused, 400, 'validation', 'credentials.xpubs.bitcoin');
    expect(refused.body.error.message).toBe(
      "credentials.xpubs.bitcoin: no chain source watches Bitcoin on this server, so payments to these addresses could never be confirmed: give a chain source URL, or ask the server's operator to set CHAIN_BITCOIN_ESPLORA_URL",
    );
    expect(await configured(t)).not.toContain('crypto');
  });

  it('the operator observes Bitcoin only: a Bitcoin key is taken, a Tron key beside it refused', async () => {
    const t = await shop({ chains: { bitcoinEsploraUrl: 'https://esplora.example.com/api' } });
    const refused = await store(t, {
      xpubs: { bitcoin: PUBLISHED_ACCOUNT_KEYS.bitcoin, tron: PUBLISHED_ACCOUNT_KEYS.tron },
      rates: { USD: { BTC: '50000', USDT: '1' } },
    });
    expectRefusal(refused, 400, 'validation', 'credentials.xpubs.tron');
    expect(refused.body.error.message).toMatch(/no chain source watches Tron .* CHAIN_TRON_API_URL$/);
    expect(await configured(t)).not.toContain('crypto');

    await ok(
      store(t, { xpubs: { bitcoin: PUBLISHED_ACCOUNT_KEYS.bitcoin }, rates: { USD: { BTC: '50000' } } }),
    );
    expect(await configured(t)).toContain('crypto');
  });

  it("the reseller's own chain URL observes every network", async () => {
    const t = await shop();
    await ok(
      store(t, {
        xpubs: PUBLISHED_ACCOUNT_KEYS,
        chainUrl: 'https://chain.example.com',
        rates: { USD: { BTC: '50000', ETH: '3000', USDT: '1' } },
      }),
    );
    expect(await configured(t)).toContain('crypto');
  });

  it('a key stored before this check (or CHAIN_* removed since): its network is not offered, and Pay is refused', async () => {
    const credentialsKey = randomBytes(32);
    const t = await shop({ credentialsKey });
    const now = new Date().toISOString();
    const document = {
      xpubs: { bitcoin: PUBLISHED_ACCOUNT_KEYS.bitcoin },
      rates: { USD: { BTC: '50000' } },
    };
    await api!.db.store.db
      .insertInto('gateway_credentials')
      .values({
        reseller_id: t.resellerId,
        provider: 'crypto',
        ciphertext: seal(credentialsKey, JSON.stringify(document), sealContext(t.resellerId, 'crypto')),
        created_at: now,
        updated_at: now,
      })
      .execute();
    await ok(
      call(api!.app, 'PATCH', '/v1/payment-settings', {
        token: t.admin,
        body: {
          methods: [
            {
              provider: 'crypto',
              enabled: true,
              label: 'Crypto',
              feeBasisPoints: 0,
              processingTime: '10-30 minutes',
            },
          ],
        },
      }),
    );
    const options = await ok(
      call(api!.app, 'GET', `/v1/wallets/${t.walletId}/top-up-options`, { token: t.customer }),
    );
    expect(options.cryptoRails).toEqual([]);
    expect(options.methods.map((m: { provider: string }) => m.provider)).not.toContain('crypto');

    const refused = await call(api!.app, 'POST', `/v1/wallets/${t.walletId}/top-ups`, {
      token: t.customer,
      key: key('crypto'),
      body: { amount: 10_000, provider: 'crypto', asset: { asset: 'BTC', network: 'bitcoin' } },
    });
    expectRefusal(refused, 400, 'validation', 'asset');
    expect(refused.body.error.message).toMatch(
      /^Bitcoin \(BTC\) is not offered: no chain source watches Bitcoin/,
    );
    expect(refused.body.error.reason).toEqual({
      key: 'coin_network_unwatched',
      values: { asset: 'BTC', network: 'bitcoin' },
    });
    const payments = await ok(
      call(api!.app, 'GET', `/v1/payments?walletId=${t.walletId}`, { token: t.admin }),
    );
    // Refused before anything was offered: no payment is left behind (no address was ever shown).
    expect(payments.items.filter((p: { provider: string }) => p.provider === 'crypto')).toEqual([]);
  });
});
