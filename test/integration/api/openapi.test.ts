import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../support/databases.js';
import { call, startApi, type TestApi } from '../../support/api.js';
import { label, ROUTES } from '../../support/routes.js';

describe.each(DIALECTS)('GET /v1/openapi.json on %s', (dialect) => {
  let api: TestApi;
  let doc: any;
  beforeAll(async () => {
    api = await startApi(dialect);
    const reply = await call(api.app, 'GET', '/v1/openapi.json');
    expect(reply.status).toBe(200);
    doc = reply.body;
  });
  afterAll(() => api.close());

  const documented = () =>
    Object.entries(doc.paths as Record<string, Record<string, unknown>>)
      .flatMap(([path, ops]) => Object.keys(ops).map((method) => `${method.toUpperCase()} ${path}`))
      .sort();

  it('is an OpenAPI 3 document served without a credential', () => {
    expect(doc.openapi).toMatch(/^3\./);
    expect(doc.info).toMatchObject({ title: 'Reseller Console billing API' });
  });

  it('lists every route of the API, exactly the ones the test sweeps cover', () => {
    expect(documented()).toEqual(ROUTES.map(label).sort());
  });

  it('documents the error body on every route, and the body of every write that takes one', () => {
    for (const [path, ops] of Object.entries(doc.paths as Record<string, Record<string, any>>)) {
      for (const [method, op] of Object.entries(ops)) {
        expect(op.responses, `${method} ${path}`).toHaveProperty('4XX');
      }
    }
    expect(
      doc.paths['/v1/wallets/{id}/debits'].post.requestBody.content['application/json'].schema,
    ).toMatchObject({
      required: expect.arrayContaining(['amount', 'description']),
    });
  });
});
