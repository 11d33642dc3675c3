import { describe, expect, it } from 'vitest';
import type { Session } from '../../shared/ipc-contract.js';
import { NetworkError, type ApiClient } from '../api/client.js';
import type { SessionManager } from '../session/session-manager.js';
import { createDispatcher, type Handlers } from './handle.js';
import type { HandlerContext } from './handler-context.js';
import { createOrderHandlers } from './order-handlers.js';

/** The order handlers over a recording fake API and a fake outbox that keeps what is queued. */
function world(role: Session['role'], client: Partial<ApiClient>, customerId: string | null = null) {
  const calls: Array<[string, unknown[]]> = [];
  const queued: unknown[] = [];
  const recording = new Proxy(client, {
    get: (target, name: string) => {
      const fn = (target as Record<string, unknown>)[name];
      if (typeof fn !== 'function') return fn;
      return (...args: unknown[]) => {
        calls.push([name, args]);
        return (fn as (...a: unknown[]) => unknown)(...args);
      };
    },
  });
  const session = {
    signedIn: () => ({ account: 'acct', client: recording as ApiClient }),
    get: () => ({ role, customerId }) as Session,
  } as unknown as SessionManager;
  const cache = {
    orderReads: {
      orders: (filter: unknown) => {
        calls.push(['cache.orders', [filter]]);
        return [];
      },
      order: (id: string) => {
        calls.push(['cache.order', [id]]);
        return null;
      },
      subscriptions: (...args: unknown[]) => {
        calls.push(['cache.subscriptions', args]);
        return [];
      },
    },
  };
  const context = {
    cache,
    session,
    real: (id: string) => id,
    engine: () => null,
    account: () => 'acct',
    enqueue: (intent: { kind: string; payload: unknown; summary: unknown }, options?: { who?: string }) => {
      if (!options?.who && role !== 'reseller_admin') throw new Error('only the writer queues by default');
      queued.push(intent);
      return {
        ...intent,
        id: `out_${queued.length}`,
        state: 'pending',
        customerId: null,
        walletId: null,
        currency: null,
        error: null,
        createdAt: '2030-01-01T00:00:00.000Z',
      };
    },
  } as unknown as HandlerContext;
  const dispatch = createDispatcher(
    createOrderHandlers(context) as unknown as Handlers,
    (s: string) => s === 'main',
  );
  return { calls, queued, call: (channel: string, input: unknown) => dispatch('main', channel, input) };
}

