import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseVietQr } from '../../../src/server/gateways/vietqr/payload.js';
import { DIALECTS } from '../../support/databases.js';
import { Pay2sEmulator } from '../../support/emulators/pay2s.js';
import type { Web2mEmulator } from '../../support/emulators/web2m.js';
import {
  flakyFront,
  GatewayScene,
  openShop,
  sceneClock,
  type Shop,
  web2mShop,
} from '../../support/gateway-flow.js';

const ACCOUNT = '0123456789';
const PAY2S = { webhookToken: 'pay2s-webhook-token-shop-a', apiToken: 'pay2s-api-token-shop-a' };
const pay2sCredentials = (accountNumber = ACCOUNT, tokens = PAY2S) => ({
  bankBin: '970416',
  accountNumber,
  accountName: 'CONG TY ACME',
  feed: 'pay2s',
  pay2sToken: tokens.webhookToken,
  pay2sApiToken: tokens.apiToken,
});

/** VietQR with a Pay2s feed: the emulator pushes bank lines to the webhook route until acknowledged. */
describe.each(DIALECTS)('vietqr (Pay2s push) through the payment service on %s', (dialect) => {
  let scene: GatewayScene;
  let pay2s: Pay2sEmulator;
  let shop: Shop;
  const closing: (() => Promise<void>)[] = [];

  beforeEach(async () => {
    const clock = sceneClock();
    // Pay2s retries a minute apart; a few milliseconds here, waited on through delivered().
    pay2s = await Pay2sEmulator.start({ ...PAY2S, retryIntervalMs: 5, now: clock.now });
    scene = await GatewayScene.start(dialect, { apiBaseUrls: { vietqr: pay2s.url } }, clock);
    shop = await openShop(scene.baseUrl, 'VietQR Shop', 'VND');
    await scene.offer(shop, 'vietqr', pay2sCredentials());
    pay2s.setWebhookUrl(scene.webhookUrl('vietqr', shop.resellerId));
  });
  afterEach(async () => {
    for (const close of closing.splice(0)) await close();
    await scene.close();
    await pay2s.close();
  });

  /** `due`: what the QR code asks the payer for (the amount plus the method's fee). */
  const start = async (amount: number, due = amount) => {
    const payment = await scene.topUp(shop, { amount, provider: 'vietqr' });
    expect(payment).toMatchObject({
      status: 'new',
      checkout: { kind: 'bank_qr', accountNumber: ACCOUNT, amount: due, currency: 'VND' },
    });
    return { id: payment.id as string, memo: payment.checkout.memo as string };
  };

  it('a bank line pushed until acknowledged credits the wallet exactly the amount, once', async () => {
    // Our API is unreachable for Pay2s's first two attempts.
    const front = await flakyFront(scene.webhookUrl('vietqr', shop.resellerId), 2);
    closing.push(front.close);
    pay2s.setWebhookUrl(front.url);
    const before = await scene.balance(shop);
    const p = await start(500_000);
    const line = pay2s.credit({
      accountNumber: ACCOUNT,
      amount: 500_000,
      content: `NAP TIEN ${p.memo} FT2503`,
    });
    const acknowledged = await pay2s.delivered(line.id);
    expect(acknowledged).toMatchObject({ attempt: 3, status: 200, acknowledged: true });
    expect(JSON.parse(acknowledged.body!)).toEqual({ success: true });
    expect(front.refused()).toBe(2);
    await scene.drain();
    await scene.expectCreditedOnce(shop, p.id, 500_000, before);
    // The events job re-reading the feed finds nothing new to credit.
    await scene.runJob('gateway-events');
    await scene.expectCreditedOnce(shop, p.id, 500_000, before);
  });

  it('a fee is asked on top and not credited; a transfer of only the amount waits underpaid', async () => {
    const before = await scene.balance(shop);
    await scene.setFee(shop, 'vietqr', 100);
    const p = await start(500_000, 505_000);
    expect(await scene.payment(shop, p.id)).toMatchObject({
      amount: 500_000,
      fee: 5_000,
      totalAmount: 505_000,
    });
    const short = pay2s.credit({ accountNumber: ACCOUNT, amount: 500_000, content: `CK ${p.memo}` });
    await pay2s.delivered(short.id);
    await scene.drain();
    expect(await scene.payment(shop, p.id)).toMatchObject({ status: 'processing', underpaid: true });
    expect(await scene.balance(shop)).toBe(before);
    const rest = pay2s.credit({ accountNumber: ACCOUNT, amount: 5_000, content: `CK ${p.memo} phi` });
    await pay2s.delivered(rest.id);
    await scene.drain();
    await scene.expectCreditedOnce(shop, p.id, 500_000, before);
    // Both bank lines are kept on the payment by their reference: what staff search the cache for.
    expect((await scene.payment(shop, p.id)).bankReferences).toEqual([String(short.id), String(rest.id)]);
  });

  it('a partial transfer, once the feed confirms it, asks for the rest with a VietQR code for the rest only', async () => {
    const before = await scene.balance(shop);
    const p = await start(500_000);
    const first = (await scene.payment(shop, p.id)).checkout;
    const part = pay2s.credit({ accountNumber: ACCOUNT, amount: 200_000, content: `CK ${p.memo}` });
    await pay2s.delivered(part.id);
    await scene.drain();
    const partly = await scene.payment(shop, p.id);
    expect(partly).toMatchObject({
      status: 'processing',
      underpaid: true,
      checkout: {
        kind: 'bank_qr',
        amount: 300_000,
        received: 200_000,
        accountNumber: ACCOUNT,
        bankBin: first.bankBin,
        memo: p.memo,
      },
    });
    // Same account, same transfer content; only the amount is the remainder's.
    const qr = parseVietQr(partly.checkout.qrPayload);
    const firstQr = parseVietQr(first.qrPayload);
    expect(qr.ok && firstQr.ok).toBe(true);
    if (!qr.ok || !firstQr.ok) return;
    expect(qr.value).toEqual({ ...firstQr.value, amount: 300_000 });
    expect(await scene.balance(shop)).toBe(before);
    // A re-check agrees with itself.
    await scene.runJob('gateway-events');
    expect((await scene.payment(shop, p.id)).checkout).toEqual(partly.checkout);
    const rest = pay2s.credit({ accountNumber: ACCOUNT, amount: 300_000, content: `CK ${p.memo}` });
    await pay2s.delivered(rest.id);
    await scene.drain();
    await scene.expectCreditedOnce(shop, p.id, 500_000, before);
  });

  it('an unpaid transfer expires; a line arriving after a cancel credits nothing and goes to review', async () => {
    const before = await scene.balance(shop);
    const lapsed = await start(200_000);
    const cancelled = await start(300_000);
    const cancel = await fetch(`${scene.baseUrl}/v1/payments/${cancelled.id}/cancel`, {
      method: 'POST',
      headers: { authorization: `Bearer ${shop.admin}`, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(cancel.status).toBe(200);
    scene.clock.advance(31 * 60_000);
    await scene.runJob('payment-expiry');
    expect((await scene.payment(shop, lapsed.id)).status).toBe('expired');
    const line = pay2s.credit({ accountNumber: ACCOUNT, amount: 300_000, content: `${cancelled.memo}` });
    await pay2s.delivered(line.id);
    await scene.drain();
    expect((await scene.payment(shop, cancelled.id)).status).toBe('cancelled');
    await scene.expectNothingCredited(shop, lapsed.id, before);
    await scene.expectNothingCredited(shop, cancelled.id, before);
    expect(await scene.reviews(shop)).toMatchObject([{ reason: 'unmatched', paymentId: null }]);
  });

  it('a short transfer waits underpaid and, never completed, expires into the review list', async () => {
    const before = await scene.balance(shop);
    const p = await start(1_000_000);
    const line = pay2s.credit({ accountNumber: ACCOUNT, amount: 999_000, content: `CK ${p.memo}` });
    await pay2s.delivered(line.id);
    await scene.drain();
    expect(await scene.payment(shop, p.id)).toMatchObject({ status: 'processing', underpaid: true });
    scene.clock.advance(31 * 60_000);
    await scene.runJob('payment-expiry');
    expect((await scene.payment(shop, p.id)).status).toBe('expired');
    await scene.expectNothingCredited(shop, p.id, before);
    expect(await scene.reviews(shop)).toMatchObject([{ paymentId: p.id, reason: 'amount' }]);
  });

  it("a line carrying this shop's memo pushed by another reseller's feed credits nothing here", async () => {
    const other = await openShop(scene.baseUrl, 'Other Shop', 'VND');
    const otherTokens = { webhookToken: 'pay2s-webhook-token-shop-b', apiToken: 'pay2s-api-token-shop-b' };
    await scene.offer(other, 'vietqr', pay2sCredentials('9988776655', otherTokens));
    const otherFeed = await Pay2sEmulator.start({
      ...otherTokens,
      retryIntervalMs: 5,
      webhookUrl: scene.webhookUrl('vietqr', other.resellerId),
    });
    closing.push(() => otherFeed.close());
    const before = await scene.balance(shop);
    const p = await start(400_000);
    const line = otherFeed.credit({ accountNumber: '9988776655', amount: 400_000, content: p.memo });
    expect(await otherFeed.delivered(line.id)).toMatchObject({ acknowledged: true });
    await scene.drain();
    await scene.expectNothingCredited(shop, p.id, before);
    expect((await scene.payment(shop, p.id)).status).toBe('new');
    expect(await scene.reviews(other)).toMatchObject([{ reason: 'unmatched', paymentId: null }]);
  });

  it("another reseller pushing a bank line's id first does not make this shop's genuine transfer vanish", async () => {
    const other = await openShop(scene.baseUrl, 'Other Shop', 'VND');
    const otherTokens = { webhookToken: 'pay2s-webhook-token-shop-b', apiToken: 'pay2s-api-token-shop-b' };
    await scene.offer(other, 'vietqr', pay2sCredentials('9988776655', otherTokens));
    const otherFeed = await Pay2sEmulator.start({
      ...otherTokens,
      retryIntervalMs: 5,
      webhookUrl: scene.webhookUrl('vietqr', other.resellerId),
    });
    closing.push(() => otherFeed.close());
    const before = await scene.balance(shop);
    const p = await start(600_000);
    // Reseller B pushes a line to its own webhook first, under the id the bank will give A's transfer.
    const squatted = otherFeed.credit({ accountNumber: '9988776655', amount: 1_000, content: 'X' });
    expect(await otherFeed.delivered(squatted.id)).toMatchObject({ acknowledged: true });
    await scene.drain();
    const genuine = pay2s.credit({ accountNumber: ACCOUNT, amount: 600_000, content: `CK ${p.memo}` });
    expect(genuine.id).toBe(squatted.id);
    expect(await pay2s.delivered(genuine.id)).toMatchObject({ acknowledged: true });
    await scene.drain();
    await scene.expectCreditedOnce(shop, p.id, 600_000, before);
    expect(await scene.storedEvents('vietqr')).toHaveLength(2);
  });

  it('a push with the wrong bearer token, or none, is refused and stores nothing', async () => {
    const before = await scene.balance(shop);
    const p = await start(250_000);
    const forger = await Pay2sEmulator.start({
      webhookToken: 'not-the-shops-token',
      apiToken: 'x',
      retryIntervalMs: 1,
      maxRetries: 0,
      webhookUrl: scene.webhookUrl('vietqr', shop.resellerId),
    });
    closing.push(() => forger.close());
    const line = forger.credit({ accountNumber: ACCOUNT, amount: 250_000, content: p.memo });
    await expect(forger.delivered(line.id)).rejects.toThrow(/gave up/);
    expect(forger.attempts).toMatchObject([{ status: 401, acknowledged: false }]);
    const bare = await fetch(scene.webhookUrl('vietqr', shop.resellerId), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ transactions: [] }),
    });
    expect(bare.status).toBe(401);
    await scene.drain();
    expect(await scene.storedEvents('vietqr')).toEqual([]);
    await scene.expectNothingCredited(shop, p.id, before);
  });
});

