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

  it('compact=true leaves out the wallet states a later entry of the same page supersedes, cursor unchanged', async () => {
    const tenant = await seedReseller(api.app, 'FeedCompact');
    const credits = [];
    for (const amount of [100, 200, 300]) {
      const credit = await call(api.app, 'POST', `/v1/wallets/${tenant.walletId}/credits`, {
        token: tenant.admin,
        key: key('feed-compact'),
        body: { amount, description: `Credit ${amount}` },
      });
      expect(credit.status).toBe(201);
      credits.push(credit.body);
    }
    const read = async (query: string) => {
      const reply = await call(api.app, 'GET', `/v1/sync/changes?${query}`, { token: tenant.admin });
      expect(reply.status).toBe(200);
      return changesResponse.parse(reply.body);
    };
    // The sequencer numbers committed changes just after the commit: wait until it has.
    const lastTxn = credits.at(-1)!.transaction.id;
    while (!(await read('limit=100')).changes.some((c) => c.id === lastTxn));

    const full = await read('limit=100');
    const compact = await read('limit=100&compact=true');
    const walletStates = (page: typeof full) => page.changes.filter((c) => c.entity === 'wallet');
    expect(walletStates(full).length).toBeGreaterThanOrEqual(4);
    // One wallet state left, the newest, at its own position; every other entry as it was.
    expect(walletStates(compact)).toEqual([walletStates(full).at(-1)]);
    expect(walletStates(compact)[0]!.data).toEqual(credits.at(-1)!.wallet);
    expect(compact.changes).toEqual(
      full.changes.filter((c) => c.entity !== 'wallet' || c === walletStates(full).at(-1)),
    );
    expect(compact).toMatchObject({ nextCursor: full.nextCursor, hasMore: false });

    // Page by page: each page folds only within itself, and its cursor is the last position it covered.
    const seqs = full.changes.map((c) => c.seq);
    const firstPage = await read('limit=3&compact=true');
    expect(firstPage).toMatchObject({ nextCursor: seqs[2], hasMore: true });
    expect(firstPage.changes.at(-1)!.seq).toBe(seqs[2]);
    const pages = [firstPage];
    while (pages.at(-1)!.hasMore)
      pages.push(await read(`cursor=${pages.at(-1)!.nextCursor}&limit=3&compact=true`));
    const paged = pages.flatMap((p) => p.changes);
    // Applied in order, the pages leave every entity as the whole feed does.
    const finalState = (changes: typeof paged) =>
      Object.fromEntries(changes.map((c) => [`${c.entity}:${c.id}`, c.data]));
    expect(finalState(paged)).toEqual(finalState(full.changes));
    expect(paged.filter((c) => c.entity === 'transaction')).toEqual(
      full.changes.filter((c) => c.entity === 'transaction'),
    );

    const refused = await call(api.app, 'GET', '/v1/sync/changes?compact=yes', { token: tenant.admin });
    expect(refused.status).toBe(400);
    expect(JSON.stringify(refused.body)).toMatch(/compact/);
  });
});
