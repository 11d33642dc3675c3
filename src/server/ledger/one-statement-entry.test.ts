import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { freshDatabase, type TestDatabase } from '../../../test/support/databases.js';
import { seedLedgerGround } from '../../../test/support/ledger-ground.js';
import { toTransaction } from '../wire/transaction.js';
import { toWallet } from '../wire/wallet.js';
import { EntryBatcher } from './entry-batcher.js';
import { postEntriesInOneStatement, type OneStatementEntry } from './one-statement-entry.js';

/**
 * The one-statement movement builds its answer and feed rows in SQL; these hold it to what the
 * transactional path writes with toWallet/toTransaction, and to the key's exactly-once rule.
 */
const postOne = async (db: TestDatabase, input: OneStatementEntry) =>
  (await postEntriesInOneStatement(db.store, [input]))[0];

describe('one-statement movements (PostgreSQL)', () => {
  let db: TestDatabase;
  const now = '2026-11-21T10:00:00.000Z';

  beforeAll(async () => {
    db = await freshDatabase('postgres');
    // One wallet per customer and currency.
    await seedLedgerGround(db.store, now, [
      { id: 'wal_1', currency: 'USD', balance: 10_000, pendingCharges: 2_000 },
      { id: 'wal_2', currency: 'EUR', balance: 10_000 },
      { id: 'wal_3', currency: 'GBP', balance: 10_000 },
      { id: 'wal_4', currency: 'CAD', balance: 10_000 },
    ]);
  });
  afterAll(() => db.drop());

  const wallet = (id = 'wal_1') =>
    db.store.db.selectFrom('wallets').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const balances = async () =>
    Object.fromEntries(
      (await db.store.db.selectFrom('wallets').select(['id', 'balance']).orderBy('id').execute()).map((w) => [
        w.id,
        w.balance,
      ]),
    );
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
    type: 'credit',
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
          const input = entry({ description, reference, amount, type: amount > 0 ? 'credit' : 'payment' });
          const before = await wallet();
          const text = await postOne(db, input);
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
    expect(await postOne(db, first)).not.toBeNull();
    const [before, rows] = [await wallet(), await counts()];
    await expect(postOne(db, { ...first, amount: 7 })).rejects.toMatchObject({
      code: '23505',
      constraint: 'idempotency_keys_pk',
    });
    expect(await wallet()).toEqual(before);
    expect(await counts()).toEqual(rows);
  });

  test('a move the wallet refuses (overdraft, closed, another reseller) writes nothing and returns null', async () => {
    const [before, rows] = [await wallet(), await counts()];
    const available = before.balance - before.pending_charges;
    expect(await postOne(db, entry({ amount: -(available + 1), type: 'payment' }))).toBeNull();
    expect(await postOne(db, entry({ resellerId: 'res_other' }))).toBeNull();
    expect(await postOne(db, entry({ walletId: 'wal_missing' }))).toBeNull();
    expect(await wallet()).toEqual(before);
    expect(await counts()).toEqual(rows);
  });

  test('a debit of a reseller listening to payments is left to the service, which emits the event', async () => {
    const [before, rows] = [await wallet(), await counts()];
    const endpoint = {
      id: 'whe_pay',
      reseller_id: 'res_1',
      url: 'https://example.com/hook',
      description: 'payments',
      secret: 'sealed',
      created_at: now,
      updated_at: now,
    };
    // Listening to another event: the statement debits as usual.
    await db.store.db
      .insertInto('webhook_endpoints')
      .values({ ...endpoint, id: 'whe_other', events: '["wallet.credited"]', status: 'enabled' })
      .execute();
    expect(await postOne(db, entry({ amount: -1, type: 'payment' }))).not.toBeNull();
    await db.store.db
      .insertInto('webhook_endpoints')
      .values({ ...endpoint, events: '["wallet.payment_made"]', status: 'enabled' })
      .execute();
    expect(await postOne(db, entry({ amount: -1, type: 'payment' }))).toBeNull();
    // A credit has no payment event to miss.
    expect(await postOne(db, entry({ amount: 1, type: 'credit' }))).not.toBeNull();
    await db.store.db
      .updateTable('webhook_endpoints')
      .set({ status: 'disabled' })
      .where('id', '=', 'whe_pay')
      .execute();
    expect(await postOne(db, entry({ amount: -1, type: 'payment' }))).not.toBeNull();
    expect((await wallet()).balance).toBe(before.balance - 1);
    expect((await counts()).entries).toBe(Number(rows.entries) + 3);
    await db.store.db.deleteFrom('webhook_endpoints').execute();
  });

  test('a batch moves each wallet once, answers each in its place, and a refused one is left out', async () => {
    const before = await balances();
    const answers = await postEntriesInOneStatement(db.store, [
      entry({ walletId: 'wal_2', amount: -300, type: 'payment' }),
      entry({ walletId: 'wal_3', amount: -(before.wal_3! + 1), type: 'payment' }),
      entry({ walletId: 'wal_4', amount: 700 }),
    ]);
    expect(answers[1]).toBeNull();
    expect(JSON.parse(answers[0]!)).toMatchObject({ wallet: { id: 'wal_2', balance: before.wal_2! - 300 } });
    expect(JSON.parse(answers[2]!)).toMatchObject({ wallet: { id: 'wal_4', balance: before.wal_4! + 700 } });
    expect(await balances()).toEqual({ ...before, wal_2: before.wal_2! - 300, wal_4: before.wal_4! + 700 });
  });

  test('one key stored before fails the whole batch: nothing of it is written', async () => {
    const taken = entry({ walletId: 'wal_2', amount: 1 });
    await postOne(db, taken);
    const [before, rows] = [await balances(), await counts()];
    await expect(
      postEntriesInOneStatement(db.store, [
        entry({ walletId: 'wal_3', amount: 5 }),
        { ...taken, walletId: 'wal_4' },
      ]),
    ).rejects.toMatchObject({ code: '23505', constraint: 'idempotency_keys_pk' });
    expect(await balances()).toEqual(before);
    expect(await counts()).toEqual(rows);
  });

  test('the batcher: concurrent movements on shared wallets all land once; a repeated key alone is sent back', async () => {
    const batcher = new EntryBatcher(db.store);
    const before = await balances();
    const repeated = entry({ walletId: 'wal_4', amount: 3 });
    await postOne(db, repeated);
    const inputs = Array.from({ length: 60 }, (_, i) =>
      entry({
        walletId: `wal_${2 + (i % 3)}`,
        amount: i % 2 === 0 ? 10 : -4,
        type: i % 2 === 0 ? 'credit' : 'payment',
      }),
    );
    const answers = await Promise.all([...inputs, repeated].map((input) => batcher.post(input)));
    expect(answers.at(-1)).toBeNull();
    expect(answers.slice(0, -1).every((a) => a !== null)).toBe(true);
    const expected = { ...before };
    for (const input of inputs) expected[input.walletId]! += input.amount;
    expected.wal_4! += repeated.amount;
    expect(await balances()).toEqual(expected);
    // Each answer is the row the ledger holds for it: its amount, and the balance right after it.
    const rows = await db.store.db
      .selectFrom('ledger_entries')
      .select(['id', 'amount', 'balance_after'])
      .execute();
    const byId = new Map(rows.map((r) => [r.id, r]));
    inputs.forEach((input, i) => {
      const body = JSON.parse(answers[i]!) as { transaction: { id: string }; wallet: { balance: number } };
      expect(byId.get(body.transaction.id)).toEqual({
        id: body.transaction.id,
        amount: input.amount,
        balance_after: body.wallet.balance,
      });
    });
  });
});
