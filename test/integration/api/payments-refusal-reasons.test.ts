import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { key } from '../../support/api.js';
import { DIALECTS } from '../../support/databases.js';
import {
  PUBLISHED_ACCOUNT_KEYS,
  startSimulatedChainServer,
  type SimulatedChainServer,
} from '../../support/emulators/crypto-chain.js';
import type { Pay2sEmulator } from '../../support/emulators/pay2s.js';
import { GatewayScene, must, openShop, type Shop } from '../../support/gateway-flow.js';
import { startVietQrShop, VIETQR_ACCOUNT, type VietQrShop } from '../../support/vietqr-shop.js';
import { http } from '../../support/http.js';
import { pressSandboxButton } from '../../support/payments.js';

/**
 * The refusals a person meets on the console's payment screens (cancelling, verifying, topping up,
 * refunding) carry their particulars as a reason key, so that the console words them in its own
 * language rather than showing the server's English. Amounts are minor units beside `currency`.
 */
describe.each(DIALECTS)('payment refusals carry a reason the console words, on %s', (dialect) => {
  let scene: GatewayScene;
  let shop: Shop;
  beforeEach(async () => {
    scene = await GatewayScene.start(dialect);
    shop = await openShop(scene.baseUrl, 'Refusal Reasons', 'USD');
  });
  afterEach(() => scene.close());

  const post = (path: string, body: unknown = {}) =>
    http(scene.baseUrl, 'POST', path, { token: shop.admin, key: key('reason'), body });
  const paid = async (amount: number) => {
    const created = await scene.topUp(shop, { amount, provider: 'sandbox' });
    await pressSandboxButton(created.checkout.url, 'pay');
    await scene.drain();
    return created.id as string;
  };

  it('cancelling a payment that is no longer new names its status', async () => {
    const id = await paid(1_000);
    const reply = await post(`/v1/payments/${id}/cancel`);
    expect(reply.status).toBe(422);
    expect(reply.body.error).toMatchObject({
      code: 'payment_not_open',
      reason: { key: 'payment_not_cancellable', values: { status: 'paid' } },
    });
  });

  it('a payment paid but held for staff (its wallet closed) reads held, and cancelling it is refused, nothing written', async () => {
    const created = await scene.topUp(shop, { amount: 1_000, provider: 'sandbox' });
    // Not paid yet: nothing held.
    expect(created).toMatchObject({ status: 'new', heldForReview: false });
    await scene.api.db.store.write((trx) =>
      trx.updateTable('wallets').set({ status: 'closed' }).where('id', '=', shop.walletId).execute(),
    );
    await pressSandboxButton(created.checkout.url, 'pay');
    await scene.drain();
    const read = async () =>
      must(http(scene.baseUrl, 'GET', `/v1/payments/${created.id}`, { token: shop.admin }));
    const held = await read();
    expect(held).toMatchObject({ id: created.id, heldForReview: true, paidAt: null });
    expect(['new', 'processing']).toContain(held.status);

    const reply = await post(`/v1/payments/${created.id}/cancel`);
    expect(reply.status).toBe(422);
    expect(reply.body.error).toMatchObject({
      code: 'payment_not_open',
      reason: { key: 'payment_held_for_review', values: {} },
    });
    expect(await read()).toEqual(held);
  });

  it('verifying a bank transfer that never reached the payment page says so', async () => {
    const created = await scene.topUp(shop, { amount: 1_000, provider: 'sandbox' });
    // A VietQR payment whose checkout never opened (its gateway failed): no provider id to look up.
    await scene.api.db.store.write((trx) =>
      trx
        .updateTable('payments')
        .set({ provider: 'vietqr', provider_payment_id: null })
        .where('id', '=', created.id)
        .execute(),
    );
    const reply = await post(`/v1/payments/${created.id}/verify`, { bankReference: 'FT25030012345' });
    expect(reply.status).toBe(422);
    expect(reply.body.error).toMatchObject({
      code: 'payment_not_open',
      reason: { key: 'payment_never_opened', values: {} },
    });
  });

  it('verifying a card payment by a transaction hash or a bank reference says it is neither', async () => {
    const created = await scene.topUp(shop, { amount: 1_000, provider: 'sandbox' });
    const byHash = await post(`/v1/payments/${created.id}/verify`, { txHash: 'a'.repeat(64) });
    expect(byHash.status).toBe(400);
    expect(byHash.body.error).toMatchObject({
      code: 'validation',
      field: 'txHash',
      reason: { key: 'verify_not_crypto', values: {} },
    });
    const byReference = await post(`/v1/payments/${created.id}/verify`, { bankReference: 'FT25030012345' });
    expect(byReference.status).toBe(400);
    expect(byReference.body.error).toMatchObject({
      code: 'validation',
      field: 'bankReference',
      reason: { key: 'verify_not_bank', values: {} },
    });
  });

  it('a top-up outside the limits names them', async () => {
    const limits = await http(scene.baseUrl, 'PATCH', '/v1/payment-settings', {
      token: shop.admin,
      body: { limits: [{ currency: 'USD', minAmount: 500, maxAmount: 20_000, presets: [] }] },
    });
    expect(limits.status, JSON.stringify(limits.body)).toBe(200);
    const reply = await post(`/v1/wallets/${shop.walletId}/top-ups`, { amount: 50_000, provider: 'sandbox' });
    expect(reply.status).toBe(422);
    expect(reply.body.error).toMatchObject({
      code: 'top_up_limit',
      field: 'amount',
      reason: { key: 'top_up_limit', values: { min: 500, max: 20_000, currency: 'USD' } },
    });
  });

  it('a refund of an unpaid payment, of too much, or of nothing left names what stands in the way', async () => {
    const unpaid = await scene.topUp(shop, { amount: 1_000, provider: 'sandbox' });
    const notPaid = await post(`/v1/payments/${unpaid.id}/refunds`, { reason: 'Unpaid' });
    expect(notPaid.status).toBe(422);
    expect(notPaid.body.error).toMatchObject({
      code: 'payment_not_refundable',
      reason: { key: 'payment_not_refundable', values: { status: 'new' } },
    });

    const id = await paid(3_000);
    const tooMuch = await post(`/v1/payments/${id}/refunds`, { amount: 3_001, reason: 'Too much' });
    expect(tooMuch.status).toBe(422);
    expect(tooMuch.body.error).toMatchObject({
      code: 'refund_exceeds_payment',
      field: 'amount',
      reason: { key: 'refund_at_most', values: { amount: 3_000, currency: 'USD' } },
    });
    expect((await post(`/v1/payments/${id}/refunds`, { reason: 'All of it' })).status).toBe(201);
    const nothing = await post(`/v1/payments/${id}/refunds`, { amount: 1, reason: 'Again' });
    expect(nothing.status).toBe(422);
    expect(nothing.body.error).toMatchObject({
      code: 'refund_exceeds_payment',
      reason: { key: 'refund_nothing_left', values: {} },
    });
  });
});

