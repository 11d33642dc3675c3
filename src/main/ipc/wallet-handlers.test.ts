import { afterEach, describe, expect, it } from 'vitest';
import { created, handlerWorld, TEST_ACCOUNT, testCustomer, testWallet } from '../testing/handler-world.js';

/** Two customers, three wallets in two currencies, signed in as the reseller's admin. */
const world = () =>
  handlerWorld('reseller_admin', {
    changes: created(
      { entity: 'customer', data: testCustomer({ id: 'cus_1', name: 'Binh' }) },
      { entity: 'customer', data: testCustomer({ id: 'cus_2', name: 'An' }) },
      { entity: 'wallet', data: testWallet({ id: 'wal_1', customerId: 'cus_1', currency: 'USD' }) },
      { entity: 'wallet', data: testWallet({ id: 'wal_2', customerId: 'cus_1', currency: 'VND' }) },
      { entity: 'wallet', data: testWallet({ id: 'wal_3', customerId: 'cus_2', currency: 'VND' }) },
    ),
  });

let w: ReturnType<typeof world>;
afterEach(() => w?.close());

const ids = (result: unknown) =>
  (result as { value: Array<{ id: string }> }).value.map((wallet) => wallet.id);

describe('wallets:list and wallets:currencies', () => {
  it('reads only the wallets a screen names (queued ones by their local id), by customer name', async () => {
    w = world();
    const queued = await w.call('wallets:create', { customerId: 'cus_2', currency: 'EUR' });
    const localId = (queued as { value: { walletId: string } }).value.walletId;

    expect(ids(await w.call('wallets:list', {}))).toEqual(['wal_3', 'wal_1', 'wal_2', localId]);
    expect(ids(await w.call('wallets:list', { walletIds: ['wal_2', 'wal_3', 'wal_9'] }))).toEqual([
      'wal_3',
      'wal_2',
    ]);
    expect(await w.call('wallets:list', { walletIds: [localId, 'wal_1'] })).toMatchObject({
      ok: true,
      value: [
        { id: 'wal_1', customerName: 'Binh', pending: false },
        { id: localId, customerName: 'An', currency: 'EUR', pending: true },
      ],
    });
    // With a customer too: only that customer's among them.
    expect(ids(await w.call('wallets:list', { customerId: 'cus_1', walletIds: ['wal_2', 'wal_3'] }))).toEqual(
      ['wal_2'],
    );
  });

  it("reads the wallets of the customers a list shows, a customer's queued wallet too", async () => {
    w = world();
    const queued = await w.call('wallets:create', { customerId: 'cus_2', currency: 'EUR' });
    const localId = (queued as { value: { walletId: string } }).value.walletId;

    expect(ids(await w.call('wallets:list', { customerIds: ['cus_2'] }))).toEqual(['wal_3', localId]);
    expect(ids(await w.call('wallets:list', { customerIds: ['cus_1', 'cus_9'] }))).toEqual([
      'wal_1',
      'wal_2',
    ]);
    expect(
      await w.call('wallets:list', { customerIds: Array.from({ length: 501 }, (_, i) => `cus_${i}`) }),
    ).toMatchObject({ ok: false, error: { code: 'validation', field: 'customerIds' } });
  });

  it('names the field of a bad list of ids, and reads nothing', async () => {
    w = world();
    for (const [walletIds, field] of [
      [[], 'walletIds'],
      [Array.from({ length: 501 }, (_, i) => `wal_${i}`), 'walletIds'],
      [['wal_1', 7], 'walletIds.1'],
    ] as const) {
      expect(await w.call('wallets:list', { walletIds })).toMatchObject({
        ok: false,
        error: { code: 'validation', field },
      });
    }
  });

  it('lists the currencies the wallets are in, each once', async () => {
    w = world();
    expect(await w.call('wallets:currencies', {})).toEqual({ ok: true, value: ['USD', 'VND'] });
  });
});

