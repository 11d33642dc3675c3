import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PaymentTable } from '../../../src/server/db/schema.js';
import {
  memoCodesForPrefixedMemos,
  up,
} from '../../../src/server/db/migrations/0070-payment-review-apply.js';
import { encodeTransferId } from '../../../src/server/gateways/vietqr/payment-id.js';
import { memoCodeFor } from '../../../src/server/gateways/vietqr/memo.js';
import { sql } from 'kysely';
import { migrateToLatest } from '../../../src/server/db/migrate.js';
import { DIALECTS, freshDatabase, type TestDatabase } from '../../support/databases.js';
import { insertOwner } from '../../support/migration-owner.js';

const NOW = '2030-01-01T00:00:00.000Z';

describe.each(DIALECTS)('migration 0070 (payment review apply) on %s', (dialect) => {
  let db: TestDatabase;
  beforeEach(async () => {
    db = await freshDatabase(dialect);
    const d = db.store.db;
    await insertOwner(d, NOW, { currency: 'VND', balance: 0, version: 0 });
  });
  afterEach(() => db.drop());

  /** Takes this database back to before 0070's columns and index (its data changes are idempotent). */
  const dropWhat0070Added = async () => {
    await db.store.db.schema.dropIndex('payment_reviews_provider_event').execute();
    for (const column of [
      'provider_event',
      'amount',
      'currency',
      'applied_payment_id',
      'applied_wallet_id',
      'applied_transaction_id',
      'applied_by',
      'applied_at',
    ]) {
      await db.store.db.schema.alterTable('payment_reviews').dropColumn(column).execute();
    }
  };

  const payment = (id: string, memo: string | null, providerPaymentId: string | null): PaymentTable => ({
    id,
    reseller_id: 'rsl_m',
    customer_id: 'cus_m',
    wallet_id: 'wal_m',
    payer_id: null,
    provider: 'vietqr',
    amount: 100_000,
    currency: 'VND',
    status: 'new',
    underpaid: 0,
    overpaid: 0,
    fee: 0,
    rail: null,
    checkout: null,
    provider_payment_id: providerPaymentId,
    recipient: '0123',
    expected: null,
    memo,
    saved_method_id: null,
    saves_method_id: null,
    transaction_id: null,
    top_up_link_id: null,
    failure_reason: null,
    idempotency_key: `k-${id}`,
    expires_at: NOW,
    paid_at: null,
    lease_until: null,
    created_at: NOW,
    updated_at: NOW,
  });

  it('a VietQR payment stored with "PREFIX CODE" as its memo gets the bare code; others are kept', async () => {
    const code = memoCodeFor('0123', 'pay_prefixed');
    const id = encodeTransferId({ memo: code, due: 100_000, createdAt: new Date(NOW) });
    const bare = memoCodeFor('0123', 'pay_bare');
    const bareId = encodeTransferId({ memo: bare, due: 100_000, createdAt: new Date(NOW) });
    await db.store.db
      .insertInto('payments')
      .values([
        payment('pay_prefixed', `NAP ${code}`, id),
        payment('pay_bare', bare, bareId),
        payment('pay_unopened', null, null),
      ])
      .execute();

    await memoCodesForPrefixedMemos(db.store.db as never);

    const memos = await db.store.db.selectFrom('payments').select(['id', 'memo']).orderBy('id').execute();
    expect(memos).toEqual([
      { id: 'pay_bare', memo: bare },
      { id: 'pay_prefixed', memo: code },
      { id: 'pay_unopened', memo: null },
    ]);
  });

  it('payments made before were never charged their fee: it becomes 0, so amount + fee is what was paid', async () => {
    await db.store.db
      .insertInto('payments')
      .values({ ...payment('pay_old', null, null), provider: 'stripe', fee: 290 })
      .execute();
    // Run on the pre-0070 columns: drop what 0070 added, then run it as a deployment would.
    await dropWhat0070Added();
    await up(db.store.db as never, dialect);
    const row = await db.store.db
      .selectFrom('payments')
      .select(['amount', 'fee'])
      .where('id', '=', 'pay_old')
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ amount: 100_000, fee: 0 });
  });

  it('a database that already ran a later-numbered migration (0080) still gets 0070', async () => {
    await dropWhat0070Added();
    await sql`delete from kysely_migration where name = '0070-payment-review-apply'`.execute(db.store.db);

    await migrateToLatest(db.store);

    const { rows } = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(
      db.store.db,
    );
    expect(rows.map((r) => r.name)).toContain('0070-payment-review-apply');
    expect(rows.map((r) => r.name)).toContain('0080-users-and-movement-limits');
    await db.store.db.selectFrom('payment_reviews').select(['provider_event', 'applied_at']).execute();
  });

  it('one review per transfer and reseller: a second review of the same provider event is refused', async () => {
    const review = (id: string) => ({
      id,
      reseller_id: 'rsl_m',
      payment_id: null,
      provider: 'vietqr',
      reason: 'unmatched' as const,
      detail: 'x',
      status: 'open' as const,
      resolution: null,
      created_at: NOW,
      resolved_at: null,
      provider_event: 'vietqr:pay2s:4410',
      amount: 5000,
      currency: 'VND',
      applied_payment_id: null,
      applied_wallet_id: null,
      applied_transaction_id: null,
      applied_by: null,
      applied_at: null,
    });
    await db.store.db.insertInto('payment_reviews').values(review('prv_1')).execute();
    await expect(
      db.store.db.insertInto('payment_reviews').values(review('prv_2')).execute(),
    ).rejects.toThrow();
    // Another reseller's bank may number its lines the same way.
    await db.store.db
      .insertInto('payment_reviews')
      .values({ ...review('prv_5'), reseller_id: 'rsl_other' })
      .execute();
    await db.store.db
      .insertInto('payment_reviews')
      .values({ ...review('prv_3'), provider_event: null })
      .execute();
    await db.store.db
      .insertInto('payment_reviews')
      .values({ ...review('prv_4'), provider_event: null })
      .execute();
  });
});
