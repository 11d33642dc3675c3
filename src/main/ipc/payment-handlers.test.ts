import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Payment, TopUpOptions } from '../../shared/api/payments.js';
import type { Session } from '../../shared/ipc-contract.js';
import { NetworkError, type ApiClient } from '../api/client.js';
import { feedPage } from '../sync/feed-page.js';
import {
  created,
  handlerWorld,
  TEST_ACCOUNT as ACCOUNT,
  TEST_NOW as NOW,
  testPayment as payment,
  testWallet,
} from '../testing/handler-world.js';

/**
 * The cache (one USD wallet), outbox and handlers in memory, signed in with `role` (a customer is
 * the wallet's, cus_1), no network.
 */
const world = (role: Session['role'], client: Partial<ApiClient> = {}) =>
  handlerWorld(role, {
    client,
    changes: created({ entity: 'wallet', data: testWallet() }),
    trustedOrigins: ['http://127.0.0.1:4000'],
    ...(role === 'customer' ? { customerId: 'cus_1' } : {}),
  });

let w: ReturnType<typeof world>;
afterEach(() => w?.close());

describe('top-ups:create', () => {
  beforeEach(() => {
    w = world('customer');
  });

  it('queues a payment.create intent with its own idempotency key and a local id to follow', async () => {
    const result = await w.call('top-ups:create', { walletId: 'wal_1', amount: 2_500, provider: 'sandbox' });
    expect(result).toMatchObject({
      ok: true,
      value: {
        kind: 'payment.create',
        state: 'pending',
        walletId: 'wal_1',
        currency: 'USD',
        payload: { amount: 2_500, provider: 'sandbox', localId: expect.stringMatching(/^local_pay_/) },
        summary: { key: 'topUp', values: { amount: 2_500, currency: 'USD', provider: 'sandbox' } },
      },
    });
    const [stored] = w.outbox.list(ACCOUNT);
    expect(stored!.idempotencyKey).toMatch(/^idem_/);
    // The renderer never sees the key.
    expect(JSON.stringify(result)).not.toContain(stored!.idempotencyKey);

    const localId = (result as { value: { payload: { localId: string } } }).value.payload.localId;
    expect(await w.call('payments:get', { paymentId: localId })).toMatchObject({
      ok: true,
      value: { kind: 'queued', item: { kind: 'payment.create', state: 'pending' } },
    });
  });

  it('refuses what the contract does not allow, naming the field', async () => {
    expect(
      await w.call('top-ups:create', { walletId: 'wal_1', amount: 12.5, provider: 'sandbox' }),
    ).toMatchObject({ ok: false, error: { code: 'validation', field: 'amount' } });
    expect(
      await w.call('top-ups:create', { walletId: 'wal_1', amount: 100, provider: 'bitcoin-atm' }),
    ).toMatchObject({ ok: false, error: { code: 'validation', field: 'provider' } });
  });

  it('is not for support agents', async () => {
    w.close();
    w = world('support_agent');
    expect(
      await w.call('top-ups:create', { walletId: 'wal_1', amount: 2_500, provider: 'sandbox' }),
    ).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await w.call('payments:list', {})).toMatchObject({ ok: true, value: [] });
  });
});

describe('sending a queued top-up', () => {
  it('creates the payment under the intent’s key, caches it, and follows the local id to it', async () => {
    const sent: Array<{ walletId: string; body: unknown; key: string }> = [];
    w = world('customer', {
      createTopUp: async (walletId: string, body: unknown, key: string) => {
        sent.push({ walletId, body, key });
        return payment();
      },
    });
    const queued = await w.call('top-ups:create', {
      walletId: 'wal_1',
      amount: 2_500,
      provider: 'crypto',
      asset: { asset: 'USDT', network: 'tron' },
    });
    const localId = (queued as { value: { payload: { localId: string } } }).value.payload.localId;
    const key = w.outbox.list(ACCOUNT)[0]!.idempotencyKey;

    await w.startEngine().idle();

    expect(sent).toEqual([
      {
        walletId: 'wal_1',
        body: { amount: 2_500, provider: 'crypto', asset: { asset: 'USDT', network: 'tron' } },
        key,
      },
    ]);
    expect(w.outbox.list(ACCOUNT)).toEqual([]);
    expect(w.outbox.startedPayment('pay_1')).toBe(true);
    expect(w.outbox.startedPayment('pay_2')).toBe(false);
    expect(await w.call('payments:get', { paymentId: localId })).toEqual({
      ok: true,
      value: { kind: 'payment', payment: payment() },
    });
  });
});