describe('wallets:search', () => {
  const page = (result: unknown) =>
    (result as { value: { items: Array<{ id: string }>; total: number } }).value;
  const found = (result: unknown) => page(result).items.map((x) => x.id);

  it('pages every wallet by customer name, a queued one first on the first page and in the count', async () => {
    w = world();
    const queued = await w.call('wallets:create', { customerId: 'cus_2', currency: 'EUR' });
    const localId = (queued as { value: { walletId: string } }).value.walletId;

    const first = page(await w.call('wallets:search', { limit: 2 }));
    expect(first.items.map((x) => x.id)).toEqual([localId, 'wal_3', 'wal_1']);
    expect(first.total).toBe(4);
    // Past the last cached one shown (Binh's USD wallet), the rest; queued ones rode on the first page.
    const after = { customerName: 'Binh', customerId: 'cus_1', currency: 'USD' };
    expect(found(await w.call('wallets:search', { after, limit: 2 }))).toEqual(['wal_2']);
    // Text finds the customer or the currency, queued wallets too; `active` is where money can go now.
    expect(found(await w.call('wallets:search', { query: 'an' }))).toEqual([localId, 'wal_3']);
    expect(found(await w.call('wallets:search', { query: 'vnd' }))).toEqual(['wal_3', 'wal_2']);
    expect(found(await w.call('wallets:search', { query: 'eur' }))).toEqual([localId]);
    expect(found(await w.call('wallets:search', { currency: 'EUR', active: true }))).toEqual([]);
    expect(found(await w.call('wallets:search', { query: 'binh', currency: 'VND' }))).toEqual(['wal_2']);
  });

  it('names the field of a bad search, and reads nothing', async () => {
    w = world();
    for (const [input, field] of [
      [{ currency: 'XYZ' }, 'currency'],
      [{ limit: 201 }, 'limit'],
      [{ after: { customerName: 'Binh', currency: 'USD' } }, 'after.customerId'],
      [{ query: 'x'.repeat(201) }, 'query'],
      [{ active: 'yes' }, 'active'],
    ] as const) {
      expect(await w.call('wallets:search', input)).toMatchObject({
        ok: false,
        error: { code: 'validation', field },
      });
    }
  });
});

describe('wallets:create with an initial balance', () => {
  /** Acme's own USD limits: confirm above 1,000.00 USD, refuse above 10,000.00 USD. */
  const limited = () =>
    handlerWorld('reseller_admin', {
      client: {
        movementLimits: async () => ({
          items: [{ currency: 'USD', confirmAbove: 100_000, maxPerMovement: 1_000_000, custom: true }],
        }),
      },
      changes: created({ entity: 'customer', data: testCustomer({ id: 'cus_1', name: 'Binh' }) }),
    });
  const queued = () => w.outbox.list(TEST_ACCOUNT).map((i) => [i.kind, i.payload]);

  it('queues it with the wallet, which reads 0 until the server confirms it', async () => {
    w = limited();
    const reply = await w.call('wallets:create', {
      customerId: 'cus_1',
      currency: 'USD',
      initialBalance: 5_000,
    });
    expect(reply).toMatchObject({
      ok: true,
      value: {
        kind: 'wallet.create',
        payload: { currency: 'USD', initialBalance: 5_000 },
        summary: { key: 'walletCreate', values: { currency: 'USD', name: 'Binh', amount: 5_000 } },
      },
    });
    const localId = (reply as { value: { walletId: string } }).value.walletId;
    expect(await w.call('wallets:get', { walletId: localId })).toMatchObject({
      ok: true,
      value: { pending: true, balance: 0, availableBalance: 0, pendingInitialBalance: 5_000 },
    });
    expect(queued()).toEqual([['wallet.create', expect.objectContaining({ initialBalance: 5_000 })]]);
  });

  it('without one, the queued creation carries none', async () => {
    w = limited();
    await w.call('wallets:create', { customerId: 'cus_1', currency: 'USD' });
    expect(queued()).toEqual([
      ['wallet.create', expect.not.objectContaining({ initialBalance: expect.anything() })],
    ]);
  });

  it('refuses a bad amount naming the field, and queues nothing', async () => {
    w = limited();
    for (const initialBalance of [0, -5, 10.5, '10', 1e16]) {
      expect(
        await w.call('wallets:create', { customerId: 'cus_1', currency: 'USD', initialBalance }),
      ).toMatchObject({
        ok: false,
        error: { code: 'validation', field: 'initialBalance' },
      });
    }
    expect(queued()).toEqual([]);
  });

  it("holds it to the reseller's limits, as a merchant credit", async () => {
    w = limited();
    await w.call('movement-limits:get', {});
    const args = { customerId: 'cus_1', currency: 'USD' };
    expect(await w.call('wallets:create', { ...args, initialBalance: 500_000 })).toStrictEqual({
      ok: false,
      error: {
        code: 'confirmation_required',
        message: '5,000.00 USD is above your confirmation amount of 1,000.00 USD: confirm it first',
        field: 'initialBalance',
        reason: { key: 'movement_needs_confirmation', values: { confirmAbove: 100_000, currency: 'USD' } },
      },
    });
    expect(
      await w.call('wallets:create', { ...args, initialBalance: 1_000_001, confirmed: true }),
    ).toMatchObject({ ok: false, error: { code: 'movement_limit', field: 'initialBalance' } });
    expect(queued()).toEqual([]);
    expect(
      await w.call('wallets:create', { ...args, initialBalance: 500_000, confirmed: true }),
    ).toMatchObject({
      ok: true,
    });
    expect(queued()).toEqual([['wallet.create', expect.objectContaining({ initialBalance: 500_000 })]]);
  });

  it('a support agent cannot queue one', async () => {
    w = handlerWorld('support_agent', {
      changes: created({ entity: 'customer', data: testCustomer({ id: 'cus_1', name: 'Binh' }) }),
    });
    expect(
      await w.call('wallets:create', { customerId: 'cus_1', currency: 'USD', initialBalance: 100 }),
    ).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });
});
