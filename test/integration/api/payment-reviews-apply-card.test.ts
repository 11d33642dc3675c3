import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openReview } from '../../../src/server/services/payment-reviews/open.js';
import { key } from '../../support/api.js';
import { DIALECTS } from '../../support/databases.js';
import { GatewayScene, must, openShop, type Shop } from '../../support/gateway-flow.js';
import { http } from '../../support/http.js';
import { pressSandboxButton } from '../../support/payments.js';
import { readFeed, settleFeed } from '../../support/tenants.js';

/**
 * Staff apply a stray transfer to a payment whose checkout is still open at its provider, and the
 * payer then pays there too: that second payment is not swallowed as a duplicate; it is reviewed.
 */
describe.each(DIALECTS)('a payment paid by an applied transfer, then at its provider, on %s', (dialect) => {
  let scene: GatewayScene;
  let shop: Shop;

  beforeEach(async () => {
    scene = await GatewayScene.start(dialect);
    shop = await openShop(scene.baseUrl, 'Card Shop', 'USD');
    await scene.setFee(shop, 'sandbox', 0);
  });
  afterEach(() => scene.close());

  it('credits the applied transfer once and sends the later provider payment to review', async () => {
    const before = await scene.balance(shop);
    const payment = await scene.topUp(shop, { amount: 5_000, provider: 'sandbox' });
    // A transfer that arrived unmatched, as the payment service records one.
    await scene.api.db.store.write((trx) =>
      openReview(
        trx,
        {
          reseller_id: shop.resellerId,
          payment_id: null,
          provider: 'vietqr',
          reason: 'unmatched',
          detail: '5000 USD matched no open payment',
          provider_event: 'vietqr:test:1',
          amount: 5_000,
          currency: 'USD',
        },
        new Date().toISOString(),
      ),
    );
    const [review] = await scene.reviews(shop);
    const applied = await http(scene.baseUrl, 'POST', `/v1/payment-reviews/${review.id}/apply`, {
      token: shop.admin,
      key: key('apply'),
      body: { paymentId: payment.id },
    });
    expect(applied.status).toBe(200);
    await scene.expectCreditedOnce(shop, payment.id, 5_000, before);

    await pressSandboxButton(payment.checkout.url, 'pay');
    await scene.drain();
    await scene.expectCreditedOnce(shop, payment.id, 5_000, before);
    expect((await scene.reviews(shop)).filter((r) => r.status === 'open')).toMatchObject([
      { paymentId: payment.id, reason: 'unmatched', detail: expect.stringContaining(review.id) },
    ]);
  });

  it("held, then applied to another customer's wallet: that customer reads it without the first one's payer or card", async () => {
    const admin = (method: 'GET' | 'POST', path: string, body?: unknown) =>
      must(http(scene.baseUrl, method, path, { token: shop.admin, key: key('moved'), body }));
    const payer = await admin('POST', `/v1/customers/${shop.customerId}/payers`, {
      name: 'Accounts payable',
    });
    const created = await scene.topUp(shop, {
      amount: 5_000,
      provider: 'sandbox',
      payerId: payer.id,
      saveMethod: true,
    });
    expect(created).toMatchObject({ payerId: payer.id, savesMethodId: expect.any(String) });
    // Paid at the provider while its wallet is closed: held for staff.
    await scene.api.db.store.write((trx) =>
      trx.updateTable('wallets').set({ status: 'closed' }).where('id', '=', shop.walletId).execute(),
    );
    await pressSandboxButton(created.checkout.url, 'pay');
    await scene.drain();
    const review = (await scene.reviews(shop)).find((r) => r.paymentId === created.id);
    const other = await admin('POST', '/v1/customers', {
      name: 'Other Customer',
      email: `other-${key()}@example.com`,
      externalRef: key('ref'),
    });
    const otherWallet = await admin('POST', `/v1/customers/${other.id}/wallets`, { currency: 'USD' });
    await admin('POST', `/v1/payment-reviews/${review.id}/apply`, { walletId: otherWallet.id });

    const loginOf = async (customerId: string) =>
      (await admin('POST', '/v1/api-keys', { name: `Portal ${customerId}`, role: 'customer', customerId }))
        .key as string;
    const read = async (token: string) => http(scene.baseUrl, 'GET', `/v1/payments/${created.id}`, { token });
    // The customer credited: the payment is theirs, paid, naming no payer or card of the first one.
    const credited = await read(await loginOf(other.id));
    expect(credited).toMatchObject({
      status: 200,
      body: {
        customerId: other.id,
        walletId: otherWallet.id,
        status: 'paid',
        payerId: null,
        savedMethodId: null,
        savesMethodId: null,
      },
    });
    // The first customer no longer reaches it; staff read it as the credited customer does.
    const firstLogin = await loginOf(shop.customerId);
    expect(await read(firstLogin)).toMatchObject({ status: 404 });
    expect(await scene.payment(shop, created.id)).toMatchObject({ payerId: null, savesMethodId: null });
    // Whose payer and card it carried stays in the audit trail of the application, for staff.
    const audit = await admin('GET', `/v1/audit?action=payment_review.applied&entity=${review.id}`);
    expect(audit.items).toMatchObject([
      {
        after: {
          walletId: otherWallet.id,
          paymentId: null,
          movedFrom: {
            customerId: shop.customerId,
            walletId: shop.walletId,
            payerId: payer.id,
            savedMethodId: null,
            savesMethodId: created.savesMethodId,
          },
        },
      },
    ]);

    // A month on, the feed is folded: a console syncing from the start finds the payment as the
    // credited customer's, in their feed, and not in the first customer's.
    scene.clock.advance(40 * 24 * 3_600_000);
    await settleFeed(scene.api.db.store);
    expect((await scene.api.app.pruner.run())?.feedEntries).toBeGreaterThan(0);
    const paymentIn = async (token: string) =>
      (await readFeed(scene.api.app, token)).filter((c) => c.entity === 'payment' && c.id === created.id);
    expect((await paymentIn(await loginOf(other.id))).at(-1)?.data).toMatchObject({
      customerId: other.id,
      walletId: otherWallet.id,
      status: 'paid',
    });
    expect(await paymentIn(firstLogin)).toEqual([]);
  });

  it('held, then its money applied to another payment: it ends saying where the money went, and the card it saved is kept only if its customer got the money', async () => {
    const admin = (method: 'GET' | 'POST', path: string, body?: unknown) =>
      must(http(scene.baseUrl, method, path, { token: shop.admin, key: key('elsewhere'), body }));
    const payer = await admin('POST', `/v1/customers/${shop.customerId}/payers`, { name: 'Accounts' });
    const held = async () => {
      const created = await scene.topUp(shop, {
        amount: 5_000,
        provider: 'sandbox',
        payerId: payer.id,
        saveMethod: true,
      });
      // Paid at the provider while its wallet is closed: held for staff.
      await setWalletStatus(shop.walletId, 'closed');
      await pressSandboxButton(created.checkout.url, 'pay');
      await scene.drain();
      await setWalletStatus(shop.walletId, 'active');
      const review = (await scene.reviews(shop)).find((r) => r.paymentId === created.id);
      expect(await scene.payment(shop, created.id)).toMatchObject({ heldForReview: true });
      return { created, review };
    };
    const setWalletStatus = (id: string, status: 'active' | 'closed') =>
      scene.api.db.store.write((trx) =>
        trx.updateTable('wallets').set({ status }).where('id', '=', id).execute(),
      );

    // The money goes to another top-up of the same customer: the customer got it, the card is theirs.
    const own = await held();
    const before = await scene.balance(shop);
    const target = await scene.topUp(shop, { amount: 5_000, provider: 'sandbox' });
    await admin('POST', `/v1/payment-reviews/${own.review.id}/apply`, { paymentId: target.id });
    await scene.expectCreditedOnce(shop, target.id, 5_000, before);
    const ended = await scene.payment(shop, own.created.id);
    expect(ended).toMatchObject({
      status: 'cancelled',
      heldForReview: false,
      failureCode: 'applied_to_other_payment',
      failureReason: 'Staff applied the money that arrived for this payment to another payment.',
      transactionId: null,
      lateMoney: { otherCustomer: false, walletId: shop.walletId, customerId: shop.customerId },
    });

    // The money goes to another customer's payment: whose card it was is in doubt, so it is not kept.
    const other = await admin('POST', '/v1/customers', {
      name: 'Other Customer',
      email: `other-${key()}@example.com`,
      externalRef: key('ref'),
    });
    const otherWallet = await admin('POST', `/v1/customers/${other.id}/wallets`, { currency: 'USD' });
    const theirs = await must(
      http(scene.baseUrl, 'POST', `/v1/wallets/${otherWallet.id}/top-ups`, {
        token: shop.admin,
        key: key('topup'),
        body: { amount: 5_000, provider: 'sandbox' },
      }),
    );
    const moved = await held();
    await admin('POST', `/v1/payment-reviews/${moved.review.id}/apply`, { paymentId: theirs.id });
    expect(await scene.payment(shop, moved.created.id)).toMatchObject({
      status: 'cancelled',
      failureCode: 'applied_to_other_payment',
      lateMoney: { otherCustomer: true, customerId: other.id },
    });

    // A minute on, the saved-method check asks the provider about each card.
    scene.clock.advance(61_000);
    await scene.runJob('saved-methods');
    const methods = (await admin('GET', `/v1/customers/${shop.customerId}/payment-methods`)).items;
    expect(methods.find((m: { id: string }) => m.id === own.created.savesMethodId)).toMatchObject({
      status: 'confirmed',
      label: expect.stringContaining('••••'),
    });
    expect(methods.find((m: { id: string }) => m.id === moved.created.savesMethodId)).toMatchObject({
      status: 'failed',
    });
  });

  it('held, then its review closed without applying it: the card it saved is kept when the provider saved it for its customer', async () => {
    const admin = (method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown) =>
      must(http(scene.baseUrl, method, path, { token: shop.admin, key: key('closed'), body }));
    const payer = await admin('POST', `/v1/customers/${shop.customerId}/payers`, { name: 'Accounts' });
    const setWalletStatus = (status: 'active' | 'closed') =>
      scene.api.db.store.write((trx) =>
        trx.updateTable('wallets').set({ status }).where('id', '=', shop.walletId).execute(),
      );
    /** A top-up saving a card, paid at the provider while its wallet is closed, then closed by staff. */
    const closedByStaff = async () => {
      const created = await scene.topUp(shop, {
        amount: 5_000,
        provider: 'sandbox',
        payerId: payer.id,
        saveMethod: true,
      });
      await setWalletStatus('closed');
      await pressSandboxButton(created.checkout.url, 'pay');
      await scene.drain();
      await setWalletStatus('active');
      const review = (await scene.reviews(shop)).find((r) => r.paymentId === created.id);
      await admin('POST', `/v1/payment-reviews/${review.id}/resolve`, { note: 'Refunded by phone' });
      expect(await scene.payment(shop, created.id)).toMatchObject({
        status: 'cancelled',
        failureCode: 'closed_by_staff',
      });
      return created;
    };
    const kept = await closedByStaff();
    // The customer removes the second card before the check: it is not theirs to keep any more.
    const removed = await closedByStaff();
    await admin('DELETE', `/v1/payment-methods/${removed.savesMethodId}`);

    // A minute on, the saved-method check asks the provider about each card.
    scene.clock.advance(61_000);
    await scene.runJob('saved-methods');
    const methods = (await admin('GET', `/v1/customers/${shop.customerId}/payment-methods`)).items;
    expect(methods.find((m: { id: string }) => m.id === kept.savesMethodId)).toMatchObject({
      status: 'confirmed',
      label: expect.stringContaining('••••'),
    });
    expect(methods.find((m: { id: string }) => m.id === removed.savesMethodId)).toBeUndefined();
    const stored = await scene.api.db.store.db
      .selectFrom('saved_methods')
      .select('status')
      .where('id', '=', removed.savesMethodId)
      .executeTakeFirstOrThrow();
    expect(stored.status).toBe('failed');
  });

  it("cancelled, paid late, its money applied to another customer's wallet: each reads where it went, the first customer not whose", async () => {
    const admin = (method: 'GET' | 'POST', path: string, body?: unknown) =>
      must(http(scene.baseUrl, method, path, { token: shop.admin, key: key('late'), body }));
    const created = await scene.topUp(shop, { amount: 5_000, provider: 'sandbox' });
    await admin('POST', `/v1/payments/${created.id}/cancel`, {});
    // Paid at the provider after it was cancelled: nothing credited, its review carries the money.
    await scene.api.db.store.write((trx) =>
      openReview(
        trx,
        {
          reseller_id: shop.resellerId,
          payment_id: created.id,
          provider: 'sandbox',
          reason: 'unmatched',
          detail:
            'the provider reports 5000 USD minor units paid after this payment was cancelled; nothing was credited',
          provider_event: `sandbox:late:${created.id}`,
          amount: 5_000,
          currency: 'USD',
        },
        new Date().toISOString(),
      ),
    );
    const review = (await scene.reviews(shop)).find((r) => r.paymentId === created.id);
    const other = await admin('POST', '/v1/customers', {
      name: 'Other Customer',
      email: `other-${key()}@example.com`,
      externalRef: key('ref'),
    });
    const otherWallet = await admin('POST', `/v1/customers/${other.id}/wallets`, { currency: 'USD' });
    await admin('POST', `/v1/payment-reviews/${review.id}/apply`, { walletId: otherWallet.id });

    const first = (
      await admin('POST', '/v1/api-keys', { name: 'Portal', role: 'customer', customerId: shop.customerId })
    ).key as string;
    const asFirst = (path: string) => must(http(scene.baseUrl, 'GET', path, { token: first }));
    // The first customer: still cancelled, its money applied to another customer's wallet, never whose.
    const unnamed = { otherCustomer: true, walletId: null, customerId: null, at: expect.any(String) };
    expect(await asFirst(`/v1/payments/${created.id}`)).toMatchObject({
      status: 'cancelled',
      lateMoney: unnamed,
    });
    const listed = (await asFirst('/v1/payments')).items.find((p: { id: string }) => p.id === created.id);
    expect(listed).toMatchObject({ status: 'cancelled', lateMoney: unnamed });
    // PostgreSQL numbers feed rows after they commit; the apply's entry is read once it has its place.
    await settleFeed(scene.api.db.store);
    const feed = (await asFirst('/v1/sync/changes?cursor=0&limit=5000')).changes.filter(
      (c: { entity: string; id: string }) => c.entity === 'payment' && c.id === created.id,
    );
    expect(feed.at(-1).data).toMatchObject({ status: 'cancelled', lateMoney: unnamed });
    expect(JSON.stringify(feed)).not.toContain(otherWallet.id);
    expect(JSON.stringify(feed)).not.toContain(other.id);
    // The reseller's staff: which wallet, whose.
    expect(await scene.payment(shop, created.id)).toMatchObject({
      status: 'cancelled',
      lateMoney: { otherCustomer: true, walletId: otherWallet.id, customerId: other.id },
    });
  });
});
