import { feedPage } from '../sync/feed-page.js';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Payment } from '../../shared/api/payments.js';
import type { Session } from '../../shared/ipc-contract.js';
import type { ApiClient } from '../api/client.js';
import { cacheMigrations } from '../cache/cache-migrations.js';
import { CacheStore } from '../cache/cache-store.js';
import { migrate } from '../cache/migrate.js';
import { outboxMigrations } from '../outbox/outbox-migrations.js';
import { OutboxStore } from '../outbox/outbox-store.js';
import type { SessionManager } from '../session/session-manager.js';
import { SyncEngine } from '../sync/engine.js';
import { createDispatcher, type Handlers } from './handle.js';
import { createHandlers } from './handlers.js';

const ACCOUNT = 'http://127.0.0.1:1|rsl_1|key_1';
const NOW = '2030-01-01T00:00:00.000Z';

const payment = (patch: Partial<Payment> = {}): Payment => ({
  id: 'pay_1',
  walletId: 'wal_1',
  customerId: 'cus_1',
  payerId: null,
  provider: 'sandbox',
  amount: 2_500,
  currency: 'USD',
  status: 'new',
  underpaid: false,
  overpaid: false,
  fee: 0,
  totalAmount: 2_500,
  checkout: { kind: 'redirect', url: 'http://127.0.0.1:4000/sandbox/checkout/pay_1', expiresAt: NOW },
  savedMethodId: null,
  savesMethodId: null,
  providerReference: null,
  transactionId: null,
  topUpLinkId: null,
  failureReason: null,
  test: true,
  expiresAt: NOW,
  paidAt: null,
  createdAt: NOW,
  updatedAt: NOW,
  ...patch,
});

/** The cache, outbox and handlers over in-memory databases, signed in with `role`, no network. */
function world(role: Session['role'], client: Partial<ApiClient> = {}) {
  const cacheDb = new BetterSqlite3(':memory:');
  migrate(cacheDb, cacheMigrations);
  const outboxDb = new BetterSqlite3(':memory:');
  migrate(outboxDb, outboxMigrations);
  const cache = new CacheStore(cacheDb);
  const outbox = new OutboxStore(outboxDb);
  cache.applyPage(
    feedPage(
      [
        {
          seq: 1,
          id: 'wal_1',
          op: 'create',
          entity: 'wallet',
          data: {
            id: 'wal_1',
            customerId: 'cus_1',
            currency: 'USD',
            status: 'active',
            balance: 1_000,
            pendingCharges: 0,
            availableBalance: 1_000,
            createdAt: NOW,
            updatedAt: NOW,
          },
        },
      ],
      1,
    ),
  );
  const session = {
    signedIn: () => ({ account: ACCOUNT, client: client as ApiClient }),
    get: () => ({ role, apiUrl: 'http://127.0.0.1:1' }) as Session,
  } as unknown as SessionManager;
  let engine: SyncEngine | null = null;
  const stored: string[] = [];
  const handlers: Handlers = createHandlers({
    session,
    cache,
    outbox,
    engine: () => engine,
    openExternal: async () => true,
    now: () => new Date(NOW),
    paymentsStored: () => stored.push('payments'),
    trustedOrigins: () => ['http://127.0.0.1:4000'],
  });
  const dispatch = createDispatcher(handlers, () => true);
  return {
    cache,
    outbox,
    stored,
    call: (channel: string, input: unknown) => dispatch(null, channel, input),
    startEngine() {
      engine = new SyncEngine({
        cache,
        outbox,
        account: ACCOUNT,
        client: {
          ...client,
          // The live stream stays silent and the feed has nothing new: only the outbox has work.
          stream: () => new Promise(() => undefined),
          changes: async () => ({ changes: [], nextCursor: 1, hasMore: false }),
        } as unknown as ApiClient,
        onStatus: () => undefined,
        onTablesChanged: () => undefined,
      });
      engine.start();
      return engine;
    },
    close() {
      engine?.stop();
      cacheDb.close();
      outboxDb.close();
    },
  };
}

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
        summary: 'Top up $25.00 by Sandbox card',
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

  it('lists newest first, filtered by status, method and wallet', async () => {
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
