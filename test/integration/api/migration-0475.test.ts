import { afterEach, describe, expect, it } from 'vitest';
import { migrateUpTo } from '../../../src/server/db/migrate.js';
import type { OrderTable } from '../../../src/server/db/schema.js';
import { toOrder } from '../../../src/server/wire/order.js';
import { DIALECTS, freshDatabase, type TestDatabase } from '../../support/databases.js';
import { insertOwner } from '../../support/migration-owner.js';

const NOW = '2030-01-01T00:00:00.000Z';

/**
 * 0475 adds the timeout job's retries of a refused refund to orders: an order from before was never
 * refused, so the job takes it when due and the API reads it as it did.
 */
describe.each(DIALECTS)('migration 0475 on %s', (dialect) => {
  let db: TestDatabase;
  afterEach(() => db?.drop());

  it('earlier orders read as never refused, with no retry time (due at once), otherwise unchanged', async () => {
    db = await freshDatabase(dialect, { upTo: '0471-payments-late-money' });
    const d = db.store.db;
    await insertOwner(d, NOW);
    await d
      .insertInto('products')
      .values({
        id: 'prd_m',
        reseller_id: 'rsl_m',
        name: 'Proxy',
        description: 'One IP',
        prices: '{"USD":100}',
        period: 'none',
        active: 1,
        provisioning_timeout_minutes: 30,
        created_at: NOW,
        updated_at: NOW,
      })
      .execute();
    const order = {
      id: 'ord_m',
      reseller_id: 'rsl_m',
      customer_id: 'cus_m',
      wallet_id: 'wal_m',
      product_id: 'prd_m',
      number: 'ORD-M',
      product_name: 'Proxy',
      quantity: 1,
      unit_price: 100,
      total: 100,
      refunded: 0,
      currency: 'USD' as const,
      status: 'provisioning' as const,
      provisioned: null,
      failure_reason: null,
      payment_transaction_id: 'txn_m',
      refund_transaction_id: null,
      subscription_id: null,
      provision_by: NOW,
      created_at: NOW,
      updated_at: NOW,
    };
    // The table as 0471 left it: the columns 0475 adds do not exist yet.
    await d
      .insertInto('orders')
      .values(order as OrderTable)
      .execute();
    const before = toOrder(
      await d.selectFrom('orders').selectAll().where('id', '=', 'ord_m').executeTakeFirstOrThrow(),
    );

    await migrateUpTo(db.store, '0475-orders-timeout-retry');
    const row = await d.selectFrom('orders').selectAll().where('id', '=', 'ord_m').executeTakeFirstOrThrow();
    expect(row).toMatchObject({ timeout_refusals: 0, timeout_refusal: null, timeout_retry_at: null });
    expect(toOrder(row)).toEqual(before);
  });
});
