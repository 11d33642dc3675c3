import { afterEach, describe, expect, it } from 'vitest';
import { buildApp } from '../app.js';
import type { Api } from '../context.js';
import { openStore, type Store } from '../db/database.js';
import { migrateToLatest } from '../db/migrate.js';
import { wordingOfOlderRow } from '../../shared/api/ledger-wording.js';
import { seedDemo } from './seed.js';

const ADMIN = { email: 'admin@demo.reseller.local', password: 'demo-password-0123456789' };

let store: Store;
let app: Api;
afterEach(async () => {
  await app.close();
  await store.close();
});

/** A demo seeded into a fresh in-memory database, and the API over it (provisioning jobs off unless asked). */
async function startDemo(
  now = new Date(),
  options: Omit<Parameters<typeof buildApp>[0], 'store'> = { orders: { jobs: false } },
) {
  store = openStore('sqlite::memory:');
  await migrateToLatest(store);
  await seedDemo(store, ADMIN, now);
  app = await buildApp({ store, ...options });
  await app.ready();
}

async function asAdmin(url: string): Promise<any> {
  const login = await app.inject({ method: 'POST', url: '/v1/auth/login', payload: ADMIN });
  const token = (login.json() as { token: string }).token;
  const reply = await app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } });
  expect(reply.statusCode, reply.body).toBe(200);
  return reply.json();
}

describe('the local demo', () => {
  it("is in test mode: its admin's sandbox test gateway is on and offered", async () => {
    await startDemo(new Date(), {});

    const settings = await asAdmin('/v1/payment-settings');
    expect(settings.testModeAllowed).toBe(true);
    expect(settings.methods.find((m: { provider: string }) => m.provider === 'sandbox')).toMatchObject({
      enabled: true,
      available: true,
    });
  });

  it('orders from a real catalog: one partly provisioned with its refund quoting the order, subscriptions renewing later', async () => {
    const now = new Date();
    await startDemo(now);

    const products = (await asAdmin('/v1/products')).items;
    expect(products.map((p: { period: string }) => p.period).sort()).toEqual(['month', 'none', 'none']);
    const partial = (await asAdmin('/v1/orders?status=partial&limit=500')).items;
    expect(partial.length).toBeGreaterThan(0);
    const order = partial[0];
    expect(order.refunded).toBeGreaterThan(0);
    const refund = await asAdmin(`/v1/wallet-transactions/${order.refundTransactionId}`);
    expect(refund).toMatchObject({ type: 'refund', amount: order.refunded, reference: order.number });
    const subscriptions = (await asAdmin('/v1/subscriptions?status=active&limit=500')).items;
    expect(subscriptions.length).toBeGreaterThan(0);
    for (const s of subscriptions) expect(Date.parse(s.currentPeriodEnd)).toBeGreaterThan(now.getTime());
    // No row only looks like an order any more.
    const rows = await store.db.selectFrom('ledger_entries').select('description').execute();
    expect(
      rows.filter((r) => /^(Proxy order|Partial order|Renewal: datacenter)/.test(r.description)),
    ).toEqual([]);
    expect(await store.db.selectFrom('holds').selectAll().execute()).toEqual([]);
  });

  it('writes its movements in time order across customers, as a live server numbers them', async () => {
    await startDemo();

    // The change feed, which the console syncs and its Recent activity reads newest first.
    const movements = await store.db
      .selectFrom('changes')
      .select(['created_at', 'customer_id'])
      .where('entity', '=', 'transaction')
      .orderBy('seq')
      .execute();
    expect(movements.length).toBeGreaterThan(1000);
    const times = movements.map((m) => m.created_at);
    expect(times).toEqual([...times].sort());
    // The latest ten are not one customer's (the wallet seeded last, before this was so).
    const latest = new Set(movements.slice(-10).map((m) => m.customer_id));
    expect(latest.size).toBeGreaterThan(1);
  });

  it("names who did what in the audit trail: the admin's credits as the admin's, provisioning's refunds as the system's", async () => {
    await startDemo();

    const me = await asAdmin('/v1/me');
    const credits = (await asAdmin('/v1/audit?action=wallet.credited&limit=100')).items;
    expect(credits.length).toBeGreaterThan(0);
    for (const record of credits) {
      expect(record.actor).toMatchObject({ userId: me.principal.userId, role: 'reseller_admin' });
      expect(record.reason).toMatch(/credited by staff|Welcome credit/);
    }
    const refunds = (await asAdmin('/v1/audit?action=transaction.refunded&limit=100')).items;
    expect(refunds.length).toBeGreaterThan(0);
    for (const record of refunds) {
      expect(record.actor).toMatchObject({ userId: null, role: 'system' });
      // Provisioning's refunds carry their ledger row's wording, for the console to word the reason.
      expect(record.after.wording.kind).toMatch(/^order_(failed|unprovisioned)$/);
    }
  });
});

describe('the demo ledger, as an older console reads it', () => {
  it('reads each row the services wrote itself back to its wording from its English, and no row a person described', async () => {
    await startDemo();

    const rows = await store.db.selectFrom('ledger_entries').selectAll().execute();
    const kinds = new Map<string, number>();
    for (const row of rows) {
      const older = wordingOfOlderRow({
        type: row.type,
        description: row.description,
        relatedId: row.related_id,
        reference: row.reference,
      });
      const wording = row.wording ? (JSON.parse(row.wording) as { kind: string }) : undefined;
      expect(older, `${row.type} "${row.description}"`).toEqual(wording);
      if (wording) kinds.set(wording.kind, (kinds.get(wording.kind) ?? 0) + 1);
    }
    // The demo's orders, their refunds, its invoices, and its staff's own credits (no wording).
    expect([...kinds.keys()]).toEqual(expect.arrayContaining(['order', 'order_unprovisioned']));
    expect(rows.some((row) => !row.wording)).toBe(true);
  });
});
