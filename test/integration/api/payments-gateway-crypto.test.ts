import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { baseUnits, formatCoinAmount, parseCoinAmount } from '../../../src/server/gateways/crypto/amounts.js';
import { DIALECTS } from '../../support/databases.js';
import {
  PUBLISHED_ACCOUNT_KEYS,
  mineBlocks,
  sendCoins,
  startSimulatedChainServer,
  type SimulatedChainServer,
} from '../../support/emulators/crypto-chain.js';
import { GatewayScene, openShop, type Shop } from '../../support/gateway-flow.js';
import { http } from '../../support/http.js';

const CREDENTIALS = {
  xpubs: PUBLISHED_ACCOUNT_KEYS,
  // Exact decimal quotes: 100.00 USD = 0.00200000 BTC = 0.04 ETH. The method's default fee (1%) is
  // paid on top: a 100.00 USD top-up asks for 101.00 USD = 0.00202000 BTC = 0.0404 ETH.
  rates: { USD: { BTC: '50000', ETH: '2500' } },
  requiredConfirmations: { BTC: 2, ETH: 2 },
};
const BTC = { asset: 'BTC', network: 'bitcoin' } as const;

/** Whole coins as exact decimals: `part` of `total` and what remains, for a payment in two parts. */
function split(total: string, firstPart: string) {
  const all = parseCoinAmount(total, 'BTC');
  const first = parseCoinAmount(firstPart, 'BTC');
  if (!all.ok || !first.ok) throw new Error('unreadable amount');
  return [firstPart, formatCoinAmount(baseUnits(all.value - first.value), 'BTC')] as const;
}

/**
 * The crypto gateway through the payment service, against the simulated chain over HTTP: a chain
 * pushes nothing, so the events job reads it (the test runs the job by hand and mines blocks).
 */
