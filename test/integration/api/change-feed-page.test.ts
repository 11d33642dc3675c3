import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changesResponse, entityChangeSchema } from '../../../src/shared/api/sync.js';
import { call, key, seedReseller, startApi, type TestApi } from '../../support/api.js';
import { DIALECTS } from '../../support/databases.js';

/**
 * The feed page is JSON put together from the stored changes rather than serialised through its
 * response schema: it must still be exactly what that schema and each entity's own schema describe,
 * whatever the text inside the data, on both databases. Amounts are minor units of USD.
 */
describe.each(DIALECTS)('a change-feed page on %s', (dialect) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startApi(dialect);
  });
  afterAll(() => api.close());

  it('is valid JSON of the documented shape, each change equal to what its GET route answers', async () => {
    const tenant = await seedReseller(api.app, 'FeedPage');
    const awkward = 'Quote " backslash \\ tab \t line\u2028sep ünïcödé 😀';
    const customer = await call(api.app, 'PATCH', `/v1/customers/${tenant.customerId}`, {
      token: tenant.admin,
      body: { name: awkward },
    });
    expect(customer.status).toBe(200);
    const credit = await call(api.app, 'POST', `/v1/wallets/${tenant.walletId}/credits`, {
      token: tenant.admin,
      key: key('feed-page'),
      body: { amount: 1_234, description: awkward },
    });
    expect(credit.status).toBe(201);

    // The sequencer numbers committed changes just after the commit: wait until it has.
    const feed = () => call(api.app, 'GET', '/v1/sync/changes?limit=100', { token: tenant.admin });
    while (!JSON.stringify((await feed()).body).includes(credit.body.transaction.id));

    const page = await api.app.inject({
      method: 'GET',
      url: '/v1/sync/changes?cursor=0&limit=2',
      headers: { authorization: `Bearer ${tenant.admin}` },
    });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toBe('application/json; charset=utf-8');
    const first = changesResponse.parse(JSON.parse(page.body));
    expect(first.changes).toHaveLength(2);
    expect(first).toMatchObject({ nextCursor: first.changes[1]!.seq, hasMore: true });

    const rest = await call(api.app, 'GET', `/v1/sync/changes?cursor=${first.nextCursor}&limit=100`, {
      token: tenant.admin,
    });
    const all = [...first.changes, ...changesResponse.parse(rest.body).changes];
    expect(rest.body).toMatchObject({ hasMore: false, nextCursor: all.at(-1)!.seq });
    for (const change of all) expect(entityChangeSchema.safeParse(change).success).toBe(true);
    expect(all.map((c) => c.seq)).toEqual([...all.map((c) => c.seq)].sort((a, b) => a - b));

    const lastOf = (entity: string, id: string) => all.findLast((c) => c.entity === entity && c.id === id)!;
    expect(lastOf('customer', tenant.customerId).data).toEqual(customer.body);
    expect(lastOf('transaction', credit.body.transaction.id).data).toEqual(credit.body.transaction);
    expect(lastOf('wallet', tenant.walletId).data).toEqual(credit.body.wallet);

    const empty = await call(api.app, 'GET', `/v1/sync/changes?cursor=${all.at(-1)!.seq}`, {
      token: tenant.admin,
    });
    expect(empty.body).toEqual({ changes: [], nextCursor: all.at(-1)!.seq, hasMore: false });
  });
});