describe('payments from the cache', () => {
  beforeEach(() => {
    w = world('reseller_admin');
  });

  it('lists newest first, filtered by status, method and wallet, a page at a time', async () => {
    w.cache.putPayment(payment({ id: 'pay_a', createdAt: '2030-01-01T00:00:01.000Z' }));
    w.cache.putPayment(
      payment({ id: 'pay_b', provider: 'vietqr', status: 'paid', createdAt: '2030-01-01T00:00:02.000Z' }),
    );
    w.cache.putPayment(payment({ id: 'pay_c', walletId: 'wal_2', createdAt: '2030-01-01T00:00:03.000Z' }));
    const ids = async (input: unknown) =>
      ((await w.call('payments:list', input)) as { value: Payment[] }).value.map((p) => p.id);
    expect(await ids({})).toEqual(['pay_c', 'pay_b', 'pay_a']);
    expect(await ids({ status: 'paid' })).toEqual(['pay_b']);
    expect(await ids({ provider: 'sandbox' })).toEqual(['pay_c', 'pay_a']);
    expect(await ids({ walletId: 'wal_1' })).toEqual(['pay_b', 'pay_a']);
    // A page at a time: the next below the last one shown.
    expect(await ids({ limit: 2 })).toEqual(['pay_c', 'pay_b']);
    expect(
      await ids({ limit: 2, olderThan: { createdAt: '2030-01-01T00:00:02.000Z', id: 'pay_b' } }),
    ).toEqual(['pay_a']);
    // The payments a screen's records name, and no other; those not paid yet in a currency.
    expect(await ids({ paymentIds: ['pay_a', 'pay_c', 'pay_zz'] })).toEqual(['pay_c', 'pay_a']);
    expect(await ids({ unpaidIn: 'USD' })).toEqual(['pay_c', 'pay_a']);
    expect(await ids({ unpaidIn: 'VND' })).toEqual([]);
    // Paid at its provider and held for staff (its wallet refused the money): listed, but no
    // transfer can be applied to it (the API refuses, review_payment_held), so it is not offered.
    w.cache.putPayment(payment({ id: 'pay_d', heldForReview: true, createdAt: '2030-01-01T00:00:04.000Z' }));
    expect(await ids({})).toEqual(['pay_d', 'pay_c', 'pay_b', 'pay_a']);
    expect(await ids({ unpaidIn: 'USD' })).toEqual(['pay_c', 'pay_a']);
    for (const [input, field] of [
      [{ paymentIds: [] }, 'paymentIds'],
      [{ paymentIds: [''] }, 'paymentIds.0'],
      [{ unpaidIn: 'usd' }, 'unpaidIn'],
    ] as const) {
      expect(await w.call('payments:list', input)).toMatchObject({
        ok: false,
        error: { code: 'validation', field },
      });
    }
    // Where a page ends must be a real place in the list: said, field by field, and nothing read.
    for (const [olderThan, field] of [
      [{ createdAt: 'yesterday', id: 'pay_b' }, 'olderThan.createdAt'],
      [{ createdAt: '2030-01-01T00:00:02.000Z' }, 'olderThan.id'],
      [{ createdAt: '2030-01-01T00:00:02.000Z', id: 'pay_b', offset: 3 }, 'olderThan'],
    ] as const) {
      expect(await w.call('payments:list', { olderThan })).toMatchObject({
        ok: false,
        error: { code: 'validation', field },
      });
    }
  });

  it('offers the filter only the methods of the cached payments and of the top-up options last fetched', async () => {
    expect(await w.call('payments:providers', {})).toEqual({ ok: true, value: [] });
    w.cache.putPayment(payment({ id: 'pay_a', provider: 'vietqr' }));
    w.cache.putPayment(payment({ id: 'pay_b', provider: 'sandbox' }));
    w.cache.putPayment(payment({ id: 'pay_c', provider: 'vietqr' }));
    expect(await w.call('payments:providers', {})).toEqual({ ok: true, value: ['sandbox', 'vietqr'] });

    // The reseller offers Stripe in this wallet's top-ups: listed once the options have been seen.
    const method = (provider: TopUpOptions['methods'][number]['provider']) => ({
      provider,
      label: provider,
      feeBasisPoints: 0,
      processingTime: 'Instant',
    });
    const options: TopUpOptions = {
      walletId: 'wal_1',
      limits: { currency: 'USD', minAmount: 500, maxAmount: 100_000, presets: [] },
      methods: [method('stripe'), method('sandbox')],
      payers: [],
      savedMethods: [],
    };
    w.close();
    w = world('reseller_admin', { topUpOptions: () => Promise.resolve(options) });
    w.cache.putPayment(payment({ id: 'pay_a', provider: 'vietqr' }));
    expect(await w.call('top-ups:options', { walletId: 'wal_1' })).toMatchObject({ ok: true });
    expect(await w.call('payments:providers', {})).toEqual({
      ok: true,
      value: ['sandbox', 'vietqr', 'stripe'], // in the order methods are listed everywhere
    });
  });

  it('never hands the renderer a hosted page off the allow-list', async () => {
    w.cache.putPayment(
      payment({ checkout: { kind: 'redirect', url: 'javascript:alert(1)', expiresAt: NOW } }),
    );
    expect(await w.call('payments:get', { paymentId: 'pay_1' })).toMatchObject({
      ok: true,
      value: { kind: 'payment', payment: { id: 'pay_1', checkout: null } },
    });
  });

  it('keeps the newer copy when an older one arrives, and reports each payment that ends once', () => {
    w.cache.putPayment(payment({ status: 'processing', updatedAt: '2030-01-01T00:00:05.000Z' }));
    expect(w.cache.putPayment(payment({ status: 'new', updatedAt: '2030-01-01T00:00:01.000Z' }))).toBe(false);
    expect(w.cache.payment('pay_1')!.status).toBe('processing');
    expect(w.cache.takeFinishedPayments()).toEqual([]);

    const paid = payment({
      status: 'paid',
      paidAt: '2030-01-01T00:00:09.000Z',
      updatedAt: '2030-01-01T00:00:09.000Z',
    });
    w.cache.putPayment(paid);
    w.cache.putPayment(paid);
    expect(w.cache.takeFinishedPayments()).toEqual([{ payment: paid, previous: 'processing' }]);
    expect(w.cache.takeFinishedPayments()).toEqual([]);
  });

  it('applies payment changes from the feed', () => {
    const touched = w.cache.applyPage(
      feedPage([{ seq: 2, id: 'pay_9', op: 'create', entity: 'payment', data: payment({ id: 'pay_9' }) }], 2),
    );
    expect([...touched]).toEqual(['payments']);
    expect(w.cache.payment('pay_9')).toEqual(payment({ id: 'pay_9' }));
  });
});

