import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../support/databases.js';
import { call, key, OPERATOR_TOKEN, startApi, type TestApi } from '../../support/api.js';
import { everything, expectRefusal, listAll, manualClock, ok, PASSWORD } from '../../support/tenants.js';

describe.each(DIALECTS)('customers on %s', (dialect) => {
  let api: TestApi;
  let admin: string;
  const clock = manualClock();

  /** Each test gets its own reseller, so that lists hold exactly what the test created. */
  async function freshReseller(): Promise<string> {
    const reseller = await ok(
      call(api.app, 'POST', '/v1/resellers', {
        token: OPERATOR_TOKEN,
        body: { name: 'Acme', adminEmail: `admin-${key()}@example.com`, adminPassword: PASSWORD },
      }),
    );
    return reseller.apiKey;
  }
  const create = (token: string, body: Record<string, unknown>) =>
    call(api.app, 'POST', '/v1/customers', { token, body });

  beforeAll(async () => {
    api = await startApi(dialect, { clock: clock.now });
    admin = await freshReseller();
  });
  afterAll(() => api.close());

  it('POST /v1/customers creates a customer: trimmed name, lower-cased email, GET returns it', async () => {
    const reply = await create(admin, {
      name: '  Lan Nguyen ',
      email: 'Lan@Example.COM',
      externalRef: 'crm-1',
    });
    expect(reply.status).toBe(201);
    expect(reply.body).toStrictEqual({
      id: expect.stringMatching(/^cus_/),
      name: 'Lan Nguyen',
      email: 'lan@example.com',
      externalRef: 'crm-1',
      language: null,
      languageSetBy: null,
      createdAt: clock.iso(),
      updatedAt: clock.iso(),
    });
    const got = await call(api.app, 'GET', `/v1/customers/${reply.body.id}`, { token: admin });
    expect(got).toMatchObject({ status: 200, body: reply.body });
    const bare = await ok(create(admin, { name: 'No Ref', email: 'noref@example.com' }));
    expect(bare.externalRef).toBeNull();
  });

  it('PATCH /v1/customers/:id changes only what it is sent, and can clear the external reference', async () => {
    const made = await ok(
      create(admin, { name: 'Before', email: 'before@example.com', externalRef: 'crm-2' }),
    );
    clock.advance(60_000);
    const renamed = await call(api.app, 'PATCH', `/v1/customers/${made.id}`, {
      token: admin,
      body: { name: 'After' },
    });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toStrictEqual({ ...made, name: 'After', updatedAt: clock.iso() });
    const cleared = await ok(
      call(api.app, 'PATCH', `/v1/customers/${made.id}`, { token: admin, body: { externalRef: null } }),
    );
    expect(cleared.externalRef).toBeNull();
    expect(await ok(call(api.app, 'GET', `/v1/customers/${made.id}`, { token: admin }))).toEqual(cleared);
  });

  it('an external reference belongs to one customer of a reseller: create and patch get 409', async () => {
    const token = await freshReseller();
    const first = await ok(create(token, { name: 'One', email: 'one@example.com', externalRef: 'dup' }));
    const second = await ok(create(token, { name: 'Two', email: 'two@example.com' }));
    const before = await everything(api.app, api.db.store, token);

    expectRefusal(
      await create(token, { name: 'Three', email: 'three@example.com', externalRef: 'dup' }),
      409,
      'conflict',
      'externalRef',
    );
    expectRefusal(
      await call(api.app, 'PATCH', `/v1/customers/${second.id}`, { token, body: { externalRef: 'dup' } }),
      409,
      'conflict',
      'externalRef',
    );
    expect(await everything(api.app, api.db.store, token)).toEqual(before);
    // Setting a customer's own reference again is not a conflict.
    expect(
      (await call(api.app, 'PATCH', `/v1/customers/${first.id}`, { token, body: { externalRef: 'dup' } }))
        .status,
    ).toBe(200);
    // Another reseller may use the same reference.
    expect(
      (await create(admin, { name: 'Elsewhere', email: 'e@example.com', externalRef: 'dup' })).status,
    ).toBe(201);
  });

  it('PATCH refuses an empty change and an unknown customer, writing nothing', async () => {
    const made = await ok(create(admin, { name: 'Stay', email: 'stay@example.com' }));
    const before = await everything(api.app, api.db.store, admin);
    expectRefusal(
      await call(api.app, 'PATCH', `/v1/customers/${made.id}`, { token: admin, body: {} }),
      400,
      'validation',
      'body',
    );
    expectRefusal(
      await call(api.app, 'PATCH', '/v1/customers/cus_missing', { token: admin, body: { name: 'X' } }),
      404,
      'not_found',
      'id',
    );
    expectRefusal(
      await call(api.app, 'GET', '/v1/customers/cus_missing', { token: admin }),
      404,
      'not_found',
      'id',
    );
    expect(await everything(api.app, api.db.store, admin)).toEqual(before);
  });

  it('GET /v1/customers?query= searches name, email and external reference, case-insensitively', async () => {
    const token = await freshReseller();
    const ids: Record<string, string> = {};
    for (const [name, email, externalRef] of [
      ['Minh Tran', 'minh@hosting.vn', 'VN-100'],
      ['Sarah Connor', 'sarah@skynet.example', 'US-200'],
      ['Percent 100% Ltd', 'percent@example.com', 'under_score'],
      ['Plain Person', 'plain@example.com', 'PLAIN'],
    ] as const) {
      ids[name] = (await ok(create(token, { name, email, externalRef }))).id;
    }
    const search = async (query: string) =>
      (await listAll(api.app, token, `/v1/customers?query=${encodeURIComponent(query)}`))
        .map((c) => c.id)
        .sort();

    expect(await search('minh tran')).toEqual([ids['Minh Tran']]);
    expect(await search('SKYNET')).toEqual([ids['Sarah Connor']]);
    expect(await search('vn-1')).toEqual([ids['Minh Tran']]);
    expect(await search('  us-200  ')).toEqual([ids['Sarah Connor']]);
    // LIKE wildcards are searched for literally: they match themselves, not any text.
    expect(await search('100%')).toEqual([ids['Percent 100% Ltd']]);
    expect(await search('under_score')).toEqual([ids['Percent 100% Ltd']]);
    expect(await search('sarah%connor')).toEqual([]);
    expect(await search('minh_tran')).toEqual([]);
    expect(await search('nobody')).toEqual([]);
    expect(await search('')).toEqual(Object.values(ids).sort());
  });

  it('cursor pagination returns every customer exactly once, newest first, even with equal timestamps', async () => {
    const token = await freshReseller();
    const made: string[] = [];
    for (let i = 0; i < 23; i++) {
      // Groups of five share one created_at: the cursor must break ties by id.
      if (i % 5 === 0) clock.advance(1000);
      made.push((await ok(create(token, { name: `Bulk ${i}`, email: `bulk${i}@example.com` }))).id);
    }
    const pages: string[][] = [];
    let cursor: string | null = null;
    do {
      const page: any = await ok(
        call(api.app, 'GET', `/v1/customers?limit=4${cursor ? `&cursor=${cursor}` : ''}`, { token }),
      );
      expect(page.items.length).toBeLessThanOrEqual(4);
      pages.push(page.items.map((c: any) => c.id));
      cursor = page.nextCursor;
    } while (cursor);

    const seen = pages.flat();
    expect(pages).toHaveLength(6);
    expect(new Set(seen).size).toBe(seen.length);
    expect([...seen].sort()).toEqual([...made].sort());
    const all = await listAll(api.app, token, '/v1/customers?limit=500');
    expect(all.map((c) => c.id)).toEqual(seen);
    const order = all.map((c) => `${c.createdAt}|${c.id}`);
    expect(order).toEqual([...order].sort().reverse());
  });

  it('pagination and search combine: every match exactly once', async () => {
    const token = await freshReseller();
    const matches: string[] = [];
    for (let i = 0; i < 12; i++) {
      const c = await ok(
        create(token, { name: i % 2 ? `Gold ${i}` : `Silver ${i}`, email: `m${i}@example.com` }),
      );
      if (i % 2) matches.push(c.id);
    }
    const found = await listAll(api.app, token, '/v1/customers?query=gold&limit=2');
    expect(found.map((c) => c.id).sort()).toEqual(matches.sort());
  });
});