/** Applying a bank transfer from "Needs review" (the Payments screen), refused for what stands in the way. */
describe.each(DIALECTS)('review refusals carry a reason the console words, on %s', (dialect) => {
  let scene: GatewayScene;
  let pay2s: Pay2sEmulator;
  let shop: Shop;
  let bank: VietQrShop;
  beforeEach(async () => {
    bank = await startVietQrShop(dialect, 'Review Reasons', { accountName: 'CONG TY REASONS' });
    ({ scene, pay2s, shop } = bank);
  });
  afterEach(() => bank.close());

  const post = (path: string, body: unknown = {}) =>
    http(scene.baseUrl, 'POST', path, { token: shop.admin, key: key('reason'), body });
  const unmatched = async (amount: number) => {
    const known = new Set((await scene.reviews(shop)).map((r) => r.id));
    const line = pay2s.credit({ accountNumber: VIETQR_ACCOUNT, amount, content: 'chuyen tien cho shop' });
    await pay2s.delivered(line.id);
    await scene.drain();
    return (await scene.reviews(shop)).find((r) => !known.has(r.id)).id as string;
  };

  it('applied twice, resolved first, to a paid payment, or to another currency', async () => {
    const first = await unmatched(100_000);
    expect((await post(`/v1/payment-reviews/${first}/apply`, { walletId: shop.walletId })).status).toBe(200);
    const twice = await post(`/v1/payment-reviews/${first}/apply`, { walletId: shop.walletId });
    expect(twice.status).toBe(409);
    expect(twice.body.error.reason).toEqual({ key: 'review_already_applied', values: {} });

    const resolved = await unmatched(110_000);
    expect((await post(`/v1/payment-reviews/${resolved}/resolve`, { note: 'Sent back' })).status).toBe(200);
    const late = await post(`/v1/payment-reviews/${resolved}/apply`, { walletId: shop.walletId });
    expect(late.status).toBe(409);
    expect(late.body.error.reason).toEqual({ key: 'review_already_resolved', values: {} });

    const payment = await scene.topUp(shop, { amount: 120_000, provider: 'vietqr' });
    const line = pay2s.credit({
      accountNumber: VIETQR_ACCOUNT,
      amount: 120_000,
      content: payment.checkout.memo,
    });
    await pay2s.delivered(line.id);
    await scene.drain();
    expect((await scene.payment(shop, payment.id)).status).toBe('paid');
    const third = await unmatched(130_000);
    const toPaid = await post(`/v1/payment-reviews/${third}/apply`, { paymentId: payment.id });
    expect(toPaid.status).toBe(409);
    expect(toPaid.body.error.reason).toEqual({ key: 'review_payment_already_paid', values: {} });

    const usd = await http(scene.baseUrl, 'POST', `/v1/customers/${shop.customerId}/wallets`, {
      token: shop.admin,
      key: key('wallet'),
      body: { currency: 'USD' },
    });
    expect(usd.status, JSON.stringify(usd.body)).toBe(201);
    const other = await post(`/v1/payment-reviews/${third}/apply`, { walletId: usd.body.id });
    expect(other.status).toBe(400);
    expect(other.body.error.reason).toEqual({
      key: 'review_other_currency',
      values: { transfer: 'VND', target: 'USD' },
    });
  });
});

