import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { migrateToLatest } from '../../../src/server/db/migrate.js';
import type { LedgerEntryTable, PaymentTable } from '../../../src/server/db/schema.js';
import { DIALECTS, freshDatabase, type TestDatabase } from '../../support/databases.js';
import { insertOwner } from '../../support/migration-owner.js';
import { LEDGER_COLUMNS_ADDED_LATER } from '../../support/migration-names.js';

const NOW = '2030-01-01T00:00:00.000Z';

/** A ledger row as a release before 0090 wrote it (merchant credits as `top_up`). */
const row = (
  id: string,
  version: number,
  type: LedgerEntryTable['type'],
  amount: number,
  description: string,
  relatedId: string | null,
): LedgerEntryTable => ({
  id,
  reseller_id: 'rsl_m',
  customer_id: 'cus_m',
  wallet_id: 'wal_m',
  wallet_version: version,
  type,
  amount,
  balance_after: 0,
  currency: 'USD',
  status: 'completed',
  description,
  reference: null,
  related_id: relatedId,
  test: 0,
  created_at: NOW,
});

/** The transaction's wire shape, as the feed stored it (`spaced`: as PostgreSQL's json_build_object writes it). */
function feedData(r: LedgerEntryTable, spaced = false): string {
  const wire = {
    id: r.id,
    walletId: r.wallet_id,
    customerId: r.customer_id,
    type: r.type,
    amount: r.amount,
    balanceAfter: r.balance_after,
    currency: r.currency,
    status: r.status,
    description: r.description,
    reference: r.reference,
    relatedId: r.related_id,
    test: false,
    createdAt: r.created_at,
  };
  if (!spaced) return JSON.stringify(wire);
  return `{${Object.entries(wire)
    .map(([k, v]) => `${JSON.stringify(k)} : ${JSON.stringify(v)}`)
    .join(', ')}}`;
}

/** A sandbox payment paid into `transactionId`. */
const paidPayment = (id: string, transactionId: string): PaymentTable => ({
  id,
  reseller_id: 'rsl_m',
  customer_id: 'cus_m',
  wallet_id: 'wal_m',
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
  transaction_id: transactionId,
  top_up_link_id: null,
  failure_reason: null,
  idempotency_key: `k-${id}`,
  expires_at: NOW,
  paid_at: NOW,
  lease_until: null,
  created_at: NOW,
  updated_at: NOW,
});

describe.each(DIALECTS)('migration 0090 (merchant credits are `credit`) on %s', (dialect) => {
  let db: TestDatabase;
  afterEach(() => db.drop());

  it('turns past merchant credits and initial balances into `credit`, in the ledger and the feed; nothing else changes', async () => {
    db = await freshDatabase(dialect, { upTo: '0080-users-and-movement-limits' });
    const d = db.store.db;
    await insertOwner(d, NOW, { balance: 0, version: 0 });
    const rows = [
      row('txn_initial', 1, 'top_up', 1_000, 'Initial balance', null),
      row('txn_credit', 2, 'top_up', 2_500, 'Welcome credit "type":"top_up"', null),
      // A gateway top-up settled (related to its payment) and a bank transfer applied from its review.
      row('txn_settled', 3, 'top_up', 5_000, 'Top-up via Card', 'pay_1'),
      row('txn_applied', 4, 'top_up', 7_000, 'Bank transfer applied from review by a@example.com', 'prv_1'),
      row('txn_payment', 5, 'payment', -500, 'Order 1', null),
      row('txn_refund', 6, 'refund', 200, 'Returned', 'txn_payment'),
      row('txn_adjust', 7, 'adjustment', 100, 'Correction', null),
      // No related record, but a payment names it as its ledger row: a top-up all the same.
      row('txn_paid', 8, 'top_up', 900, 'Top-up via Card', null),
    ];
    await d.insertInto('ledger_entries').values(rows).execute();
    await d.insertInto('payments').values(paidPayment('pay_2', 'txn_paid')).execute();
    const changes = rows.map((r, i) => ({
      seq: i + 1,
      reseller_id: 'rsl_m',
      customer_id: 'cus_m',
      entity: 'transaction' as const,
      entity_id: r.id,
      op: 'create' as const,
      // The one-statement path (PostgreSQL) writes its JSON spaced: the credit's feed row is one.
      data: feedData(r, r.id === 'txn_credit'),
      created_at: NOW,
    }));
    const walletChange = {
      seq: 100,
      reseller_id: 'rsl_m',
      customer_id: 'cus_m',
      entity: 'wallet' as const,
      entity_id: 'wal_m',
      op: 'update' as const,
      data: JSON.stringify({ id: 'wal_m', type: 'top_up' }),
      created_at: NOW,
    };
    await d
      .insertInto('changes')
      .values([...changes, walletChange])
      .execute();
    const before = await d.selectFrom('ledger_entries').selectAll().orderBy('wallet_version').execute();

    await migrateToLatest(db.store);

    const after = await d.selectFrom('ledger_entries').selectAll().orderBy('wallet_version').execute();
    expect(after.map((r) => [r.id, r.type])).toEqual([
      ['txn_initial', 'credit'],
      ['txn_credit', 'credit'],
      ['txn_settled', 'top_up'],
      ['txn_applied', 'top_up'],
      ['txn_payment', 'payment'],
      ['txn_refund', 'refund'],
      ['txn_adjust', 'adjustment'],
      ['txn_paid', 'top_up'],
    ]);
    // Every other column as it was.
    // Later migrations add columns (null on every earlier row): the rest is as it was.
    expect(after.map(({ type: _t, ...rest }) => rest)).toEqual(
      before.map(({ type: _t, ...rest }) => ({ ...rest, ...LEDGER_COLUMNS_ADDED_LATER })),
    );

    const feed = await d.selectFrom('changes').select(['entity_id', 'data']).orderBy('seq').execute();
    const credited = new Set(['txn_initial', 'txn_credit']);
    expect(feed).toEqual([
      ...rows.map((r) => ({
        entity_id: r.id,
        data: feedData(credited.has(r.id) ? { ...r, type: 'credit' } : r, r.id === 'txn_credit'),
      })),
      { entity_id: 'wal_m', data: walletChange.data },
    ]);
    expect(JSON.parse(feed[1]?.data ?? '{}')).toMatchObject({
      type: 'credit',
      description: 'Welcome credit "type":"top_up"',
    });

    // The ledger is append-only again.
    await expect(sql`update ledger_entries set amount = 1`.execute(d)).rejects.toThrow(/append-only/);
    await expect(sql`delete from ledger_entries`.execute(d)).rejects.toThrow(/append-only/);
    expect(await d.selectFrom('ledger_entries').select('amount').orderBy('wallet_version').execute()).toEqual(
      before.map((r) => ({ amount: r.amount })),
    );
  });
});
