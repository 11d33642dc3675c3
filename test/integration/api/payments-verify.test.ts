import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../support/databases.js';
import {
  PUBLISHED_ACCOUNT_KEYS,
  mineBlocks,
  sendCoins,
  startSimulatedChainServer,
  type SimulatedChainServer,
} from '../../support/emulators/crypto-chain.js';
import type { Web2mEmulator } from '../../support/emulators/web2m.js';
import { GatewayScene, must, openShop, type Shop, web2mShop } from '../../support/gateway-flow.js';
import { http } from '../../support/http.js';

const CRYPTO = {
  xpubs: PUBLISHED_ACCOUNT_KEYS,
  // 100.00 USD = 0.002 BTC; with the method's 1% fee a 100.00 USD top-up asks for 0.00202000 BTC.
  rates: { USD: { BTC: '50000' } },
  requiredConfirmations: { BTC: 2 },
};
const BTC = { asset: 'BTC', network: 'bitcoin' } as const;
/** A bitcoin address no payment of the shop uses (derived for another reference). */
const ELSEWHERE = 'bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq';

/** A customer-role API key for the shop's customer: what the payer's portal signs in with. */
async function customerKey(baseUrl: string, shop: Shop): Promise<string> {
  const created = await must(
    http(baseUrl, 'POST', '/v1/api-keys', {
      token: shop.admin,
      body: { name: 'Portal', role: 'customer', customerId: shop.customerId },
    }),
  );
  return created.key as string;
}