describe('order and subscription channels', () => {
  it('a customer lists only its own orders, and may not name another customer', async () => {
    const w = world('customer', {}, 'cus_me');
    expect(await w.call('orders:list', {})).toEqual({ ok: true, value: [] });
    expect(w.calls).toEqual([['cache.orders', [{ customerId: 'cus_me', status: undefined }]]]);
    expect(await w.call('orders:list', { customerId: 'cus_other' })).toMatchObject({
      ok: false,
      error: { code: 'forbidden', field: 'customerId' },
    });
  });

  it("an order's page reads the cache, for a support agent too; an id that cannot be one is named", async () => {
    const w = world('support_agent', {});
    expect(await w.call('orders:get', { orderId: 'ord_1' })).toEqual({ ok: true, value: null });
    expect(w.calls).toEqual([['cache.order', ['ord_1']]]);
    expect(await w.call('orders:get', { orderId: 'x'.repeat(200) })).toMatchObject({
      ok: false,
      error: { code: 'validation', field: 'orderId' },
    });
    expect(w.calls).toHaveLength(1);
  });

  it('renewals: a customer pages through its own live subscriptions; a bad page end is named, nothing read', async () => {
    const w = world('customer', {}, 'cus_me');
    const laterThan = { currentPeriodEnd: '2030-02-01T00:00:00.000Z', id: 'sub_9' };
    expect(await w.call('subscriptions:list', { live: true, laterThan, limit: 100 })).toEqual({
      ok: true,
      value: [],
    });
    expect(w.calls).toEqual([
      [
        'cache.subscriptions',
        [{ customerId: 'cus_me', live: true, renewingBefore: undefined }, 100, laterThan],
      ],
    ]);
    for (const [bad, field] of [
      [{ currentPeriodEnd: 'next month', id: 'sub_9' }, 'laterThan.currentPeriodEnd'],
      [{ currentPeriodEnd: '2030-02-01T00:00:00.000Z' }, 'laterThan.id'],
      [{ ...laterThan, createdAt: '2030-02-01T00:00:00.000Z' }, 'laterThan'],
    ] as const) {
      expect(await w.call('subscriptions:list', { laterThan: bad })).toMatchObject({
        ok: false,
        error: { code: 'validation', field },
      });
    }
    expect(await w.call('subscriptions:list', { customerId: 'cus_other' })).toMatchObject({
      ok: false,
      error: { code: 'forbidden', field: 'customerId' },
    });
    expect(w.calls).toHaveLength(1);
  });

  it('a support agent reads but may not place orders, refund or renew', async () => {
    const w = world('support_agent', {});
    for (const [channel, input] of [
      ['orders:place', { customerId: 'cus_1', productId: 'prd_1', quantity: 1, currency: 'USD' }],
      ['orders:batch-refund', { orderIds: ['ord_1'], reason: 'x', dryRun: true }],
      ['subscriptions:renew', { subscriptionId: 'sub_1' }],
      ['subscriptions:cancel', { subscriptionId: 'sub_1', productName: 'Plan' }],
    ] as const) {
      expect(await w.call(channel, input)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    expect(w.calls).toEqual([]);
  });

  it("the reseller admin places an order for its customer under the form's key: a second click sends the same key", async () => {
    const placed = { order: { id: 'ord_1' } };
    const w = world('reseller_admin', { placeOrder: async () => placed as never });
    const input = {
      customerId: 'cus_7',
      productId: 'prd_1',
      quantity: 2,
      currency: 'EUR',
      requestKey: 'idem_01JZ0000000000000000000001',
    };
    expect(await w.call('orders:place', input)).toEqual({ ok: true, value: placed });
    expect(await w.call('orders:place', input)).toEqual({ ok: true, value: placed });
    const sent = [
      'cus_7',
      { productId: 'prd_1', quantity: 2, currency: 'EUR' },
      'idem_01JZ0000000000000000000001',
    ];
    expect(w.calls).toEqual([
      ['placeOrder', sent],
      ['placeOrder', sent],
    ]);
    // Without one, each call is a new order with a key of its own.
    const { requestKey: _, ...keyless } = input;
    await w.call('orders:place', keyless);
    await w.call('orders:place', keyless);
    const keys = w.calls.slice(2).map(([, args]) => args[2]);
    expect(keys[0]).toMatch(/^idem_/);
    expect(keys[1]).not.toBe(keys[0]);
    // A key that could not be one is named, and nothing is sent.
    expect(await w.call('orders:place', { ...input, requestKey: 'short' })).toMatchObject({
      ok: false,
      error: { code: 'validation', field: 'requestKey' },
    });
    expect(w.calls).toHaveLength(4);
  });

  it("renew now under the console's key: a retry after the answer was lost pays one period, not two", async () => {
    // A fake API that charges once per Idempotency-Key; the first answer is lost on the way back.
    const charged = new Set<string>();
    const renewed = { subscription: { id: 'sub_1' } };
    let lose = true;
    const w = world(
      'customer',
      {
        renewSubscription: async (_id: string, key: string) => {
          charged.add(key);
          if (lose) {
            lose = false;
            throw new NetworkError('the connection dropped');
          }
          return renewed as never;
        },
      },
      'cus_me',
    );
    const input = { subscriptionId: 'sub_1', requestKey: 'idem_01JZ0000000000000000000003' };
    expect(await w.call('subscriptions:renew', input)).toMatchObject({
      ok: false,
      error: { code: 'offline' },
    });
    expect(await w.call('subscriptions:renew', input)).toEqual({ ok: true, value: renewed });
    expect([...charged]).toEqual(['idem_01JZ0000000000000000000003']);
    // A key that could not be one is named, and nothing is sent.
    expect(await w.call('subscriptions:renew', { ...input, requestKey: 'short' })).toMatchObject({
      ok: false,
      error: { code: 'validation', field: 'requestKey' },
    });
    expect(w.calls).toHaveLength(2);
  });

  it('a support agent may not place an order for a customer, even with a key of its own', async () => {
    const w = world('support_agent', { placeOrder: async () => ({}) as never });
    expect(
      await w.call('orders:place', {
        customerId: 'cus_7',
        productId: 'prd_1',
        quantity: 1,
        currency: 'USD',
        requestKey: 'idem_01JZ0000000000000000000002',
      }),
    ).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(w.calls).toEqual([]);
  });

  it('a fulfilment report and auto-renew off are queued in the outbox, not sent', async () => {
    const admin = world('reseller_admin', {});
    const fulfil = await admin.call('orders:fulfil', { orderId: 'ord_1', number: 'ORD-1', provisioned: 7 });
    expect(fulfil).toMatchObject({
      ok: true,
      value: {
        kind: 'order.fulfil',
        summary: { key: 'orderFulfil', values: { provisioned: 7, number: 'ORD-1' } },
      },
    });
    const customer = world('customer', {}, 'cus_me');
    const cancel = await customer.call('subscriptions:cancel', {
      subscriptionId: 'sub_1',
      productName: 'Plan',
    });
    expect(cancel).toMatchObject({
      ok: true,
      value: { kind: 'subscription.cancel', payload: { subscriptionId: 'sub_1' } },
    });
    expect(admin.calls).toEqual([]);
    expect(customer.calls).toEqual([]);
  });

  it('bad input names the field before the API is asked', async () => {
    const w = world('reseller_admin', {});
    expect(
      await w.call('orders:place', { customerId: 'cus_1', productId: 'prd_1', quantity: 0, currency: 'USD' }),
    ).toMatchObject({ ok: false, error: { code: 'validation', field: 'quantity' } });
    expect(
      await w.call('orders:fulfil', { orderId: 'ord_1', number: 'ORD-1', provisioned: -1 }),
    ).toMatchObject({
      ok: false,
      error: { code: 'validation', field: 'provisioned' },
    });
    expect(w.calls).toEqual([]);
  });

  it('placing an order offline is a clear offline refusal', async () => {
    const w = world(
      'customer',
      { placeOrder: async () => Promise.reject(new NetworkError('down')) },
      'cus_me',
    );
    expect(
      await w.call('orders:place', {
        customerId: 'cus_me',
        productId: 'prd_1',
        quantity: 1,
        currency: 'USD',
      }),
    ).toMatchObject({ ok: false, error: { code: 'offline' } });
  });

  it('the catalog: an admin adds and edits products; support agents and customers may not; fields named', async () => {
    const product = {
      id: 'prd_1',
      name: 'VPS',
      description: '',
      prices: { USD: 1_500, JPY: 200 },
      period: 'month',
      active: true,
      provisioningTimeoutMinutes: 60,
      createdAt: '2030-01-01T00:00:00.000Z',
      updatedAt: '2030-01-01T00:00:00.000Z',
    };
    const w = world('reseller_admin', {
      createProduct: async () => product as never,
      updateProduct: async () => ({ ...product, period: 'year' }) as never,
    });
    const body = { name: 'VPS', prices: { USD: 1_500, JPY: 200 }, period: 'month' };
    expect(await w.call('products:create', body)).toEqual({ ok: true, value: product });
    const changes = { period: 'year', active: false };
    expect(await w.call('products:update', { productId: 'prd_1', changes })).toMatchObject({
      ok: true,
      value: { period: 'year' },
    });
    expect(w.calls).toEqual([
      ['createProduct', [{ ...body, description: '', active: true, provisioningTimeoutMinutes: 60 }]],
      ['updateProduct', ['prd_1', changes]],
    ]);

    const bad = [
      [{ ...body, name: ' ' }, 'name'],
      [{ ...body, prices: {} }, 'prices'],
      [{ ...body, prices: { USD: 0 } }, 'prices.USD'],
      [{ ...body, period: 'week' }, 'period'],
    ] as const;
    for (const [input, field] of bad) {
      expect(await w.call('products:create', input)).toMatchObject({
        ok: false,
        error: { code: 'validation', field },
      });
    }
    expect(w.calls).toHaveLength(2);

    for (const role of ['support_agent', 'customer'] as const) {
      const other = world(role, {}, role === 'customer' ? 'cus_me' : null);
      expect(await other.call('products:create', body)).toMatchObject({
        ok: false,
        error: { code: 'forbidden' },
      });
      expect(await other.call('products:update', { productId: 'prd_1', changes })).toMatchObject({
        ok: false,
        error: { code: 'forbidden' },
      });
      expect(other.calls).toEqual([]);
    }
  });
});