const WEB2M = { bank: 'mb', accountNumber: ACCOUNT, password: 'web2m-password-a', token: 'web2m-token-a' };

/** VietQR with a Web2m feed: nothing is pushed; the events job polls the bank history. */
describe.each(DIALECTS)('vietqr (Web2m polling) through the payment service on %s', (dialect) => {
  let scene: GatewayScene;
  let web2m: Web2mEmulator;
  let shop: Shop;

  beforeEach(async () => {
    ({ scene, web2m, shop } = await web2mShop(dialect, 'Web2m Shop', WEB2M));
  });
  afterEach(async () => {
    await scene.close();
    await web2m.close();
  });

  it('a polled credit is credited exactly once, however often the feed is read again', async () => {
    const before = await scene.balance(shop);
    const payment = await scene.topUp(shop, { amount: 750_000, provider: 'vietqr' });
    web2m.credit({
      accountNumber: ACCOUNT,
      amount: 750_000,
      description: `MBVCB ${payment.checkout.memo} NAP`,
    });
    web2m.debit({ accountNumber: ACCOUNT, amount: 5_500, description: 'PHI SMS' });
    const polls = web2m.requests.length;
    await scene.runJob('gateway-events');
    expect(web2m.requests.length).toBeGreaterThan(polls);
    await scene.expectCreditedOnce(shop, payment.id, 750_000, before);
    await scene.runJob('gateway-events');
    await scene.runJob('gateway-events');
    await scene.expectCreditedOnce(shop, payment.id, 750_000, before);
    expect(await scene.reviews(shop)).toEqual([]);
  });
});
