import { afterEach, describe, expect, it } from 'vitest';
import { migrateUpTo } from '../../../src/server/db/migrate.js';
import type { InvoiceTable, PaymentTable } from '../../../src/server/db/schema.js';
import { DIALECTS, freshDatabase, type TestDatabase } from '../../support/databases.js';

const NOW = '2030-01-01T00:00:00.000Z';

const payment: PaymentTable = {
  id: 'pay_old',
  reseller_id: 'rsl_i',
  customer_id: 'cus_i',
  wallet_id: 'wal_i',
  payer_id: null,
  provider: 'sandbox',
  amount: 900,
  currency: 'USD',
  status: 'paid',
  underpaid: 0,
  overpaid: 0,
  fee: 0,
  rail: null,
  checkout: null,
  provider_payment_id: null,
  recipient: null,
  expected: null,
  memo: null,
  saved_method_id: null,
  saves_method_id: null,
  transaction_id: null,
  top_up_link_id: null,
  failure_reason: null,
  idempotency_key: 'k-old',
  expires_at: NOW,
  paid_at: NOW,
  lease_until: null,
  created_at: NOW,
  updated_at: NOW,
};

const invoice = (id: string, number: string | null, over: Partial<InvoiceTable> = {}): InvoiceTable => ({
  id,
  reseller_id: 'rsl_i',
  customer_id: 'cus_i',
  number,
  sequence: null,
  status: number ? 'open' : 'draft',
  currency: 'USD',
  lines: '[]',
  subtotal: 0,
  tax: 0,
  total: 0,
  amount_paid: 0,
  amount_refunded: 0,
  amount_due: 0,
  memo: null,
  due_date: null,
  auto_pay: null,
  method_last_used: null,
  applications: '[]',
  pending_payment_id: null,
  top_up_wallet_id: null,
  issued_at: null,
  paid_at: null,
  voided_at: null,
  created_at: NOW,
  updated_at: NOW,
  ...over,
});

/** 0110 adds invoices, their number series and customer settings, and payments.invoice_id. */
describe.each(DIALECTS)('migration 0110 on %s', (dialect) => {
  let db: TestDatabase;
  afterEach(() => db?.drop());

  it('keeps a payment stored before it (no invoice), and holds invoice numbers unique per reseller', async () => {
    db = await freshDatabase(dialect, { upTo: '0100-gateway-event-request-id' });
    const d = db.store.db;
    await d.insertInto('resellers').values({ id: 'rsl_i', name: 'I', created_at: NOW }).execute();
    await d
      .insertInto('customers')
      .values({
        id: 'cus_i',
        reseller_id: 'rsl_i',
        name: 'C',
        email: 'c@example.com',
        external_ref: null,
        search_text: 'c',
        created_at: NOW,
        updated_at: NOW,
      })
      .execute();
    await d
      .insertInto('wallets')
      .values({
        id: 'wal_i',
        reseller_id: 'rsl_i',
        customer_id: 'cus_i',
        currency: 'USD',
        status: 'active',
        balance: 0,
        pending_charges: 0,
        version: 0,
        created_at: NOW,
        updated_at: NOW,
      })
      .execute();
    await d.insertInto('payments').values(payment).execute();

    await migrateUpTo(db.store, '0110-invoices');

    expect(await d.selectFrom('payments').selectAll().execute()).toEqual([{ ...payment, invoice_id: null }]);
    await d.insertInto('invoices').values(invoice('inv_a', 'INV-2030-000001')).execute();
    // Drafts have no number: any number of them.
    await d
      .insertInto('invoices')
      .values([invoice('inv_d1', null), invoice('inv_d2', null)])
      .execute();
    await expect(
      d.insertInto('invoices').values(invoice('inv_b', 'INV-2030-000001')).execute(),
    ).rejects.toThrow();
    await expect(
      d
        .insertInto('invoices')
        .values(invoice('inv_c', 'INV-2030-000002', { amount_due: -1 }))
        .execute(),
    ).rejects.toThrow();
    expect((await d.selectFrom('invoices').select('id').orderBy('id').execute()).map((r) => r.id)).toEqual([
      'inv_a',
      'inv_d1',
      'inv_d2',
    ]);
  });
});
