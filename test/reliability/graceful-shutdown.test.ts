import { request } from 'node:http';
import { connect } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { key, OPERATOR_TOKEN } from '../support/api.js';
import { databaseUrlOf, startApiChild, type ApiChild } from '../support/api-processes.js';
import { DIALECTS, freshDatabase, type TestDatabase } from '../support/databases.js';
import { http } from '../support/http.js';

const folder = mkdtempSync(join(tmpdir(), 'shutdown-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

/** Whether a new TCP connection to the port is refused (the listening socket is closed). */
function refused(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code === 'ECONNREFUSED'));
  });
}

describe.each(DIALECTS)('graceful shutdown of the standalone API on %s', (dialect) => {
  let db: TestDatabase;
  let api: ApiChild | undefined;
  beforeAll(async () => {
    db = await freshDatabase(dialect, dialect === 'sqlite' ? { file: join(folder, 'billing.sqlite') } : {});
  });
  afterAll(async () => {
    await api?.stop('SIGKILL');
    await db?.drop();
  });

  it('on SIGTERM refuses new connections, finishes the request in flight, releases its leases, exits 0', async () => {
    // Info level: the API logs each incoming request, which is how the test knows the slow one arrived.
    api = await startApiChild(databaseUrlOf(db), { env: { LOG_LEVEL: 'info' } });
    const reseller = await http(api.url, 'POST', '/v1/resellers', {
      token: OPERATOR_TOKEN,
      body: {
        name: 'Drain',
        adminEmail: 'admin@drain.example',
        adminPassword: 'correct horse battery staple',
      },
    });
    const admin = reseller.body.apiKey as string;
    const customer = await http(api.url, 'POST', '/v1/customers', {
      token: admin,
      body: { name: 'Drain customer', email: 'c@drain.example', externalRef: 'drain-1' },
    });
    const wallet = await http(api.url, 'POST', `/v1/customers/${customer.body.id}/wallets`, {
      token: admin,
      body: { currency: 'USD', initialBalance: 10_000 },
      key: key('wallet'),
    });
    expect(wallet.status).toBe(201);

    // A debit whose body arrives in two parts: it is in flight from its headers until its last byte.
    const body = Buffer.from(JSON.stringify({ amount: 2_500, description: 'In flight at SIGTERM' }));
    let rest: () => void = () => undefined;
    const answer = new Promise<{ status: number; body: any }>((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port: api!.port,
          method: 'POST',
          path: `/v1/wallets/${wallet.body.id}/debits`,
          agent: false,
          headers: {
            authorization: `Bearer ${admin}`,
            'idempotency-key': 'drain-debit-1',
            'content-type': 'application/json',
            'content-length': String(body.length),
          },
        },
        (res) => {
          let text = '';
          res.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) }));
        },
      );
      req.on('error', reject);
      req.write(body.subarray(0, 10));
      rest = () => req.end(body.subarray(10));
    });
    await api.line((l) => l.includes('"incoming request"') && l.includes('/debits'));

    api.proc.child.kill('SIGTERM');
    await api.line((l) => l.includes('stopped accepting connections'));
    expect(await refused(api.port)).toBe(true);

    rest();
    const reply = await answer;
    expect(reply.status, JSON.stringify(reply.body)).toBe(201);
    expect(reply.body.transaction).toMatchObject({ type: 'payment', amount: -2_500, balanceAfter: 7_500 });

    const exit = await api.proc.exited;
    expect(exit, api.proc.output()).toEqual({ code: 0, signal: null });

    const entries = await db.store.db
      .selectFrom('ledger_entries')
      .select(['amount'])
      .where('wallet_id', '=', wallet.body.id)
      .execute();
    expect(entries.map((e) => Number(e.amount)).sort((a, b) => a - b)).toEqual([-2_500, 10_000]);
    // Its jobs ran at start (the retention job takes a named lease): none is left held.
    const held = await db.store.db
      .selectFrom('job_leases')
      .select('name')
      .where('holder', 'is not', null)
      .execute();
    expect(held).toEqual([]);
  });
});
