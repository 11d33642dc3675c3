import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../support/databases.js';
import { call, key, seedReseller, startApi, type TestApi } from '../../support/api.js';
import { expectRefusal, manualClock, ok } from '../../support/tenants.js';

const MINUTE = 60_000;

describe.each(DIALECTS)('wallet history on %s', (dialect) => {
  let api: TestApi;
  let admin: string;
  let walletId: string;
  /** Every row written, oldest first, as the movement routes answered them. */
  const written: any[] = [];
  const clock = manualClock('2030-03-01T00:00:00.000Z');
  const at = (minutes: number) =>
    new Date(Date.parse('2030-03-01T00:00:00.000Z') + minutes * MINUTE).toISOString();

  const list = async (query = '') =>
    ok(call(api.app, 'GET', `/v1/wallets/${walletId}/transactions${query}`, { token: admin }));
  const ids = (rows: any[]) => rows.map((r) => r.id);

  beforeAll(async () => {
    api = await startApi(dialect, { clock: clock.now });
    admin = (await seedReseller(api.app)).admin;
    const customer = await ok(
      call(api.app, 'POST', '/v1/customers', { token: admin, body: { name: 'H', email: 'h@example.com' } }),
    );
    // Minute 0: the initial balance.
    const wallet = await ok(
      call(api.app, 'POST', `/v1/customers/${customer.id}/wallets`, {
        token: admin,
        body: { currency: 'USD', initialBalance: 10_000 },
        key: key('wallet'),
      }),
    );
    walletId = wallet.id;
    written.push(...(await list()).items);
    const move = async (url: string, body: unknown) => {
      clock.advance(MINUTE);
      const reply = await ok(call(api.app, 'POST', url, { token: admin, key: key(), body }));
      written.push(reply.transaction);
      return reply.transaction;
    };
    // Minutes 1..8, one row each.
    await move(`/v1/wallets/${walletId}/credits`, { amount: 500, description: 'Top-up 1' });
    const p1 = await move(`/v1/wallets/${walletId}/debits`, { amount: 1_000, description: 'Order 1' });
    await move(`/v1/wallets/${walletId}/adjustments`, { amount: 25, reason: 'Goodwill' });
    await move(`/v1/wallets/${walletId}/debits`, { amount: 2_000, description: 'Order 2' });
    await move(`/v1/wallet-transactions/${p1.id}/refunds`, { amount: 400, reason: 'Partial refund' });
    await move(`/v1/wallets/${walletId}/credits`, { amount: 700, description: 'Top-up 2' });
    await move(`/v1/wallets/${walletId}/debits`, { amount: 300, description: 'Order 3' });
    await move(`/v1/wallets/${walletId}/adjustments`, { amount: -5, reason: 'Fee' });
  });
  afterAll(() => api.close());

  it('GET /v1/wallets/:id/transactions lists every row, newest first', async () => {
    const page = await list();
    expect(page.nextCursor).toBeNull();
    expect(page.items).toEqual([...written].reverse());
    expect(page.items.map((r: any) => r.createdAt)).toEqual([8, 7, 6, 5, 4, 3, 2, 1, 0].map(at));
  });

  it('GET /v1/wallet-transactions/:id returns one row as the list shows it', async () => {
    for (const row of written) {
      expect(await ok(call(api.app, 'GET', `/v1/wallet-transactions/${row.id}`, { token: admin }))).toEqual(
        row,
      );
    }
    expectRefusal(
      await call(api.app, 'GET', '/v1/wallet-transactions/txn_missing', { token: admin }),
      404,
      'not_found',
      'id',
    );
  });

  it('filters by type', async () => {
    for (const type of ['credit', 'payment', 'refund', 'adjustment']) {
      const page = await list(`?type=${type}`);
      expect(ids(page.items)).toEqual(ids([...written].reverse().filter((r) => r.type === type)));
      expect(page.items.length).toBeGreaterThan(0);
    }
    // Merchant credits (and the initial balance) are no gateway top-up: this wallet has none.
    expect((await list('?type=top_up')).items).toEqual([]);
  });

  it('filters by time: from is inclusive, to is exclusive', async () => {
    expect(ids((await list(`?from=${at(3)}`)).items)).toEqual(ids(written.slice(3).reverse()));
    expect(ids((await list(`?to=${at(3)}`)).items)).toEqual(ids(written.slice(0, 3).reverse()));
    expect(ids((await list(`?from=${at(2)}&to=${at(5)}`)).items)).toEqual(ids(written.slice(2, 5).reverse()));
    // A point between two rows, with fewer fraction digits than stored.
    expect(ids((await list(`?from=2030-03-01T00:07:30Z`)).items)).toEqual(ids(written.slice(8).reverse()));
    expect((await list(`?from=${at(9)}`)).items).toEqual([]);
    expect(ids((await list(`?type=payment&from=${at(3)}`)).items)).toEqual(
      ids(
        written
          .slice(3)
          .filter((r) => r.type === 'payment')
          .reverse(),
      ),
    );
  });

  it('the cursor walks every row exactly once, newest first, with and without filters', async () => {
    for (const [filter, expected] of [
      ['', [...written].reverse()],
      ['&type=payment', [...written].reverse().filter((r) => r.type === 'payment')],
      [`&from=${at(1)}&to=${at(8)}`, written.slice(1, 8).reverse()],
    ] as const) {
      const seen: any[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const page: any = await list(`?limit=2${filter}${cursor ? `&cursor=${cursor}` : ''}`);
        expect(page.items.length).toBeLessThanOrEqual(2);
        seen.push(...page.items);
        cursor = page.nextCursor;
        pages++;
      } while (cursor);
      expect(ids(seen)).toEqual(ids(expected));
      expect(pages).toBe(Math.ceil(expected.length / 2));
    }
  });

  it('refuses bad filters and foreign cursors with the field named', async () => {
    const bad = (query: string) =>
      call(api.app, 'GET', `/v1/wallets/${walletId}/transactions${query}`, { token: admin });
    expectRefusal(await bad('?type=gift'), 400, 'validation', 'type');
    expectRefusal(await bad('?from=yesterday'), 400, 'validation', 'from');
    expectRefusal(await bad('?to=2030-02-30T00:00:00Z'), 400, 'validation', 'to');
    expectRefusal(await bad('?limit=0'), 400, 'validation', 'limit');
    expectRefusal(await bad('?limit=501'), 400, 'validation', 'limit');
    expectRefusal(await bad('?cursor=not-a-cursor'), 400, 'validation', 'cursor');
    // A cursor of the customer list (two strings) is not a history cursor (one version number).
    const customers = await ok(call(api.app, 'GET', '/v1/customers?limit=1', { token: admin }));
    expectRefusal(await bad(`?cursor=${customers.nextCursor}`), 400, 'validation', 'cursor');
    const stringVersion = Buffer.from(JSON.stringify(['7'])).toString('base64url');
    expectRefusal(await bad(`?cursor=${stringVersion}`), 400, 'validation', 'cursor');
    expectRefusal(await bad('?page=2'), 400, 'validation', 'page');
  });
});