describe("a payment whose money staff applied to another customer's wallet", () => {
  /** The first customer's payment, held for staff, then moved by the feed to cus_2's wallet (payment-reviews/apply.ts). */
  const moved = (w: ReturnType<typeof world>, provider: Payment['provider'] = 'sandbox') => {
    const held = payment({ id: 'pay_held', provider, status: 'processing', heldForReview: true });
    w.cache.putPayment(payment({ id: 'pay_own', createdAt: '2030-01-01T00:00:01.000Z' }));
    w.cache.applyPage(
      feedPage(
        [
          { seq: 2, id: held.id, op: 'create', entity: 'payment', data: held },
          {
            seq: 3,
            id: held.id,
            op: 'update',
            entity: 'payment',
            data: {
              ...held,
              walletId: 'wal_2',
              customerId: 'cus_2',
              status: 'paid',
              heldForReview: false,
              updatedAt: '2030-01-01T00:00:09.000Z',
            },
          },
        ],
        3,
      ),
    );
  };
  const ids = async (input: unknown) =>
    ((await w.call('payments:list', input)) as { value: Payment[] }).value.map((p) => p.id);

  it("is no longer listed or opened on the first customer's desktop", async () => {
    w = world('customer');
    moved(w);
    expect(await ids({})).toEqual(['pay_own']);
    expect(await ids({ status: 'paid' })).toEqual([]);
    expect(await ids({ paymentIds: ['pay_held', 'pay_own'] })).toEqual(['pay_own']);
    expect(await w.call('payments:list', { customerId: 'cus_2' })).toMatchObject({
      ok: false,
      error: { code: 'forbidden', field: 'customerId' },
    });
    expect(await w.call('payments:get', { paymentId: 'pay_held' })).toEqual({ ok: true, value: null });
    expect(await w.call('payments:get', { paymentId: 'pay_own' })).toMatchObject({
      ok: true,
      value: { kind: 'payment', payment: { id: 'pay_own' } },
    });
  });

  it("does not offer its method to the first customer's Payments filter; staff are offered it", async () => {
    w = world('customer');
    moved(w, 'vietqr');
    expect(await w.call('payments:providers', {})).toEqual({ ok: true, value: ['sandbox'] });
    w.close();
    w = world('reseller_admin');
    moved(w, 'vietqr');
    expect(await w.call('payments:providers', {})).toEqual({ ok: true, value: ['sandbox', 'vietqr'] });
  });

  it("is not found by the first customer's search box; staff find it", async () => {
    const found = async () =>
      (
        (await w.call('search:query', { query: 'pay_held', limit: 10 })) as {
          value: { groups: Array<{ items: Array<{ id: string }> }> };
        }
      ).value.groups.flatMap((g) => g.items.map((i) => i.id));
    w = world('customer');
    moved(w);
    expect(await found()).toEqual([]);
    w.close();
    w = world('reseller_admin');
    moved(w);
    expect(await found()).toEqual(['pay_held']);
  });

  it("stays listed for the reseller's staff, under the customer it now belongs to", async () => {
    for (const role of ['reseller_admin', 'support_agent'] as const) {
      w?.close();
      w = world(role);
      moved(w);
      expect(await ids({})).toEqual(['pay_own', 'pay_held']);
      expect(await ids({ customerId: 'cus_2' })).toEqual(['pay_held']);
      expect(await w.call('payments:get', { paymentId: 'pay_held' })).toMatchObject({
        ok: true,
        value: { kind: 'payment', payment: { id: 'pay_held', customerId: 'cus_2' } },
      });
    }
  });
});

