import { afterEach, describe, expect, it } from 'vitest';
import { migrateToLatest } from '../../../src/server/db/migrate.js';
import { placeOrder } from '../../../src/server/services/orders/place.js';
import { createProduct } from '../../../src/server/services/catalog/products.js';
import { unwrap } from '../../../src/server/services/result.js';
import { DIALECTS, freshDatabase, type TestDatabase } from '../../support/databases.js';

const NOW = '2030-01-01T00:00:00.000Z';

/**
 * 0120 adds the catalog, orders, subscriptions, their attempts and notices: a database with
 * customers and funded wallets from before keeps them, and they can order at once.
 */
describe.each(DIALECTS)('migration 0120 on %s', (dialect) => {
  let db: TestDatabase;
  afterEach(() => db?.drop());

  it('keeps the wallets of before, and a customer of before orders and subscribes after it', async () => {
    db = await freshDatabase(dialect, { upTo: '0100-gateway-event-request-id' });
    const d = db.store.db;
    await d.insertInto('resellers').values({ id: 'rsl_a', name: 'A', created_at: NOW }).execute();
    await d
      .insertInto('customers')
      .values({
        id: 'cus_a',
        reseller_id: 'rsl_a',
        name: 'Ada',
        email: 'ada@example.com',
        external_ref: null,
        search_text: 'ada',
        created_at: NOW,
        updated_at: NOW,
      })
      .execute();
    const wallet = {
      id: 'wal_a',
      reseller_id: 'rsl_a',
      customer_id: 'cus_a',
      currency: 'VND' as const,
      status: 'active' as const,
      balance: 1_000_000,
      pending_charges: 0,
      version: 1,
      created_at: NOW,
      updated_at: NOW,
    };
    await d.insertInto('wallets').values(wallet).execute();

    await migrateToLatest(db.store);
    // Nothing changed but the column refunds (0130) added: not on hold.
    expect(await d.selectFrom('wallets').selectAll().execute()).toEqual([{ ...wallet, spending_hold: 0 }]);

    const scope = { resellerId: 'rsl_a', canWrite: true };
    const placed = await db.store.write(async (trx) => {
      const product = unwrap(
        await createProduct(
          trx,
          scope,
          {
            name: 'Plan',
            description: '',
            prices: { VND: 99_999 },
            period: 'quarter',
            active: true,
            provisioningTimeoutMinutes: 60,
          },
          NOW,
        ),
      );
      return unwrap(
        await placeOrder(
          trx,
          scope,
          { customerId: 'cus_a', productId: product.id, quantity: 3, currency: 'VND' },
          NOW,
        ),
      );
    });
    expect(placed.order).toMatchObject({ total: 299_997, status: 'provisioning' });
    expect(placed.wallet.balance).toBe(700_003);
    const sub = await d.selectFrom('subscriptions').selectAll().executeTakeFirstOrThrow();
    expect(sub).toMatchObject({
      status: 'active',
      auto_renew: 1,
      current_period_end: '2030-04-01T00:00:00.000Z',
    });
  });
});
