import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../support/databases.js';
import { call, key, OPERATOR_TOKEN, startApi, type TestApi } from '../../support/api.js';
import { ok, PASSWORD } from '../../support/tenants.js';

/**
 * A body or query the API's schemas refuse says why as data too (`reason`), the way its other
 * refusals do, so a client words it in its person's language beside the field: empty, too long,
 * missing, of the wrong type, a number or an amount (minor units) out of range. A message a schema
 * wrote for one field (an unknown currency lists the allowed ones) says more, and carries none.
 */
describe.each(DIALECTS)("the API's refusal of a field, as data, on %s", (dialect) => {
  let api: TestApi;
  let admin: string;

  beforeAll(async () => {
    api = await startApi(dialect);
    const reseller = await ok(
      call(api.app, 'POST', '/v1/resellers', {
        token: OPERATOR_TOKEN,
        body: { name: 'Acme', adminEmail: `admin-${key()}@example.com`, adminPassword: PASSWORD },
      }),
    );
    admin = reseller.apiKey;
  });
  afterAll(() => api.close());

  const refusal = async (method: 'GET' | 'POST', url: string, body?: unknown) => {
    const reply = await call(api.app, method, url, { token: admin, body, key: key() });
    expect(reply.status, JSON.stringify(reply.body)).toBe(400);
    expect(reply.body.error.code).toBe('validation');
    return reply.body.error as { field?: string; reason?: unknown };
  };

  it('names the reason of a text field: too long, empty, missing, of the wrong type', async () => {
    const customer = { name: 'Công ty An Phát', email: 'ke-toan@anphat.vn' };
    expect(await refusal('POST', '/v1/customers', { ...customer, name: 'x'.repeat(201) })).toMatchObject({
      field: 'name',
      reason: { key: 'field_too_long', values: { max: 200 } },
    });
    expect(await refusal('POST', '/v1/customers', { ...customer, name: '  ' })).toMatchObject({
      field: 'name',
      reason: { key: 'field_empty', values: {} },
    });
    expect(await refusal('POST', '/v1/customers', { email: customer.email })).toMatchObject({
      field: 'name',
      reason: { key: 'field_required', values: {} },
    });
    expect(await refusal('POST', '/v1/customers', { ...customer, name: 42 })).toMatchObject({
      field: 'name',
      reason: { key: 'field_wrong_type', values: { expected: 'string' } },
    });
  });

  it('says a missing or blank email is required, and a malformed one is not an email address', async () => {
    const name = 'Công ty An Phát';
    const required = { field: 'email', reason: { key: 'field_required', values: {} } };
    expect(await refusal('POST', '/v1/customers', { name })).toMatchObject(required);
    expect(await refusal('POST', '/v1/customers', { name, email: '' })).toMatchObject(required);
    expect(await refusal('POST', '/v1/customers', { name, email: '   ' })).toMatchObject(required);
    expect(await refusal('POST', '/v1/customers', { name, email: 'ke-toan@' })).toMatchObject({
      field: 'email',
      reason: { key: 'field_not_email', values: {} },
    });
  });

  it('names a number that is not whole, and in what unit when the field counts days or minutes', async () => {
    const customer = await ok(
      call(api.app, 'POST', '/v1/customers', {
        token: admin,
        body: { name: 'Lan', email: `lan-${key()}@example.com` },
      }),
    );
    const wallet = await ok(
      call(api.app, 'POST', `/v1/customers/${customer.id}/wallets`, {
        token: admin,
        body: { currency: 'VND' },
        key: key(),
      }),
    );
    const alerts = `/v1/wallets/${wallet.id}/alert-settings`;
    const put = async (body: unknown) => {
      const reply = await call(api.app, 'PUT', alerts, { token: admin, body });
      expect(reply.status, JSON.stringify(reply.body)).toBe(400);
      return reply.body.error as { field?: string; reason?: unknown };
    };
    expect(await put({ runwayDays: 2.5, channels: ['desktop'] })).toMatchObject({
      field: 'runwayDays',
      reason: { key: 'number_not_whole', values: { unit: 'days' } },
    });
    expect(await put({ runwayDays: 0, channels: ['desktop'] })).toMatchObject({
      field: 'runwayDays',
      reason: { key: 'number_too_small', values: { min: 1 } },
    });
    expect(await put({ runwayDays: 366, channels: ['desktop'] })).toMatchObject({
      field: 'runwayDays',
      reason: { key: 'number_too_big', values: { max: 365 } },
    });
    expect(
      await refusal('POST', '/v1/products', {
        name: 'Proxy',
        prices: { VND: 50_000 },
        period: 'month',
        provisioningTimeoutMinutes: 1.5,
      }),
    ).toMatchObject({
      field: 'provisioningTimeoutMinutes',
      reason: { key: 'number_not_whole', values: { unit: 'minutes' } },
    });
    expect(
      await refusal('POST', `/v1/customers/${customer.id}/orders`, {
        productId: 'prd_1',
        quantity: 1.5,
        currency: 'VND',
      }),
    ).toMatchObject({ field: 'quantity', reason: { key: 'number_not_whole', values: {} } });
  });

  it('names a number or an amount out of range with its bound, in minor units for an amount', async () => {
    expect(await refusal('GET', '/v1/customers?limit=0')).toMatchObject({
      field: 'limit',
      reason: { key: 'number_too_small', values: { min: 1 } },
    });
    const customer = await ok(
      call(api.app, 'POST', '/v1/customers', {
        token: admin,
        body: { name: 'Lan', email: `lan-${key()}@example.com` },
      }),
    );
    const wallets = `/v1/customers/${customer.id}/wallets`;
    expect(
      await refusal('POST', wallets, { currency: 'VND', initialBalance: 100_000_000_000_001 }),
    ).toMatchObject({
      field: 'initialBalance',
      reason: { key: 'amount_too_big', values: { max: 100_000_000_000_000 } },
    });
    expect(await refusal('POST', wallets, { currency: 'VND', initialBalance: -1 })).toMatchObject({
      field: 'initialBalance',
      reason: { key: 'number_negative', values: {} },
    });
    const unknownCurrency = await refusal('POST', wallets, { currency: 'XYZ' });
    expect(unknownCurrency.field).toBe('currency');
    expect(unknownCurrency.reason).toBeUndefined();
  });
});
