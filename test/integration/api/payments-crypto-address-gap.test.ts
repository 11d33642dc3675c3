import { afterEach, describe, expect, it } from 'vitest';
import type { CryptoGapPolicy } from '../../../src/server/services/payments/address-gap.js';
import { DIALECTS } from '../../support/databases.js';
import { key } from '../../support/api.js';
import {
  PUBLISHED_ACCOUNT_KEYS,
  mineBlocks,
  publishedAddress,
  sendCoins,
  startSimulatedChainServer,
  type SimulatedChainServer,
} from '../../support/emulators/crypto-chain.js';
import { GatewayScene, must, openShop, type Shop } from '../../support/gateway-flow.js';
import { http } from '../../support/http.js';

const CREDENTIALS = {
  xpubs: PUBLISHED_ACCOUNT_KEYS,
  rates: { USD: { BTC: '50000', ETH: '2500' } },
  requiredConfirmations: { BTC: 1, ETH: 1 },
};
const BTC = { asset: 'BTC', network: 'bitcoin' } as const;
const ETH = { asset: 'ETH', network: 'ethereum' } as const;

/**
 * The gap limit: a wallet restored from the reseller's account key stops after that many unused
 * addresses in a row, so checkouts past it hide their money from the wallet. Under "refuse" such a
 * checkout is refused and takes no index; under "warn" it goes ahead and the staff view shows it.
 */
