/**
 * PostgreSQL crashes and restarts in the middle of load (a private cluster: never the shared one).
 * The API process recovers by itself: after PostgreSQL is back, requests succeed again without any
 * manual step, /readyz says so, and every movement acknowledged before, during or after is in the
 * ledger exactly once (a retry with the same key never doubles one).
 */
import { request } from 'node:http';
import { afterAll, describe, expect, it } from 'vitest';
import { OPERATOR_TOKEN } from '../support/api.js';
import { startApiChild, type ApiChild } from '../support/api-processes.js';
import { openStore, type Store } from '../../src/server/db/database.js';
import { http } from '../support/http.js';
import { postgresBinariesPresent, PrivatePostgres } from '../support/private-postgres.js';

const MOVEMENTS = Number(process.env.PG_RESTART_MOVEMENTS ?? 120);
const CLIENTS = 4;

function post(port: number, path: string, token: string, key: string, body: unknown) {
  const payload = Buffer.from(JSON.stringify(body));
  return new Promise<{ status: number; text: string }>((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        method: 'POST',
        path,
        agent: false,
        timeout: 15_000,
        headers: {
          authorization: `Bearer ${token}`,
          'idempotency-key': key,
          'content-type': 'application/json',
          'content-length': String(payload.length),
        },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8').on('data', (c: string) => (text += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
      },
    );
    req.on('timeout', () => req.destroy(new Error('no answer in time')));
    req.on('error', reject);
    req.end(payload);
  });
}

// Needs PostgreSQL's server binaries (POSTGRES_BIN, default /usr/lib/postgresql/15/bin) on this machine.
describe.skipIf(!postgresBinariesPresent())('PostgreSQL crash and restart under load', () => {
  let pg: PrivatePostgres | undefined;
  let api: ApiChild | undefined;
  let store: Store | undefined;
  afterAll(async () => {
    await api?.stop('SIGKILL');
    await store?.close();
    await pg?.stop();
  });

  it(`${MOVEMENTS} credits by ${CLIENTS} clients, PostgreSQL crashed midway: nothing acknowledged is lost`, async () => {
    pg = await PrivatePostgres.create();
    api = await startApiChild(pg.url, { env: { PAYMENT_JOBS: 'false', PRUNE_JOBS: 'false' } });
    const reseller = await http(api.url, 'POST', '/v1/resellers', {
      token: OPERATOR_TOKEN,
      body: {
        name: 'Restart',
        adminEmail: 'admin@restart.example',
        adminPassword: 'correct horse battery staple',
      },
    });
    const admin = reseller.body.apiKey as string;
    const customer = await http(api.url, 'POST', '/v1/customers', {
      token: admin,
      body: { name: 'Restart customer', email: 'c@restart.example', externalRef: 'restart-1' },
    });
    const wallet = await http(api.url, 'POST', `/v1/customers/${customer.body.id}/wallets`, {
      token: admin,
      body: { currency: 'USD' },
    });
    expect(wallet.status).toBe(201);

    const acknowledged = new Map<string, number>(); // transaction id → amount
    let next = 0;
    let serverErrors = 0;
    let readyWhileDown = 0;
    let restart: Promise<void> | null = null;
    const client = async () => {
      while (next < MOVEMENTS) {
        const n = next++;
        if (n === Math.floor(MOVEMENTS / 3))
          restart = pg!.crashAndRestart(async () => {
            readyWhileDown = (await http(api!.url, 'GET', '/readyz')).status;
          });
        const amount = 1 + (n % 97);
        for (;;) {
          let answer: { status: number; text: string };
          try {
            answer = await post(api!.port, `/v1/wallets/${wallet.body.id}/credits`, admin, `restart-${n}`, {
              amount,
              description: `Credit ${n}`,
            });
          } catch (error) {
            if (api!.proc.child.exitCode !== null || api!.proc.child.signalCode !== null)
              throw new Error(`the API process died:\n${api!.proc.output()}`, { cause: error });
            continue;
          }
          if (answer.status >= 500) {
            serverErrors += 1;
            // The database is down: wait until it is back (an event), then retry with the same key.
            await pg!.up;
            continue;
          }
          expect(answer.status, answer.text).toBe(201);
          acknowledged.set(JSON.parse(answer.text).transaction.id, amount);
          break;
        }
      }
    };
    await Promise.all(Array.from({ length: CLIENTS }, client));
    await restart;

    expect(readyWhileDown).toBe(503);
    expect((await http(api.url, 'GET', '/readyz')).status).toBe(200);
    store = openStore(pg.url);
    const ledger = await store.db
      .selectFrom('ledger_entries')
      .select(['id', 'amount'])
      .where('wallet_id', '=', wallet.body.id)
      .execute();
    expect(ledger.length).toBe(acknowledged.size);
    for (const row of ledger) expect(acknowledged.get(row.id)).toBe(Number(row.amount));
    const balance = await http(api.url, 'GET', `/v1/wallets/${wallet.body.id}`, { token: admin });
    expect(balance.body.balance).toBe([...acknowledged.values()].reduce((a, b) => a + b, 0));
    console.log(
      `postgres restart figures: ${JSON.stringify({ movements: acknowledged.size, serverErrors })}`,
    );
  });
});
