import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../support/databases.js';
import { call, key, type Reply } from '../../support/api.js';
import { createPaymentTenant, paymentRows, type PaymentTenant } from '../../support/payment-records.js';
import { startPaymentsApi, type PaymentsApi } from '../../support/payments.js';
import {
  idOf,
  isBearer,
  label,
  mayCall,
  missingId,
  otherIdOf,
  ROUTES,
  sendsKey,
  type IdKind,
  type Role,
  type RouteCase,
} from '../../support/routes.js';
import { expectRefusal, ok, tenantState } from '../../support/tenants.js';

/**
 * Every route that takes an id, called by every role of reseller A with an id of reseller B's: the
 * answer must be exactly the one for an id that does not exist at all, and B must not change.
 */
const ID_ROUTES = ROUTES.filter((r) => r.idKind && isBearer(r));
const ROLES = ['admin', 'support', 'customer'] as const satisfies readonly Role[];

/** What A's role gets, for B's id as for a missing one. */
function expected(role: Role, r: RouteCase): [number, string, string?] {
  if (!mayCall(role, r)) return [403, 'forbidden'];
  // Ids in a body are named by their field; ids in the path by "id".
  const inBody = ['/v1/api-keys', '/v1/users', '/v1/tickets'];
  const field = inBody.includes(r.route)
    ? 'customerId'
    : r.route === '/v1/bank-lines/apply'
      ? 'target.id'
      : 'id';
  return [404, 'not_found', field];
}

describe.each(DIALECTS)('tenant isolation on %s', (dialect) => {
  let api: PaymentsApi;
  let a: PaymentTenant;
  let b: PaymentTenant;
  let bBefore: Awaited<ReturnType<typeof tenantState>>;
  let bRowsBefore: Awaited<ReturnType<typeof paymentRows>>;

  /** Built from A's records (a body's other ids), whoever's `id` is in the path. */
  const send = (r: RouteCase, token: string, id: string): Promise<Reply<any>> => {
    const { url, body } = r.request(id, a);
    return call(api.app, r.method, url, {
      token,
      ...(body === undefined ? {} : { body }),
      ...(sendsKey(r) ? { key: key() } : {}),
    });
  };
  /** B's rows of every payment table (A's sweep may write A's own idempotency records and refusals). */
  const bRows = async () =>
    Object.fromEntries(
      Object.entries(await paymentRows(api.db.store)).map(([table, rows]) => [
        table,
        rows.filter((row) => String(row).includes(b.resellerId)),
      ]),
    );
  /** B's id and a never-issued id of the same kind must get one and the same answer. */
  async function sameAsMissing(r: RouteCase, token: string, foreignId: string) {
    const foreign = await send(r, token, foreignId);
    const missing = await send(r, token, missingId(r.idKind!));
    expect(foreign.status).toBe(missing.status);
    expect(foreign.body).toStrictEqual(missing.body);
    return foreign;
  }

  beforeAll(async () => {
    api = await startPaymentsApi(dialect);
    a = await createPaymentTenant(api.app, api.db.store, 'Acme');
    b = await createPaymentTenant(api.app, api.db.store, 'Bravo');
    bBefore = await tenantState(api.app, b.admin);
    bRowsBefore = await bRows();
  });
  afterAll(() => api.close());

  it('the sweep covers every route that takes an id', () => {
    const withId = ROUTES.filter((r) => r.route.includes('{id}')).map(label);
    // Four writes take their id in the body: a customer's API key, a customer's login, a ticket, and
    // the invoice or top-up a bank line pays.
    const inBody = ['POST /v1/api-keys', 'POST /v1/users', 'POST /v1/tickets', 'POST /v1/bank-lines/apply'];
    expect(ID_ROUTES.map(label).sort()).toEqual([...withId, ...inBody].sort());
    expect(ID_ROUTES.length).toBeGreaterThanOrEqual(31);
  });

  describe.each(ROLES)("A's %s with B's ids", (role) => {
    it.each(ID_ROUTES.map((r) => [label(r), r] as const))('%s: as if the id did not exist', async (_, r) => {
      const token = a[role];
      const reply = await sameAsMissing(r, token, idOf(b, r.idKind!));
      expectRefusal(reply, ...expected(role, r));
    });
  });

  describe("A's customer with the ids of another customer of A", () => {
    it.each(
      ID_ROUTES.filter((r) => r.idKind !== 'apiKey' && r.idKind !== 'user').map(
        (r) => [label(r), r] as const,
      ),
    )('%s: as if the id did not exist', async (_, r) => {
      const reply = await sameAsMissing(
        r,
        a.customer,
        otherIdOf(a, r.idKind as Exclude<IdKind, 'apiKey' | 'user'>),
      );
      expectRefusal(reply, ...expected('customer', r));
    });
  });

  it("the same requests with A's own ids do answer (the refusals above are about whose ids they are)", async () => {
    for (const r of ID_ROUTES.filter((r) => r.method === 'GET')) {
      for (const role of ROLES) {
        const reply = await send(r, a[role], idOf(a, r.idKind!));
        expect.soft(reply.status, `${role} ${label(r)}`).toBe(mayCall(role, r) ? 200 : 403);
      }
    }
  });

  it("B's data is unchanged after the whole sweep, and B's credentials still work", async () => {
    expect(await tenantState(api.app, b.admin)).toEqual(bBefore);
    expect(await bRows()).toEqual(bRowsBefore);
    for (const token of [b.admin, b.support, b.customer]) {
      expect((await call(api.app, 'GET', '/v1/me', { token })).status).toBe(200);
    }
    expect(bBefore.apiKeys.find((k: any) => k.id === b.apiKeyId)).toMatchObject({ revokedAt: null });
  });

  it("lists hold only the caller's own tenant: customers, users, API keys", async () => {
    const aCustomers = (await ok(call(api.app, 'GET', '/v1/customers?limit=500', { token: a.support })))
      .items;
    expect(aCustomers.map((c: any) => c.id).sort()).toEqual([a.customerId, a.otherCustomerId].sort());
    for (const [url, field] of [
      ['/v1/users', 'email'],
      ['/v1/api-keys', 'id'],
    ] as const) {
      const mine = (await ok(call(api.app, 'GET', url, { token: a.admin }))).items.map((x: any) => x[field]);
      const theirs = (await ok(call(api.app, 'GET', url, { token: b.admin }))).items.map(
        (x: any) => x[field],
      );
      expect(mine.filter((x: string) => theirs.includes(x))).toEqual([]);
    }
    // A search for B's customer's name finds nothing in A.
    const search = await ok(
      call(api.app, 'GET', `/v1/customers?query=${encodeURIComponent('Bravo customer')}`, { token: a.admin }),
    );
    expect(search.items).toEqual([]);
  });
});
