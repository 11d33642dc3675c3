import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorBodySchema, errorCodes } from '../../../src/shared/api/common.js';
import { DIALECTS } from '../../support/databases.js';
import { call, key, type Reply } from '../../support/api.js';
import { createPaymentTenant, type PaymentTenant } from '../../support/payment-records.js';
import { startPaymentsApi, type PaymentsApi } from '../../support/payments.js';
import { idOf, label, ROUTES, sendsKey, type RouteCase } from '../../support/routes.js';

/** Bodies no route expects, sent raw so that they reach the server exactly as written. */
const ODD_BODIES = [
  'null',
  '[]',
  '"text"',
  '42',
  'true',
  '{}',
  `{"amount":${'['.repeat(5000)}${']'.repeat(5000)}}`,
  '{"amount":1e309,"description":"x","reason":"x","name":"x","email":"a@example.com"}',
  '{"amount":-1e308,"description":"x"}',
  '{"amount":"NaN","description":"x"}',
  '{"amount":100,"description":"\\ud800"}',
  '{"amount":100,"description":"💥 ☃ 東京"}',
  '{"__proto__":{"admin":true},"amount":1}',
  '{"constructor":{"prototype":{"admin":true}}}',
  '{"name":"\\u0000","email":"a@example.com","description":"\\u0000","reason":"\\u0000"}',
  `{"description":"${'x'.repeat(60_000)}"}`,
  '{"email":"\' OR 1=1 --@example.com","password":"x","name":"Robert\'); DROP TABLE customers;--"}',
  '{"currency":{"$ne":null},"customerId":{"$gt":""},"role":["customer"]}',
];

/** Path ids no route expects (already percent-encoded where a caller would have to). */
const ODD_IDS = [
  "'%20OR%20'1'='1",
  '%00',
  'wal_%00',
  '..%2F..%2Fetc%2Fpasswd',
  '%F0%9F%92%A5',
  '%ED%A0%80',
  'x'.repeat(64),
  '%20',
  'null',
  '%5Bobject%20Object%5D',
  '%25',
  '_',
];

/** Query strings no route expects. */
const ODD_QUERIES = [
  '?limit=-1',
  '?limit=1e999',
  '?limit=',
  '?cursor=%00',
  '?cursor[]=x',
  `?cursor=${'A'.repeat(200)}`,
  `?cursor=${Buffer.from('[1e400]').toString('base64url')}`,
  `?cursor=${Buffer.from('[-1,-1]').toString('base64url')}`,
  '?query[$ne]=1',
  '?query=%25%5F%5C',
  '?type[]=payment',
  '?from=0000-00-00T00:00:00Z',
  '?from=9999-12-31T23:59:59.999Z&to=0001-01-01T00:00:00Z',
  '?to=2030-01-01T00:00:00.123456789Z',
  '?cursor=9007199254740993',
];

// An event stream answered 200 never ends: it is left to the change-feed tests.
const STREAM = '/v1/sync/stream';
const KNOWN_CODES: readonly string[] = errorCodes;

describe.each(DIALECTS)('no request content makes the API fail (never a 500) on %s', (dialect) => {
  let api: PaymentsApi;
  let t: PaymentTenant;
  const failures: string[] = [];

  const check = (what: string, reply: Reply<any>) => {
    const ok =
      reply.status < 500 &&
      (reply.status < 400 ||
        (typeof reply.body?.error?.message === 'string' &&
          KNOWN_CODES.includes(reply.body.error.code) &&
          errorBodySchema.safeParse(reply.body).success &&
          // A refusal may carry its reason (a key and values a client words in its language).
          Object.keys(reply.body.error).every((k) => ['code', 'message', 'field', 'reason'].includes(k))));
    if (!ok) failures.push(`${what} → ${reply.status} ${JSON.stringify(reply.body).slice(0, 200)}`);
  };
  const send = (r: RouteCase, url: string, rawBody?: string) =>
    call(api.app, r.method, url, {
      token: t.admin,
      ...(rawBody === undefined ? {} : { rawBody }),
      ...(sendsKey(r) ? { key: key() } : {}),
    });
  const routes = ROUTES.filter((r) => r.route !== STREAM);

  beforeAll(async () => {
    api = await startPaymentsApi(dialect);
    t = await createPaymentTenant(api.app, api.db.store, 'Acme');
  });
  afterAll(() => api.close());

  it('odd bodies on every route', async () => {
    failures.length = 0;
    for (const r of routes.filter((r) => r.method !== 'GET')) {
      const { url } = r.request(r.idKind ? idOf(t, r.idKind) : '', t);
      for (const body of ODD_BODIES) check(`${label(r)} ${body.slice(0, 60)}`, await send(r, url, body));
    }
    expect(failures).toEqual([]);
  });

  it('odd ids on every route that takes one', async () => {
    failures.length = 0;
    for (const r of routes.filter((r) => r.route.includes('{id}'))) {
      for (const id of ODD_IDS) {
        const { url, body } = r.request(id, t);
        check(
          `${label(r)} id=${id}`,
          await send(r, url, body === undefined ? undefined : JSON.stringify(body)),
        );
      }
    }
    expect(failures).toEqual([]);
  });

  it('odd provider and reseller names where a route takes them', async () => {
    failures.length = 0;
    const put = ROUTES.find((r) => r.method === 'PUT')!;
    const webhook = ROUTES.find((r) => r.access === 'webhook')!;
    const { body: credentials } = put.request('', t);
    for (const id of ODD_IDS) {
      const urls = [
        [put, `/v1/payment-settings/credentials/${id}`, JSON.stringify(credentials)],
        [webhook, `/v1/webhooks/${id}/${t.resellerId}`, '{}'],
        [webhook, `/v1/webhooks/sandbox/${id}`, '{}'],
      ] as const;
      for (const [r, url, body] of urls) check(`${label(r)} ${url}`, await send(r, url, body));
    }
    expect(failures).toEqual([]);
  });

  it('odd query strings on every read', async () => {
    failures.length = 0;
    for (const r of routes.filter((r) => r.method === 'GET')) {
      const { url } = r.request(r.idKind ? idOf(t, r.idKind) : '', t);
      for (const query of ODD_QUERIES)
        check(`${label(r)}${query.slice(0, 60)}`, await send(r, `${url}${query}`));
    }
    expect(failures).toEqual([]);
  });
});