describe.each(DIALECTS)('verify my payment: crypto on %s', (dialect) => {
  let scene: GatewayScene;
  let chain: SimulatedChainServer;
  let shop: Shop;
  let payer: string;

  beforeEach(async () => {
    chain = await startSimulatedChainServer();
    scene = await GatewayScene.start(dialect, { apiBaseUrls: { crypto: chain.url } });
    shop = await openShop(scene.baseUrl, 'Verify Shop', 'USD');
    await scene.offer(shop, 'crypto', CRYPTO);
    payer = await customerKey(scene.baseUrl, shop);
  });
  afterEach(async () => {
    await scene.close();
    await chain.close();
  });

  const start = async () =>
    (await scene.topUp(shop, { amount: 10_000, provider: 'crypto', asset: BTC })) as {
      id: string;
      checkout: { address: string; amount: string };
    };
  const verify = (id: string, body: unknown, token = payer) =>
    http(scene.baseUrl, 'POST', `/v1/payments/${id}/verify`, { token, body });

  it('waiting for confirmations, then credited; verifying again credits nothing more', async () => {
    const before = await scene.balance(shop);
    const p = await start();
    const txHash = await sendCoins(chain.url, p.checkout.address, p.checkout.amount);

    const waiting = await verify(p.id, { txHash });
    expect(waiting.status).toBe(200);
    expect(waiting.body).toMatchObject({ outcome: 'waiting_confirmations', confirmationsNeeded: 2 });
    expect(waiting.body.message).toContain('Waiting for 2 more confirmations');
    // What the console words in its own language, numbers and all.
    expect(waiting.body.values).toEqual({ source: 'chain', more: 2, confirmations: 0, required: 2 });
    await mineBlocks(chain.url, 1);
    expect((await verify(p.id, { txHash: `0x${txHash.toUpperCase()}` })).body).toMatchObject({
      outcome: 'waiting_confirmations',
      confirmationsNeeded: 1,
    });
    await scene.expectNothingCredited(shop, p.id, before);

    await mineBlocks(chain.url, 1);
    const credited = await verify(p.id, { txHash });
    expect(credited.body).toMatchObject({ outcome: 'credited', payment: { id: p.id, status: 'paid' } });
    expect(credited.body.message).toContain('$100.00');
    expect(credited.body.values).toEqual({ amount: 10_000, currency: 'USD' });
    await scene.expectCreditedOnce(shop, p.id, 10_000, before);

    // Twice more, by the payer and by staff, and the events job as well: still one credit.
    expect((await verify(p.id, { txHash })).body.outcome).toBe('credited');
    expect((await verify(p.id, { txHash }, shop.admin)).body.outcome).toBe('credited');
    await scene.runJob('gateway-events');
    await scene.expectCreditedOnce(shop, p.id, 10_000, before);
  });

  it('underpaid by the exact coin amount missing, formatted', async () => {
    const before = await scene.balance(shop);
    const p = await start();
    const txHash = await sendCoins(chain.url, p.checkout.address, '0.00150000');
    await mineBlocks(chain.url, 2);
    const r = await verify(p.id, { txHash });
    expect(r.body).toMatchObject({ outcome: 'underpaid', shortBy: '0.00052000 BTC' });
    expect(r.body.message).toContain('underpaid by 0.00052000 BTC');
    expect(r.body.values).toEqual({ source: 'chain', coins: '0.00052000', asset: 'BTC' });
    expect(r.body.payment).toMatchObject({ status: 'processing', underpaid: true });
    await scene.expectNothingCredited(shop, p.id, before);
  });

  it('sent to another address: said so, nothing credited', async () => {
    const before = await scene.balance(shop);
    const p = await start();
    const txHash = await sendCoins(chain.url, ELSEWHERE, p.checkout.amount);
    await mineBlocks(chain.url, 3);
    const r = await verify(p.id, { txHash });
    expect(r.body.outcome).toBe('wrong_destination');
    expect(r.body.message).toContain(ELSEWHERE);
    expect(r.body.values).toEqual({ source: 'chain', to: 'address', asset: 'BTC', address: ELSEWHERE });
    await scene.expectNothingCredited(shop, p.id, before);
  });

  it('not found: a hash the chain does not know', async () => {
    const p = await start();
    const r = await verify(p.id, { txHash: 'ab'.repeat(32) });
    expect(r.body).toMatchObject({ outcome: 'not_found', payment: { status: 'new' } });
    expect(r.body.message).toMatch(/No transaction with this hash/);
    expect(r.body.values).toEqual({ source: 'chain' });
  });

  it('arrived after expiry: not credited, put in review once however often verified', async () => {
    const before = await scene.balance(shop);
    const p = await start();
    scene.clock.advance(31 * 60_000);
    await scene.runJob('payment-expiry');
    expect((await scene.payment(shop, p.id)).status).toBe('expired');
    const txHash = await sendCoins(chain.url, p.checkout.address, p.checkout.amount);
    await mineBlocks(chain.url, 2);
    for (let i = 0; i < 2; i++) {
      const r = await verify(p.id, { txHash });
      expect(r.body.outcome).toBe('after_expiry');
      expect(r.body.message).toContain('after the payment expired');
      expect(r.body.values).toEqual({ expiresAt: (await scene.payment(shop, p.id)).expiresAt });
    }
    await scene.expectNothingCredited(shop, p.id, before);
    const reviews = (await scene.reviews(shop)).filter((x) => x.paymentId === p.id && x.status === 'open');
    expect(reviews).toHaveLength(1);
  });

  it('refusals: bad hash names the field, a bank reference on a crypto payment, other customers, and the rate limit', async () => {
    const p = await start();
    const bad = await verify(p.id, { txHash: 'nope' });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatchObject({ code: 'validation', field: 'txHash' });
    const neither = await verify(p.id, {});
    expect(neither.body.error).toMatchObject({ code: 'validation', field: 'txHash' });
    const wrongKind = await verify(p.id, { bankReference: 'FT12345' });
    expect(wrongKind.body.error).toMatchObject({ code: 'validation', field: 'bankReference' });

    // Another shop's admin, and a customer of the same shop who is not the payer: 404, as missing.
    const other = await openShop(scene.baseUrl, 'Other Shop', 'USD');
    expect((await verify(p.id, { txHash: 'ab'.repeat(32) }, other.admin)).status).toBe(404);
    const neighbour = await must(
      http(scene.baseUrl, 'POST', '/v1/customers', {
        token: shop.admin,
        body: { name: 'Neighbour', email: 'neighbour@example.com' },
      }),
    );
    const neighbourKey = await customerKey(scene.baseUrl, { ...shop, customerId: neighbour.id });
    expect((await verify(p.id, { txHash: 'ab'.repeat(32) }, neighbourKey)).status).toBe(404);

    // 10 checks of one payment per 15 minutes, then 429 with Retry-After. Input refused by its schema
    // and callers who may not see the payment were not counted; the bank reference above was.
    for (let i = 1; i < 10; i++) expect((await verify(p.id, { txHash: 'ab'.repeat(32) })).status).toBe(200);
    const limited = await verify(p.id, { txHash: 'ab'.repeat(32) });
    expect(limited.status).toBe(429);
    expect(limited.body.error.code).toBe('rate_limited');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});

const ACCOUNT = '0123456789';
const WEB2M = { bank: 'mb', accountNumber: ACCOUNT, password: 'web2m-password-v', token: 'web2m-token-v' };

describe.each(DIALECTS)('verify my payment: bank transfer (VietQR, Web2m feed) on %s', (dialect) => {
  let scene: GatewayScene;
  let web2m: Web2mEmulator;
  let shop: Shop;
  let payer: string;

  beforeEach(async () => {
    ({ scene, web2m, shop } = await web2mShop(dialect, 'Chuyen Khoan Shop', WEB2M));
    payer = await customerKey(scene.baseUrl, shop);
  });
  let feedClosed = false;
  afterEach(async () => {
    await scene.close();
    if (!feedClosed) await web2m.close();
    feedClosed = false;
  });

  const start = async () =>
    (await scene.topUp(shop, { amount: 750_000, provider: 'vietqr' })) as {
      id: string;
      checkout: { memo: string };
    };
  const verify = (id: string, bankReference: string, token = payer) =>
    http(scene.baseUrl, 'POST', `/v1/payments/${id}/verify`, { token, body: { bankReference } });

  it('credited from the bank reference before the job polls, once however often it is verified', async () => {
    const before = await scene.balance(shop);
    const p = await start();
    const line = web2m.credit({
      accountNumber: ACCOUNT,
      amount: 750_000,
      description: `MBVCB ${p.checkout.memo} NAP`,
    });
    const r = await verify(p.id, line.transactionID);
    expect(r.body).toMatchObject({ outcome: 'credited', payment: { status: 'paid' } });
    await scene.expectCreditedOnce(shop, p.id, 750_000, before);
    expect((await verify(p.id, line.transactionID.toLowerCase())).body.outcome).toBe('credited');
    await scene.runJob('gateway-events');
    await scene.expectCreditedOnce(shop, p.id, 750_000, before);
  });

  it('underpaid by the VND missing, formatted; not found; a transfer without the code', async () => {
    const before = await scene.balance(shop);
    const p = await start();
    const short = web2m.credit({
      accountNumber: ACCOUNT,
      amount: 700_000,
      description: `${p.checkout.memo}`,
    });
    const r = await verify(p.id, short.transactionID);
    expect(r.body.outcome).toBe('underpaid');
    expect(r.body.shortBy).toBe('₫50,000');
    expect(r.body.message).toContain('underpaid by ₫50,000');
    expect(r.body.values).toEqual({ source: 'bank', amount: 50_000, currency: 'VND' });

    const missing = await verify(p.id, 'FT999999');
    expect(missing.body).toMatchObject({ outcome: 'not_found', values: { source: 'bank' } });

    const noCode = web2m.credit({ accountNumber: ACCOUNT, amount: 750_000, description: 'CHUYEN TIEN' });
    const unrelated = await verify(p.id, noCode.transactionID);
    expect(unrelated.body.outcome).toBe('unrelated_transfer');
    expect(unrelated.body.message).toContain('₫750,000');
    expect(unrelated.body.values).toEqual({ source: 'bank', amount: 750_000, currency: 'VND' });
    await scene.expectNothingCredited(shop, p.id, before);
  });

  it('the bank feed not answering: a 502 naming the field and what to do, not a 500; nothing credited', async () => {
    const before = await scene.balance(shop);
    const p = await start();
    await web2m.close();
    feedClosed = true;
    const r = await verify(p.id, 'FT25091123456789');
    expect(r.status).toBe(502);
    expect(r.body.error).toMatchObject({ code: 'gateway_unavailable', field: 'bankReference' });
    expect(r.body.error.message).toMatch(/^the bank feed could not be reached .*try again in a few minutes$/);
    // What the console words in its own language: the bank feed, not the payment, is what failed.
    expect(r.body.error.reason).toEqual({ key: 'verify_unreachable', values: { source: 'bank' } });
    await scene.expectNothingCredited(shop, p.id, before);
  });

  it('arrived after expiry: not credited, in review', async () => {
    const before = await scene.balance(shop);
    const p = await start();
    scene.clock.advance(25 * 60 * 60_000);
    await scene.runJob('payment-expiry');
    expect((await scene.payment(shop, p.id)).status).toBe('expired');
    const line = web2m.credit({ accountNumber: ACCOUNT, amount: 750_000, description: `${p.checkout.memo}` });
    expect((await verify(p.id, line.transactionID)).body.outcome).toBe('after_expiry');
    await scene.expectNothingCredited(shop, p.id, before);
    expect((await scene.reviews(shop)).some((x) => x.paymentId === p.id && x.status === 'open')).toBe(true);
  });
});
