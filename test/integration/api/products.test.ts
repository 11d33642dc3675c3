import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, key, startApi, type TestApi } from '../../support/api.js';
import { DIALECTS } from '../../support/databases.js';
import { createTenant, expectRefusal, ok, type Tenant } from '../../support/tenants.js';

/**
 * The catalog as staff keep it (the desktop's Catalog screen calls these): a product is edited —
 * name, description, prices per currency, billing period, on sale or not — and the change applies
 * to new orders only; a running subscription keeps the price and period it started on.
 */
describe.each(DIALECTS)('editing the catalog on %s', (dialect) => {
  let api: TestApi;
  let t: Tenant;
  beforeAll(async () => {
    api = await startApi(dialect);
    t = await createTenant(api.app, 'Catalogco');
  });
  afterAll(() => api.close());

  const as = (token: string, method: 'GET' | 'POST' | 'PATCH', url: string, body?: unknown) =>
    call(api.app, method, url, { token, key: key(), ...(body === undefined ? {} : { body }) });

  it('a new period and price apply to new orders; the running subscription keeps its own', async () => {
    const product = await ok(
      as(t.admin, 'POST', '/v1/products', { name: 'VPS', prices: { USD: 1_000, JPY: 150 }, period: 'month' }),
    );
    const first = await ok(
      as(t.admin, 'POST', `/v1/customers/${t.customerId}/orders`, {
        productId: product.id,
        quantity: 1,
        currency: 'USD',
      }),
    );
    const edited = await ok(
      as(t.admin, 'PATCH', `/v1/products/${product.id}`, {
        name: 'VPS yearly',
        description: 'Billed once a year',
        prices: { USD: 10_000 },
        period: 'year',
      }),
    );
    expect(edited).toMatchObject({
      name: 'VPS yearly',
      description: 'Billed once a year',
      prices: { USD: 10_000 },
      period: 'year',
      active: true,
    });
    const second = await ok(
      as(t.admin, 'POST', `/v1/customers/${t.customerId}/orders`, {
        productId: product.id,
        quantity: 1,
        currency: 'USD',
      }),
    );
    expect(second.order.total).toBe(10_000);
    const before = await ok(as(t.admin, 'GET', `/v1/subscriptions/${first.order.subscriptionId}`));
    const after = await ok(as(t.admin, 'GET', `/v1/subscriptions/${second.order.subscriptionId}`));
    expect(before).toMatchObject({ period: 'month', amount: 1_000 });
    expect(after).toMatchObject({ period: 'year', amount: 10_000 });
    // JPY is no longer sold.
    expectRefusal(
      await as(t.admin, 'POST', `/v1/customers/${t.customerId}/orders`, {
        productId: product.id,
        quantity: 1,
        currency: 'JPY',
      }),
      400,
      'validation',
      'currency',
    );
  });

  it('taken off sale: customers no longer see it, staff do; bad edits name the field and change nothing', async () => {
    const product = await ok(
      as(t.admin, 'POST', '/v1/products', { name: 'Proxy', prices: { USD: 300 }, period: 'none' }),
    );
    await ok(as(t.admin, 'PATCH', `/v1/products/${product.id}`, { active: false }));
    const seen = async (token: string) =>
      (await ok(as(token, 'GET', '/v1/products?limit=100'))).items.map((p: any) => p.id);
    expect(await seen(t.customer)).not.toContain(product.id);
    expect(await seen(t.support)).toContain(product.id);

    const patch = (body: unknown) => as(t.admin, 'PATCH', `/v1/products/${product.id}`, body);
    expectRefusal(await patch({ prices: { USD: 0 } }), 400, 'validation', 'prices.USD');
    expectRefusal(await patch({ prices: { XXX: 100 } }), 400, 'validation', 'prices.XXX');
    expectRefusal(await patch({ name: '  ' }), 400, 'validation', 'name');
    expectRefusal(await patch({ period: 'week' }), 400, 'validation', 'period');
    expectRefusal(await patch({ price: 100 }), 400, 'validation', 'price');
    for (const token of [t.support, t.customer]) {
      const refused = await as(token, 'PATCH', `/v1/products/${product.id}`, { name: 'Mine' });
      expectRefusal(refused, 403, 'forbidden');
    }
    await ok(patch({ active: false }));
    const now = (await ok(as(t.admin, 'GET', '/v1/products?limit=100'))).items.find(
      (p: any) => p.id === product.id,
    );
    expect(now).toMatchObject({ name: 'Proxy', prices: { USD: 300 }, period: 'none', active: false });
  });
});