/** The top-up form's payer, saved method and coin, refused for what stands in the way. */
describe.each(DIALECTS)('top-up refusals carry a reason the console words, on %s', (dialect) => {
  let scene: GatewayScene;
  let chain: SimulatedChainServer;
  let shop: Shop;
  beforeEach(async () => {
    chain = await startSimulatedChainServer();
    scene = await GatewayScene.start(dialect, { apiBaseUrls: { crypto: chain.url } });
    shop = await openShop(scene.baseUrl, 'Top-Up Reasons', 'USD');
    await scene.offer(shop, 'crypto', { xpubs: PUBLISHED_ACCOUNT_KEYS, rates: { USD: { BTC: '50000' } } });
  });
  afterEach(async () => {
    await scene.close();
    await chain.close();
  });

  const topUp = (body: Record<string, unknown>) =>
    http(scene.baseUrl, 'POST', `/v1/wallets/${shop.walletId}/top-ups`, {
      token: shop.admin,
      key: key('top-up'),
      body: { amount: 1_000, provider: 'sandbox', ...body },
    });
  const payer = async (name: string) =>
    (
      await must(
        http(scene.baseUrl, 'POST', `/v1/customers/${shop.customerId}/payers`, {
          token: shop.admin,
          body: { name },
        }),
      )
    ).id as string;

  it('a payer or saved method that is not there, not confirmed, of another method or payer', async () => {
    const gone = await topUp({ payerId: 'pyr_gone' });
    expect(gone.status).toBe(404);
    expect(gone.body.error).toMatchObject({
      field: 'payerId',
      reason: { key: 'payer_not_found', values: {} },
    });
    const unsaved = await topUp({ saveMethod: true });
    expect(unsaved.status).toBe(400);
    expect(unsaved.body.error).toMatchObject({
      field: 'payerId',
      reason: { key: 'save_method_needs_payer', values: {} },
    });
    const missing = await topUp({ savedMethodId: 'spm_gone' });
    expect(missing.status).toBe(404);
    expect(missing.body.error).toMatchObject({
      field: 'savedMethodId',
      reason: { key: 'saved_method_not_found', values: {} },
    });

    const anh = await payer('Anh');
    const saving = await must(topUp({ payerId: anh, saveMethod: true }));
    const pending = await topUp({ payerId: anh, savedMethodId: saving.savesMethodId });
    expect(pending.status).toBe(422);
    expect(pending.body.error).toMatchObject({
      field: 'savedMethodId',
      reason: { key: 'saved_method_not_confirmed', values: { status: 'pending' } },
    });

    await pressSandboxButton(saving.checkout.url, 'pay');
    await scene.drain();
    const binh = await payer('Binh');
    const otherPayer = await topUp({ payerId: binh, savedMethodId: saving.savesMethodId });
    expect(otherPayer.status).toBe(422);
    expect(otherPayer.body.error.reason).toEqual({ key: 'saved_method_other_payer', values: {} });
    const otherMethod = await topUp({
      provider: 'crypto',
      asset: { asset: 'BTC', network: 'bitcoin' },
      payerId: anh,
      savedMethodId: saving.savesMethodId,
    });
    expect(otherMethod.status).toBe(422);
    expect(otherMethod.body.error.reason).toEqual({
      key: 'saved_method_other_provider',
      values: { provider: 'sandbox' },
    });
  });

  it('a crypto top-up without a coin, or with a coin on a network it is not sent on, asks for one', async () => {
    for (const asset of [undefined, { asset: 'BTC', network: 'tron' }]) {
      const reply = await topUp({ provider: 'crypto', ...(asset ? { asset } : {}) });
      expect(reply.status).toBe(400);
      expect(reply.body.error).toMatchObject({
        code: 'validation',
        field: 'asset',
        reason: { key: 'coin_not_chosen', values: {} },
      });
    }
  });

  it('a network whose account key has handed out its every address names the network', async () => {
    // The last index a BIP-32 account key derives (2^31 - 1) was given to a payment already.
    await scene.api.db.store.write((trx) =>
      trx
        .insertInto('crypto_address_indexes')
        .values({ reseller_id: shop.resellerId, network: 'bitcoin', last_index: 2_147_483_647 })
        .execute(),
    );
    const reply = await topUp({ provider: 'crypto', asset: { asset: 'BTC', network: 'bitcoin' } });
    expect(reply.status).toBe(422);
    expect(reply.body.error).toMatchObject({
      code: 'method_unavailable',
      field: 'asset',
      reason: { key: 'coin_addresses_used_up', values: { network: 'bitcoin' } },
    });
  });

  it('a coin the reseller gave no rate for names the coin and the currency', async () => {
    const reply = await topUp({ provider: 'crypto', asset: { asset: 'USDT', network: 'tron' } });
    expect(reply.status).toBe(400);
    expect(reply.body.error).toMatchObject({
      field: 'asset',
      reason: { key: 'coin_not_offered', values: { asset: 'USDT', currency: 'USD' } },
    });
  });
});
