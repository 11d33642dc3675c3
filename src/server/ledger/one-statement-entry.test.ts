import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { freshDatabase, type TestDatabase } from '../../../test/support/databases.js';
import { toTransaction, toWallet } from '../services/wire.js';
import { postEntryInOneStatement, type OneStatementEntry } from './one-statement-entry.js';

/**
 * The one-statement movement builds its answer and feed rows in SQL; these hold it to what the
 * transactional path writes with toWallet/toTransaction, and to the key's exactly-once rule.
 */
describe('one-statement movement (PostgreSQL)', () => {
  let db: TestDatabase;
  const now = '2026-11-21T10:00:00.000Z';

  beforeAll(async () => {
    db = await freshDatabase('postgres');
    await db.store.db.insertInto('resellers').values({ id: 'res_1', name: 'R', created_at: now }).execute();
    await db.store.db
      .insertInto('customers')
      .values({
        id: 'cus_1',
        reseller_id: 'res_1',
        name: 'C',
        email: 'c@example.com',
        external_ref: null,
        search_text: 'c',
        created_at: now,
        updated_at: now,
      })
      .execute();
    await db.store.db
      .insertInto('wallets')
      .values({
        id: 'wal_1',
        reseller_id: 'res_1',
        customer_id: 'cus_1',
        currency: 'USD',
        status: 'active',
        balance: 10_000,
        pending_charges: 2_000,
        version: 0,
        created_at: now,
        updated_at: now,
      })
      .execute();
  });
  afterAll(() => db.drop());

  const wallet = () =>
    db.store.db.selectFrom('wallets').selectAll().where('id', '=', 'wal_1').executeTakeFirstOrThrow();
  const counts = async () => ({
    entries: (
      await db.store.db
        .selectFrom('ledger_entries')
        .select((e) => e.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
    changes: (
      await db.store.db
        .selectFrom('changes')
        .select((e) => e.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
    keys: (
      await db.store.db
        .selectFrom('idempotency_keys')
        .select((e) => e.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  });
  let keyNo = 0;
  const entry = (over: Partial<OneStatementEntry>): OneStatementEntry => ({
    resellerId: 'res_1',
    walletId: 'wal_1',
    type: 'top_up',
    amount: 1,
    description: 'd',
    reference: null,
    now,
    key: `key-${++keyNo}`,
    requestHash: 'hash',
    status: 201,
    ...over,
  });

  test('answer, feed rows and stored answer equal what toWallet/toTransaction write, for any text', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.string({ unit: 'binary', maxLength: 40 }).filter((s) => !s.includes('\u0000')),
        fc.option(fc.string({ unit: 'grapheme', maxLength: 20 })),
        fc.integer({ min: -3000, max: 3000 }).filter((n) => n !== 0),
        async (description, reference, amount) => {
          const input = entry({ description, reference, amount, type: amount > 0 ? 'top_up' : 'payment' });
          const before = await wallet();
          const text = await postEntryInOneStatement(db.store, input);
          if (before.balance + amount < before.pending_charges) {
            expect(text).toBeNull();
            return;
          }
          const after = await wallet();
          const row = await db.store.db
            .selectFrom('ledger_entries')
            .selectAll()
            .where('wallet_id', '=', 'wal_1')
            .where('wallet_version', '=', after.version)
            .executeTakeFirstOrThrow();
          const expected = { transaction: toTransaction(row), wallet: toWallet(after) };
          expect(JSON.parse(text!)).toEqual(expected);
          expect(after.balance).toBe(before.balance + amount);
          expect(row).toMatchObject({ amount, description, reference, balance_after: after.balance });
          const stored = await db.store.db
            .selectFrom('idempotency_keys')
            .selectAll()
            .where('key', '=', input.key)
            .executeTakeFirstOrThrow();
          expect(JSON.parse(stored.response_body)).toEqual(expected);
          expect(stored).toMatchObject({ reseller_id: 'res_1', request_hash: 'hash', response_status: 201 });
          const feed = await db.store.db
            .selectFrom('changes')
            .select(['entity', 'entity_id', 'op', 'data', 'customer_id', 'seq'])
            .where('entity_id', 'in', [row.id, 'wal_1'])
            .orderBy('id', 'desc')
            .limit(2)
            .execute();
          expect(feed.map((c) => ({ ...c, data: JSON.parse(c.data) as unknown })).reverse()).toEqual([
            {
              entity: 'wallet',
              entity_id: 'wal_1',
              op: 'update',
              data: expected.wallet,
              customer_id: 'cus_1',
              seq: null,
            },
            {
              entity: 'transaction',
              entity_id: row.id,
              op: 'create',
              data: expected.transaction,
              customer_id: 'cus_1',
              seq: null,
            },
          ]);
        },
      ),
      { numRuns: 60 },
    );
  });

  test('a key stored before fails the whole statement on its unique index and moves nothing', async () => {
    const first = entry({ amount: 5 });
    expect(await postEntryInOneStatement(db.store, first)).not.toBeNull();
    const [before, rows] = [await wallet(), await counts()];
    await expect(postEntryInOneStatement(db.store, { ...first, amount: 7 })).rejects.toMatchObject({
      code: '23505',
      constraint: 'idempotency_keys_pk',
    });
    expect(await wallet()).toEqual(before);
    expect(await counts()).toEqual(rows);
  });

  test('a move the wallet refuses (overdraft, closed, another reseller) writes nothing and returns null', async () => {
    const [before, rows] = [await wallet(), await counts()];
    const available = before.balance - before.pending_charges;
    expect(
      await postEntryInOneStatement(db.store, entry({ amount: -(available + 1), type: 'payment' })),
    ).toBeNull();
    expect(await postEntryInOneStatement(db.store, entry({ resellerId: 'res_other' }))).toBeNull();
    expect(await postEntryInOneStatement(db.store, entry({ walletId: 'wal_missing' }))).toBeNull();
    expect(await wallet()).toEqual(before);
    expect(await counts()).toEqual(rows);
  });
});