describe.each(DIALECTS)('crypto through the payment service on %s', (dialect) => {
  let scene: GatewayScene;
  let chain: SimulatedChainServer;
  let shop: Shop;

  beforeEach(async () => {
    chain = await startSimulatedChainServer();
    scene = await GatewayScene.start(dialect, { apiBaseUrls: { crypto: chain.url } });
    shop = await openShop(scene.baseUrl, 'Crypto Shop', 'USD');
    await scene.offer(shop, 'crypto', CREDENTIALS);
  });
  afterEach(async () => {
    await scene.close();
    await chain.close();
  });

  const start = async (amount = 10_000, asset: { asset: string; network: string } = BTC) => {
    const payment = await scene.topUp(shop, { amount, provider: 'crypto', asset });
    expect(payment).toMatchObject({
      status: 'new',
      checkout: { kind: 'crypto_qr', requiredConfirmations: 2 },
    });
    return payment as { id: string; checkout: { address: string; amount: string; qrPayload: string } };
  };

  it('paid in two parts, then confirmed: underpaid, processing, and credited exactly once', async () => {
    const before = await scene.balance(shop);
    const p = await start(10_000);
    expect(p.checkout.amount).toBe('0.00202000');
    expect(p.checkout.qrPayload).toContain(p.checkout.address);
    const [first, rest_] = split(p.checkout.amount, '0.00120000');

    const firstTx = await sendCoins(chain.url, p.checkout.address, first);
    await scene.runJob('gateway-events');
    // In the mempool: seen, but nothing confirmed yet. Its hash is on the payment already.
    expect(await scene.payment(shop, p.id)).toMatchObject({
      status: 'processing',
      underpaid: false,
      chainTxids: [firstTx],
    });
    await mineBlocks(chain.url, 2);
    await scene.runJob('gateway-events');
    expect(await scene.payment(shop, p.id)).toMatchObject({ status: 'processing', underpaid: true });
    expect(await scene.balance(shop)).toBe(before);

    const restTx = await sendCoins(chain.url, p.checkout.address, rest_);
    await mineBlocks(chain.url, 1);
    await scene.runJob('gateway-events');
    expect((await scene.payment(shop, p.id)).chainTxids).toEqual([firstTx, restTx]);
    // The remainder has one confirmation of the two required.
    expect(await scene.payment(shop, p.id)).toMatchObject({ status: 'processing' });
    expect(await scene.balance(shop)).toBe(before);
    await mineBlocks(chain.url, 1);
    await scene.runJob('gateway-events');
    await scene.expectCreditedOnce(shop, p.id, 10_000, before);
    expect((await scene.payment(shop, p.id)).underpaid).toBe(false);

    // More blocks and more job runs change nothing.
    await mineBlocks(chain.url, 3);
    await scene.runJob('gateway-events');
    await scene.runJob('payment-expiry');
    await scene.expectCreditedOnce(shop, p.id, 10_000, before);
  });

  it('a transfer awaiting its confirmations says how many it has, on the payment and the change feed', async () => {
    const before = await scene.balance(shop);
    const p = await start(10_000);
    await sendCoins(chain.url, p.checkout.address, p.checkout.amount);
    await scene.runJob('gateway-events');
    expect(await scene.payment(shop, p.id)).toMatchObject({
      status: 'processing',
      checkout: { kind: 'crypto_qr', confirmations: 0, requiredConfirmations: 2 },
    });
    await mineBlocks(chain.url, 1);
    await scene.runJob('gateway-events');
    const waiting = await scene.payment(shop, p.id);
    expect(waiting).toMatchObject({
      status: 'processing',
      checkout: { kind: 'crypto_qr', confirmations: 1, requiredConfirmations: 2, amount: p.checkout.amount },
    });
    expect(await scene.balance(shop)).toBe(before);
    // What a console syncs: the payment's newest change carries the count too (polled: the feed may
    // hold back a change until the writes before it are visible).
    const newest = async () => {
      const feed = await http(scene.baseUrl, 'GET', '/v1/sync/changes?limit=500', { token: shop.admin });
      const changes = (feed.body as { changes: { entity: string; id: string; data: any }[] }).changes;
      return changes.filter((c) => c.entity === 'payment' && c.id === p.id).at(-1)?.data.checkout;
    };
    await expect.poll(newest).toMatchObject({ confirmations: 1, requiredConfirmations: 2 });
    await mineBlocks(chain.url, 1);
    await scene.runJob('gateway-events');
    await scene.expectCreditedOnce(shop, p.id, 10_000, before);
  });

  it('the 1% fee is asked on top and not credited; sending only the amount leaves it underpaid', async () => {
    const before = await scene.balance(shop);
    const p = await start(10_000);
    expect(await scene.payment(shop, p.id)).toMatchObject({ amount: 10_000, fee: 100, totalAmount: 10_100 });
    expect(p.checkout.amount).toBe('0.00202000');
    await sendCoins(chain.url, p.checkout.address, '0.00200000');
    await mineBlocks(chain.url, 2);
    await scene.runJob('gateway-events');
    expect(await scene.payment(shop, p.id)).toMatchObject({ status: 'processing', underpaid: true });
    expect(await scene.balance(shop)).toBe(before);
    // The QR code now asks for the fee that is still missing.
    expect((await scene.payment(shop, p.id)).checkout.amount).toBe('0.00002000');
    await sendCoins(chain.url, p.checkout.address, '0.00002000');
    await mineBlocks(chain.url, 2);
    await scene.runJob('gateway-events');
    await scene.expectCreditedOnce(shop, p.id, 10_000, before);
  });

  it('nothing sent before the quote ran out: expired, nothing credited, nothing to review', async () => {
    const before = await scene.balance(shop);
    const p = await start();
    scene.clock.advance(31 * 60_000);
    await scene.runJob('payment-expiry');
    expect((await scene.payment(shop, p.id)).status).toBe('expired');
    await scene.expectNothingCredited(shop, p.id, before);
    expect(await scene.reviews(shop)).toEqual([]);
  });

  it('short when the quote ran out: expired, nothing credited, and the part that arrived is in review', async () => {
    const before = await scene.balance(shop);
    const p = await start();
    await sendCoins(chain.url, p.checkout.address, '0.00150000');
    await mineBlocks(chain.url, 2);
    await scene.runJob('gateway-events');
    scene.clock.advance(31 * 60_000);
    await scene.runJob('payment-expiry');
    expect((await scene.payment(shop, p.id)).status).toBe('expired');
    await scene.expectNothingCredited(shop, p.id, before);
    expect(await scene.reviews(shop)).toMatchObject([{ paymentId: p.id, reason: 'amount', status: 'open' }]);
  });

  it('another coin sent to an ETH invoice’s address (USDT instead of ETH) pays nothing', async () => {
    const before = await scene.balance(shop);
    const p = await start(10_000, { asset: 'ETH', network: 'ethereum' });
    expect(p.checkout.amount).toBe('0.040400000000000000');
    await sendCoins(chain.url, p.checkout.address, '100', 'USDT');
    await mineBlocks(chain.url, 5);
    await scene.runJob('gateway-events');
    expect((await scene.payment(shop, p.id)).status).toBe('new');
    await scene.expectNothingCredited(shop, p.id, before);
  });

  it('a "webhook" to the crypto endpoint is refused and stores nothing: a chain sends none', async () => {
    const p = await start();
    await sendCoins(chain.url, p.checkout.address, p.checkout.amount);
    const forged = await fetch(scene.webhookUrl('crypto', shop.resellerId), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ address: p.checkout.address, status: 'paid', confirmations: 99 }),
    });
    expect(forged.status).toBe(400);
    expect(await scene.storedEvents('crypto')).toEqual([]);
    // Unconfirmed on the chain: the forged claim changed nothing.
    expect(
      (await http(scene.baseUrl, 'GET', `/v1/payments/${p.id}`, { token: shop.admin })).body.status,
    ).toBe('new');
  });
});