describe('a payment paid after it ended, whose money staff applied to another customer', () => {
  const at = '2030-01-01T00:00:09.000Z';
  const cancelled = payment({ status: 'cancelled', failureCode: 'cancelled_before_paid', updatedAt: at });
  // What the feed carries (the payment's customer reads it too): whose wallet is not said.
  const unnamed = { ...cancelled, lateMoney: { otherCustomer: true, walletId: null, customerId: null, at } };
  const named = {
    ...cancelled,
    lateMoney: { otherCustomer: true, walletId: 'wal_9', customerId: 'cus_9', at },
  };

  const toldByFeed = () =>
    w.cache.applyPage(feedPage([{ seq: 2, id: 'pay_1', op: 'update', entity: 'payment', data: unnamed }], 2));
  /** A console of `role` the feed told of the payment, whose API names the wallet; what it was asked. */
  const asking = (role: Session['role']) => {
    const asked: string[] = [];
    w = world(role, {
      payment: async (id: string) => {
        asked.push(id);
        return named;
      },
    });
    toldByFeed();
    return asked;
  };

  it("staff's payment page asks the API whose wallet it went to; offline, it shows what the feed said", async () => {
    const asked = asking('reseller_admin');
    expect(await w.call('payments:get', { paymentId: 'pay_1' })).toEqual({
      ok: true,
      value: { kind: 'payment', payment: named },
    });
    // Kept: the next look reads the cache.
    expect(await w.call('payments:get', { paymentId: 'pay_1' })).toEqual({
      ok: true,
      value: { kind: 'payment', payment: named },
    });
    expect(asked).toEqual(['pay_1']);

    w.close();
    w = world('support_agent', { payment: () => Promise.reject(new NetworkError('offline')) });
    toldByFeed();
    expect(await w.call('payments:get', { paymentId: 'pay_1' })).toEqual({
      ok: true,
      value: { kind: 'payment', payment: unnamed },
    });
  });

  it('its customer reads what the feed said, and the API is not asked', async () => {
    const asked = asking('customer');
    expect(await w.call('payments:get', { paymentId: 'pay_1' })).toEqual({
      ok: true,
      value: { kind: 'payment', payment: unnamed },
    });
    expect(asked).toEqual([]);
  });
});
