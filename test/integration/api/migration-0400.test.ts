import { afterEach, describe, expect, it } from 'vitest';
import { migrateUpTo } from '../../../src/server/db/migrate.js';
import { toInvoice } from '../../../src/server/wire/invoice.js';
import { DIALECTS, freshDatabase, type TestDatabase } from '../../support/databases.js';

const NOW = '2030-01-01T00:00:00.000Z';

/**
 * 0400 marks test-mode receipts (`invoices.test`) and gives each reseller a test counter apart from
 * its real series: every invoice there before is a real one, and the real counter is untouched.
 */
describe.each(DIALECTS)('migration 0400 on %s', (dialect) => {
  let db: TestDatabase;
  afterEach(() => db?.drop());

  it('earlier invoices read as real; the series keeps its number and starts a test counter at 0', async () => {
    db = await freshDatabase(dialect, { upTo: '0370-recipient-languages' });
    const d = db.store.db;
    await d.insertInto('resellers').values({ id: 'rsl_1', name: 'Acme', created_at: NOW }).execute();
    await d
      .insertInto('customers')
      .values({
        id: 'cus_1',
        reseller_id: 'rsl_1',
        name: 'Ann',
        email: 'ann@example.com',
        external_ref: null,
        search_text: 'ann',
        created_at: NOW,
        updated_at: NOW,
      })
      .execute();
    await d
      .insertInto('invoice_series')
      .values({ reseller_id: 'rsl_1', prefix: 'INV-{YYYY}-', last_number: 7, updated_at: NOW })
      .execute();
    await d
      .insertInto('invoices')
      .values({
        id: 'inv_1',
        reseller_id: 'rsl_1',
        customer_id: 'cus_1',
        number: 'INV-2030-000007',
        sequence: 7,
        status: 'paid',
        currency: 'USD',
        lines: '[]',
        subtotal: 100,
        tax: 0,
        total: 100,
        amount_paid: 100,
        amount_refunded: 0,
        amount_due: 0,
        memo: null,
        due_date: null,
        auto_pay: null,
        method_last_used: null,
        applications: '[]',
        pending_payment_id: null,
        top_up_wallet_id: null,
        issued_at: NOW,
        paid_at: NOW,
        voided_at: null,
        created_at: NOW,
        updated_at: NOW,
      })
      .execute();

    await migrateUpTo(db.store, '0400-test-receipts');

    const invoice = await d.selectFrom('invoices').selectAll().executeTakeFirstOrThrow();
    expect(Number(invoice.test)).toBe(0);
    expect(toInvoice(invoice)).toMatchObject({ number: 'INV-2030-000007', test: false });
    const series = await d.selectFrom('invoice_series').selectAll().executeTakeFirstOrThrow();
    expect([Number(series.last_number), Number(series.test_last_number)]).toEqual([7, 0]);
  });
});
