import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { key, OPERATOR_TOKEN } from '../support/api.js';
import { databaseUrlOf, startApiChild, type ApiChild } from '../support/api-processes.js';
import { DIALECTS, freshDatabase, type TestDatabase } from '../support/databases.js';
import { http } from '../support/http.js';
import { startReceiver } from '../support/webhook-receiver.js';

const folder = mkdtempSync(join(tmpdir(), 'webhooks-crash-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

/**
 * The API killed (SIGKILL) while a webhook is on the wire loses no event: the deliveries were
 * written with the changes that caused them, the dead process's lease runs out, and the next process
 * sends them all, in order.
 */
describe.each(DIALECTS)('webhooks across an API crash on %s', (dialect) => {
  let db: TestDatabase;
  const children: ApiChild[] = [];
  const closers: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const child of children.splice(0)) await child.stop('SIGKILL').catch(() => undefined);
    for (const close of closers.splice(0)) await close();
    await db?.drop();
  });

  it('a process killed mid-delivery loses none: the next one delivers every event, in order', async () => {
    db = await freshDatabase(
      dialect,
      dialect === 'sqlite' ? { file: join(folder, `${dialect}.sqlite`) } : {},
    );
    // The first request hangs (the process dies while it waits); every later one is answered.
    const hooks = await startReceiver(({ n }) => (n === 1 ? { status: 200, hang: true } : 200));
    closers.push(() => hooks.close());
    const env = {
      OUTBOUND_ALLOW_PRIVATE_NETWORKS: 'true',
      CREDENTIALS_KEY: randomBytes(32).toString('base64'),
      WEBHOOK_LEASE_MS: '300',
      PAYMENT_JOBS: 'false',
    };
    const first = await startApiChild(databaseUrlOf(db), { env });
    children.push(first);
    const reseller = await http(first.url, 'POST', '/v1/resellers', {
      token: OPERATOR_TOKEN,
      body: {
        name: 'Crash',
        adminEmail: 'admin@crash.example',
        adminPassword: 'correct horse battery staple',
      },
    });
    const admin = reseller.body.apiKey as string;
    const endpoint = await http(first.url, 'POST', '/v1/webhook-endpoints', {
      token: admin,
      body: { url: hooks.url, events: ['wallet.created', 'wallet.payment_made'] },
    });
    expect(endpoint.status).toBe(201);
    const customer = await http(first.url, 'POST', '/v1/customers', {
      token: admin,
      body: { name: 'Crash customer', email: 'c@crash.example' },
    });
    const wallet = await http(first.url, 'POST', `/v1/customers/${customer.body.id}/wallets`, {
      token: admin,
      body: { currency: 'USD', initialBalance: 10_000 },
      key: key('wallet'),
    });
    const debits: string[] = [];
    for (const n of [1, 2]) {
      const debit = await http(first.url, 'POST', `/v1/wallets/${wallet.body.id}/debits`, {
        token: admin,
        key: `crash-${n}`,
        body: { amount: 100 * n, description: `Order ${n}` },
      });
      expect(debit.status).toBe(201);
      debits.push(debit.body.transaction.id);
    }

    await hooks.waitFor(1); // wallet.created is on the wire, unanswered
    await first.stop('SIGKILL');
    const second = await startApiChild(databaseUrlOf(db), { env });
    children.push(second);
    await hooks.waitFor(4);

    const bodies = hooks.received.map((r) => JSON.parse(r.body) as { type: string; data: any });
    const firstSeen = [...new Set(bodies.map((b) => b.data.transaction?.id ?? b.data.wallet.id))];
    expect(firstSeen).toEqual([wallet.body.id, ...debits]);
    expect(bodies[0]!.type).toBe('wallet.created');
    // The event cut off by the crash went again, with the same webhook-id.
    expect(hooks.received[1]!.headers['webhook-id']).toBe(hooks.received[0]!.headers['webhook-id']);
  });
});
