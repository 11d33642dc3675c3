import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../support/databases.js';
import { call, key, seedReseller, startApi, type TestApi } from '../../support/api.js';
import { expectRefusal, ok, readFeed, settleFeed } from '../../support/tenants.js';

describe.each(DIALECTS)('GET /v1/sync/changes on %s', (dialect) => {
  let api: TestApi;
  let admin: string;
  let customerId: string;
  let walletId: string;

  const page = async (query: string) =>
    ok(call(api.app, 'GET', `/v1/sync/changes${query}`, { token: admin }));

  beforeAll(async () => {
    api = await startApi(dialect);
    ({ admin, customerId, walletId } = await seedReseller(api.app));
    await ok(
      call(api.app, 'POST', `/v1/wallets/${walletId}/debits`, {
        token: admin,
        key: key(),
        body: { amount: 2_500, description: 'Order' },
      }),
    );
    await ok(
      call(api.app, 'POST', `/v1/wallets/${walletId}/holds`, {
        token: admin,
        key: key(),
        body: { amount: 1_000, description: 'Renewal' },
      }),
    );
    await settleFeed(api.db.store);
  });
  afterAll(() => api.close());

  it('carries every write in order, each change holding the entity as its own GET route returns it', async () => {
    const changes = await readFeed(api.app, admin);
    const ops = (entity: string, id: string) =>
      changes.filter((c) => c.entity === entity && c.id === id).map((c) => c.op);
    expect(ops('customer', customerId)).toEqual(['create']);
    // The wallet was created, then moved by its initial balance, the debit and the hold.
    expect(ops('wallet', walletId)[0]).toBe('create');
    expect(
      ops('wallet', walletId)
        .slice(1)
        .every((op) => op === 'update'),
    ).toBe(true);
    expect(changes.filter((c) => c.entity === 'transaction').map((c) => c.op)).toEqual(['create', 'create']);
    expect(changes.filter((c) => c.entity === 'hold').map((c) => c.op)).toEqual(['create']);
    expect(changes[0]).toMatchObject({ entity: 'customer', id: customerId });
    const seqs = changes.map((c) => c.seq);
    expect(seqs).toEqual([...seqs].sort((x, y) => x - y));
    expect(new Set(seqs).size).toBe(seqs.length);

    const latest = new Map(changes.map((c) => [`${c.entity}:${c.id}`, c.data]));
    expect(latest.get(`customer:${customerId}`)).toEqual(
      await ok(call(api.app, 'GET', `/v1/customers/${customerId}`, { token: admin })),
    );
    expect(latest.get(`wallet:${walletId}`)).toEqual(
      await ok(call(api.app, 'GET', `/v1/wallets/${walletId}`, { token: admin })),
    );
    for (const row of (
      await ok(call(api.app, 'GET', `/v1/wallets/${walletId}/transactions`, { token: admin }))
    ).items) {
      expect(latest.get(`transaction:${row.id}`)).toEqual(row);
    }
    for (const hold of (await ok(call(api.app, 'GET', `/v1/wallets/${walletId}/holds`, { token: admin })))
      .items) {
      expect(latest.get(`hold:${hold.id}`)).toEqual(hold);
    }
  });

  it('pages by limit with hasMore, and the pages together are the whole feed', async () => {
    const whole = await readFeed(api.app, admin);
    const pages: any[] = [];
    let cursor = 0;
    for (;;) {
      const p = await page(`?cursor=${cursor}&limit=3`);
      expect(p.changes.length).toBeLessThanOrEqual(3);
      pages.push(...p.changes);
      expect(p.nextCursor).toBe(p.changes.at(-1)?.seq ?? cursor);
      if (!p.hasMore) break;
      cursor = p.nextCursor;
    }
    expect(pages).toEqual(whole);
  });

  it('from the end, the feed is empty until the next write, which it then holds alone', async () => {
    const end = (await readFeed(api.app, admin)).at(-1).seq;
    expect(await page(`?cursor=${end}`)).toEqual({ changes: [], nextCursor: end, hasMore: false });
    expect(await page(`?cursor=${end + 1000}`)).toEqual({
      changes: [],
      nextCursor: end + 1000,
      hasMore: false,
    });

    const renamed = await ok(
      call(api.app, 'PATCH', `/v1/customers/${customerId}`, { token: admin, body: { name: 'Renamed' } }),
    );
    await settleFeed(api.db.store);
    const next = await page(`?cursor=${end}`);
    expect(next.changes).toEqual([
      { seq: expect.any(Number), entity: 'customer', id: customerId, op: 'update', data: renamed },
    ]);
    expect(next.changes[0].seq).toBeGreaterThan(end);
  });

  it('refuses a bad cursor or limit, and a caller without a tenant', async () => {
    expectRefusal(
      await call(api.app, 'GET', '/v1/sync/changes?cursor=abc', { token: admin }),
      400,
      'validation',
      'cursor',
    );
    expectRefusal(
      await call(api.app, 'GET', '/v1/sync/changes?limit=0', { token: admin }),
      400,
      'validation',
      'limit',
    );
    expectRefusal(await call(api.app, 'GET', '/v1/sync/changes'), 401, 'unauthorized');
  });
});