describe.each(DIALECTS)('crypto address gap limit on %s', (dialect) => {
  let scene: GatewayScene | undefined;
  let chain: SimulatedChainServer | undefined;

  afterEach(async () => {
    await scene?.close();
    await chain?.close();
    scene = undefined;
    chain = undefined;
  });

  async function open(policy?: CryptoGapPolicy, gapLimit = 2) {
    chain = await startSimulatedChainServer();
    scene = await GatewayScene.start(dialect, {
      apiBaseUrls: { crypto: chain.url },
      ...(policy ? { cryptoGapPolicy: policy } : {}),
    });
    const shop = await openShop(scene.baseUrl, 'Gap Shop', 'USD');
    await scene.offer(shop, 'crypto', CREDENTIALS);
    const patched = await must(
      http(scene.baseUrl, 'PATCH', '/v1/payment-settings', {
        token: shop.admin,
        body: { cryptoGapLimit: gapLimit },
      }),
    );
    expect(patched.cryptoGapLimit).toBe(gapLimit);
    return { scene, chain, shop };
  }

  const checkout = (s: GatewayScene, shop: Shop, asset: typeof BTC | typeof ETH = BTC) =>
    http(s.baseUrl, 'POST', `/v1/wallets/${shop.walletId}/top-ups`, {
      token: shop.admin,
      key: key('topup'),
      body: { amount: 10_000, provider: 'crypto', asset },
    });
  const addresses = (s: GatewayScene, shop: Shop) =>
    must(http(s.baseUrl, 'GET', '/v1/payment-settings/crypto-addresses', { token: shop.admin }));
  const network = async (s: GatewayScene, shop: Shop, name: string) =>
    (await addresses(s, shop)).networks.find((n: { network: string }) => n.network === name);

  it('refuse: the checkout past the limit is 422 on asset and takes no index; a paid address reopens the gap', async () => {
    const { scene: s, chain: c, shop } = await open('refuse');
    const first = await checkout(s, shop);
    const second = await checkout(s, shop);
    expect([first.status, second.status]).toEqual([201, 201]);
    expect(await network(s, shop, 'bitcoin')).toEqual({
      network: 'bitcoin',
      assets: ['BTC'],
      nextIndex: 2,
      highestUsedIndex: null,
      gap: 2,
    });

    const refused = await checkout(s, shop);
    expect(refused.status).toBe(422);
    expect(refused.body.error).toMatchObject({
      code: 'method_unavailable',
      field: 'asset',
      // The console words it from its reason, in its own language.
      reason: { key: 'coin_gap_limit_reached', values: { network: 'bitcoin', limit: 2 } },
    });
    expect(refused.body.error.message).toMatch(/gap limit/);
    // No index was taken: the next address is still the third.
    expect((await network(s, shop, 'bitcoin')).nextIndex).toBe(2);
    // Another network has its own addresses and its own gap.
    expect((await checkout(s, shop, ETH)).status).toBe(201);

    // The second address is paid: one unused address after it, so the next checkout goes ahead.
    await sendCoins(c.url, second.body.checkout.address, second.body.checkout.amount);
    await mineBlocks(c.url, 1);
    await s.runJob('gateway-events');
    expect((await s.payment(shop, second.body.id)).status).toBe('paid');
    expect(await network(s, shop, 'bitcoin')).toMatchObject({ highestUsedIndex: 1, gap: 0 });
    const third = await checkout(s, shop);
    expect(third.status).toBe(201);
    // The index given back by the refusal is the one this checkout got.
    expect(third.body.checkout.address).toBe(publishedAddress('bitcoin', 2));
  });

  it('refuse applies to an invoice crypto payment too: 422 on asset, no index taken', async () => {
    const { scene: s, shop } = await open('refuse', 1);
    expect((await checkout(s, shop)).status).toBe(201);
    const draft = await must(
      http(s.baseUrl, 'POST', `/v1/customers/${shop.customerId}/invoices`, {
        token: shop.admin,
        body: { currency: 'USD', lines: [{ description: 'Service', quantity: 1, unitAmount: 10_000 }] },
      }),
    );
    const invoice = await must(
      http(s.baseUrl, 'POST', `/v1/invoices/${draft.id}/finalize`, { token: shop.admin, key: key('fin') }),
    );
    const refused = await http(s.baseUrl, 'POST', `/v1/invoices/${invoice.id}/payments`, {
      token: shop.admin,
      key: key('pay'),
      body: { provider: 'crypto', asset: BTC },
    });
    expect(refused.status).toBe(422);
    expect(refused.body.error).toMatchObject({ code: 'method_unavailable', field: 'asset' });
    expect(refused.body.error.message).toMatch(/gap limit/);
    expect((await network(s, shop, 'bitcoin')).nextIndex).toBe(1);
    // The refusal left the invoice open and unpaid, with no payment on it.
    expect(
      await s.api.db.store.db
        .selectFrom('payments')
        .select('id')
        .where('invoice_id', '=', invoice.id)
        .execute(),
    ).toEqual([]);
  });

  it('warn (the default): checkouts go on past the limit and the staff view shows the gap over it', async () => {
    const { scene: s, shop } = await open(undefined, 1);
    for (let i = 0; i < 3; i += 1) expect((await checkout(s, shop)).status).toBe(201);
    expect(await addresses(s, shop)).toMatchObject({
      gapLimit: 1,
      gapPolicy: 'warn',
      networks: expect.arrayContaining([
        expect.objectContaining({ network: 'bitcoin', nextIndex: 3, gap: 3 }),
      ]),
    });
  });

  it('the limit is 1 to 1000, named in the refusal; 20 until set', async () => {
    chain = await startSimulatedChainServer();
    scene = await GatewayScene.start(dialect, { apiBaseUrls: { crypto: chain.url } });
    const shop = await openShop(scene.baseUrl, 'Gap Shop', 'USD');
    const settings = await must(http(scene.baseUrl, 'GET', '/v1/payment-settings', { token: shop.admin }));
    expect(settings.cryptoGapLimit).toBe(20);
    for (const bad of [0, 1001, 2.5, '20']) {
      const reply = await http(scene.baseUrl, 'PATCH', '/v1/payment-settings', {
        token: shop.admin,
        body: { cryptoGapLimit: bad },
      });
      expect(reply.status, String(bad)).toBe(400);
      expect(reply.body.error.field).toBe('cryptoGapLimit');
    }
    expect((await addresses(scene, shop)).gapLimit).toBe(20);
  });

  it('where an address sits is for staff only: the payment itself carries no index or path', async () => {
    const { scene: s, shop } = await open('refuse', 20);
    await checkout(s, shop);
    const p = (await checkout(s, shop)).body;
    const derivation = await must(
      http(s.baseUrl, 'GET', `/v1/payments/${p.id}/crypto-address`, { token: shop.admin }),
    );
    expect(derivation).toEqual({
      paymentId: p.id,
      crypto: {
        network: 'bitcoin',
        asset: 'BTC',
        addressIndex: 1,
        derivationPath: "m/84'/0'/0'/0/1",
        address: publishedAddress('bitcoin', 1),
      },
    });
    expect(p.checkout.address).toBe(publishedAddress('bitcoin', 1));
    const seen = JSON.stringify(await s.payment(shop, p.id));
    expect(seen).not.toMatch(/addressIndex|derivation|m\/84'/);

    const portal = await must(
      http(s.baseUrl, 'POST', '/v1/api-keys', {
        token: shop.admin,
        body: { name: 'Portal', role: 'customer', customerId: shop.customerId },
      }),
    );
    const asCustomer = await http(s.baseUrl, 'GET', `/v1/payments/${p.id}/crypto-address`, {
      token: portal.key,
    });
    expect(asCustomer.status).toBe(403);
    expect(
      (await http(s.baseUrl, 'GET', '/v1/payment-settings/crypto-addresses', { token: portal.key })).status,
    ).toBe(403);
  });
});

/** Coins that reach an expired crypto payment's address: reviewed by a person, never credited. */
describe.each(DIALECTS)('crypto payments paid late on %s', (dialect) => {
  let scene: GatewayScene;
  let chain: SimulatedChainServer;
  let shop: Shop;

  afterEach(async () => {
    await scene.close();
    await chain.close();
  });

  it('a send after expiry opens one review, credits nothing; after 7 days the address is no longer read', async () => {
    chain = await startSimulatedChainServer();
    scene = await GatewayScene.start(dialect, { apiBaseUrls: { crypto: chain.url } });
    shop = await openShop(scene.baseUrl, 'Late Shop', 'USD');
    await scene.offer(shop, 'crypto', CREDENTIALS);
    const before = await scene.balance(shop);
    const late = await scene.topUp(shop, { amount: 10_000, provider: 'crypto', asset: BTC });
    const later = await scene.topUp(shop, { amount: 10_000, provider: 'crypto', asset: BTC });
    scene.clock.advance(31 * 60_000);
    await scene.runJob('payment-expiry');
    expect((await scene.payment(shop, late.id)).status).toBe('expired');

    // Nothing arrived: nothing to review.
    await scene.runJob('crypto-late-payments');
    expect(await scene.reviews(shop)).toEqual([]);

    const txid = await sendCoins(chain.url, late.checkout.address, late.checkout.amount);
    await mineBlocks(chain.url, 1);
    await scene.runJob('crypto-late-payments');
    await scene.runJob('crypto-late-payments');
    expect(await scene.payment(shop, late.id)).toMatchObject({ status: 'expired', chainTxids: [txid] });
    expect(await scene.reviews(shop)).toMatchObject([
      { paymentId: late.id, reason: 'payment', status: 'open', detail: expect.stringContaining(txid) },
    ]);
    expect(await scene.balance(shop)).toBe(before);
    // The regular jobs do not credit it either.
    await scene.runJob('gateway-events');
    await scene.expectNothingCredited(shop, late.id, before);

    // Eight days on, the other payment's address is paid: no longer watched.
    scene.clock.advance(8 * 24 * 3600_000);
    await sendCoins(chain.url, later.checkout.address, later.checkout.amount);
    await mineBlocks(chain.url, 1);
    await scene.runJob('crypto-late-payments');
    expect((await scene.reviews(shop)).map((r) => r.paymentId)).toEqual([late.id]);
    expect((await scene.payment(shop, later.id)).chainTxids).toEqual([]);
  });
});
