import { generateKeyPairSync, randomBytes, sign } from 'node:crypto';
import { stringify } from 'csv-stringify/sync';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readStatementFile } from '../../../src/main/statements/statement-file.js';
import {
  chainStatement,
  verifyStatement,
  type SignedStatement,
  type StatementKey,
} from '../../../src/shared/statements/statement.js';
import { DIALECTS } from '../../support/databases.js';
import { call, key, seedReseller, startApi, type TestApi } from '../../support/api.js';
import { expectRefusal, manualClock, ok } from '../../support/tenants.js';

const DAY = 86_400_000;

describe.each(DIALECTS)('tamper-evident wallet statements on %s', (dialect) => {
  let api: TestApi;
  let admin: string;
  let walletId: string;
  let keys: StatementKey[];
  const clock = manualClock('2030-03-01T09:00:00.000Z');

  const raw = async (url: string, token = admin) => {
    const response = await api.app.inject({
      method: 'GET',
      url,
      headers: { authorization: `Bearer ${token}` },
    });
    return {
      status: response.statusCode,
      type: String(response.headers['content-type']),
      bytes: response.rawPayload,
    };
  };
  const march = (format: '' | '.csv' | '.pdf' = '') =>
    `/v1/wallets/${walletId}/statement${format}?from=2030-03-02&to=2030-03-04`;

  beforeAll(async () => {
    // The statement key derives from the credentials key, which PostgreSQL servers are given.
    api = await startApi(dialect, { clock: clock.now, payments: { credentialsKey: randomBytes(32) } });
    admin = (await seedReseller(api.app)).admin;
    const customer = await ok(
      call(api.app, 'POST', '/v1/customers', {
        token: admin,
        body: { name: 'Nguyễn Văn Đức', email: 'duc@example.com' },
      }),
    );
    // 1 March: the opening balance; 2–4 March: the period; 5 March: after it.
    walletId = (
      await ok(
        call(api.app, 'POST', `/v1/customers/${customer.id}/wallets`, {
          token: admin,
          body: { currency: 'USD', initialBalance: 10_000 },
          key: key('wallet'),
        }),
      )
    ).id;
    for (const [path, body] of [
      ['debits', { amount: 1_250, description: 'Proxy order', reference: 'ORD-1' }],
      ['credits', { amount: 500, description: 'Loyalty credit' }],
      ['debits', { amount: 999, description: 'Renewal, "datacenter" plan', reference: 'ORD-2' }],
      ['credits', { amount: 7, description: 'After the period' }],
    ] as const) {
      clock.advance(DAY);
      await ok(call(api.app, 'POST', `/v1/wallets/${walletId}/${path}`, { token: admin, key: key(), body }));
    }
    keys = (await ok(call(api.app, 'GET', '/.well-known/statement-keys'))).keys;
  });
  afterAll(() => api.close());

  it('publishes its Ed25519 key without a credential', () => {
    expect(keys).toEqual([
      {
        keyId: expect.stringMatching(/^ed25519-[0-9a-f]{16}$/),
        algorithm: 'Ed25519',
        publicKey: expect.any(String),
      },
    ]);
  });

  it('signs the period’s rows with their opening and closing balances, and verifies as JSON, CSV and PDF', async () => {
    const statement: SignedStatement = await ok(call(api.app, 'GET', march(), { token: admin }));
    expect(statement.header).toMatchObject({
      walletId,
      customerName: 'Nguyễn Văn Đức',
      currency: 'USD',
      openingBalance: 10_000,
      closingBalance: 8_251,
      from: '2030-03-02',
      to: '2030-03-04',
    });
    expect(statement.rows.map((r) => [r.description, r.amount, r.balanceAfter])).toEqual([
      ['Proxy order', -1_250, 8_750],
      ['Loyalty credit', 500, 9_250],
      ['Renewal, "datacenter" plan', -999, 8_251],
    ]);
    expect(await verifyStatement(statement, keys)).toEqual({ intact: true, genuine: true, problems: [] });

    const csv = await raw(march('.csv'));
    expect(csv.type).toMatch(/^text\/csv/);
    const fromCsv = readStatementFile(csv.bytes);
    expect(fromCsv.mismatches).toEqual([]);
    expect(await verifyStatement(fromCsv.statement, keys)).toMatchObject({ intact: true, genuine: true });

    const pdf = await raw(march('.pdf'));
    expect(pdf.type).toBe('application/pdf');
    const fromPdf = readStatementFile(pdf.bytes);
    expect(fromPdf.kind).toBe('pdf');
    expect(await verifyStatement(fromPdf.statement, keys)).toMatchObject({ intact: true, genuine: true });
  });

  it('detects a changed amount, a removed row, re-ordered rows, a changed header and a forged signature', async () => {
    const original: SignedStatement = await ok(call(api.app, 'GET', march(), { token: admin }));
    const copy = () => structuredClone(original);

    const changed = copy();
    changed.rows[1]!.amount = 50_000;
    changed.rows[1]!.balanceAfter = 58_750;
    const changedVerdict = await verifyStatement(changed, keys);
    expect(changedVerdict).toMatchObject({ intact: false, genuine: false });
    expect(changedVerdict.problems).toContainEqual({
      code: 'row_changed',
      row: 2,
      id: expect.any(String),
      first: false,
    });

    const removed = copy();
    removed.rows.splice(1, 1);
    const removedVerdict = await verifyStatement(removed, keys);
    expect(removedVerdict.intact).toBe(false);
    expect(removedVerdict.problems).toContainEqual(
      expect.objectContaining({ row: 2, code: expect.stringMatching(/^row_(changed|out_of_order)$/) }),
    );

    const reordered = copy();
    reordered.rows.reverse();
    expect((await verifyStatement(reordered, keys)).intact).toBe(false);

    const renamed = copy();
    renamed.header.customerName = 'Someone Else';
    expect((await verifyStatement(renamed, keys)).intact).toBe(false);

    // A forger rebuilds a perfect chain for changed rows and signs it with their own key.
    const forged = copy();
    forged.rows[0]!.description = 'Refund to a new account';
    const rechained = await chainStatement(
      forged.header,
      forged.rows.map(({ hash: _h, ...row }) => row),
    );
    forged.rows = rechained.rows;
    forged.finalHash = rechained.finalHash;
    const { privateKey } = generateKeyPairSync('ed25519');
    forged.signature = sign(null, Buffer.from(forged.finalHash), privateKey).toString('base64url');
    const forgedVerdict = await verifyStatement(forged, keys);
    expect(forgedVerdict).toMatchObject({ intact: true, genuine: false });
    expect(forgedVerdict.problems).toContainEqual({ code: 'bad_signature' });
  });

  it('detects a CSV whose decimal amount was edited, even with its signed amount left alone', async () => {
    const csv = await raw(march('.csv'));
    const records = parse(csv.bytes.toString('utf8'), { relax_column_count: true }) as string[][];
    const row = records.find((r) => r[3] === 'Loyalty credit')!;
    row[5] = '500.00';
    const read = readStatementFile(Buffer.from(stringify(records)));
    expect(read.mismatches).toEqual([{ code: 'shown_amounts_differ', row: 2, id: expect.any(String) }]);
  });

  it('refuses a period that ends before it starts, or a bad date, naming the field; another tenant sees nothing', async () => {
    expectRefusal(
      await call(api.app, 'GET', `/v1/wallets/${walletId}/statement?from=2030-03-04&to=2030-03-02`, {
        token: admin,
      }),
      400,
      'validation',
      'to',
    );
    expectRefusal(
      await call(api.app, 'GET', `/v1/wallets/${walletId}/statement?from=2030-13-01&to=2030-03-02`, {
        token: admin,
      }),
      400,
      'validation',
      'from',
    );
    const other = (await seedReseller(api.app, 'Globex')).admin;
    expect((await raw(march('.pdf'), other)).status).toBe(404);
  });
});
