import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { freshDatabase, type TestDatabase } from '../../../test/support/databases.js';
import { seedLedgerGround } from '../../../test/support/ledger-ground.js';
import { toTransaction } from '../wire/transaction.js';
import { toWallet } from '../wire/wallet.js';
import type { BatchMovement } from './apply-movements.js';
import { debitHotWallet } from './hot-wallet-statement.js';

/**
 * The hot wallet's one statement decides debits in arrival order against the running balance and
 * builds answers and feed rows in SQL; these hold it to moveWallet's condition (skip what the balance
 * does not cover, take what comes after if it fits) and to what toWallet/toTransaction write.
 */
describe('a hot wallet’s debits in one statement (PostgreSQL)', () => {
  let db: TestDatabase;
  const now = '2026-12-04T10:00:00.000Z';

  beforeAll(async () => {
    db = await freshDatabase('postgres');
    // Minor units: 10.00 with 2.00 pending, so 8.00 available.
    await seedLedgerGround(db.store, now, [
      { id: 'wal_1', currency: 'USD', balance: 1_000, pendingCharges: 200 },
      { id: 'wal_2', currency: 'EUR', balance: 1_000, pendingCharges: 200 },
    ]);
  });
  afterAll(() => db.drop());

  let keyNo = 0;
  const debit = (amount: number, over: Partial<BatchMovement> = {}): BatchMovement => ({
    kind: 'debit',
    walletId: 'wal_1',
    amount,
    description: `debit of ${amount}`,
    reference: keyNo % 2 === 0 ? `ref-${keyNo}` : undefined,
    key: `key-${++keyNo}`,
    requestHash: `hash-${keyNo}`,
    ...over,
  });
  const wallet = (id: string) =>
    db.store.db.selectFrom('wallets').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const count = async (table: 'ledger_entries' | 'changes' | 'idempotency_keys') =>
    Number(
      (
        await db.store.db
          .selectFrom(table)
          .select((e) => e.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  test('takes each debit in arrival order while the available balance covers it, skipping the rest', async () => {
    // 800 available: 500 taken (300 left), 400 skipped, 200 taken (100), 150 skipped, 100 taken (0).
    const debits = [debit(500), debit(400), debit(200), debit(150), debit(100)];
    const answers = await debitHotWallet(db.store, 'res_1', 'wal_1', debits, now);
    expect(answers.map((a) => a?.status ?? null)).toEqual([201, null, 201, null, 201]);

    const after = await wallet('wal_1');
    expect(after).toMatchObject({ balance: 200, pending_charges: 200, version: 3, updated_at: now });
    const rows = await db.store.db
      .selectFrom('ledger_entries')
      .selectAll()
      .where('wallet_id', '=', 'wal_1')
      .orderBy('wallet_version')
      .execute();
    expect(rows.map((r) => [r.wallet_version, r.amount, r.balance_after, r.description])).toEqual([
      [1, -500, 500, 'debit of 500'],
      [2, -200, 300, 'debit of 200'],
      [3, -100, 200, 'debit of 100'],
    ]);
    // Each answer is what the transactional path would answer: the row, and the wallet right after it.
    const taken = [0, 2, 4];
    taken.forEach((i, n) => {
      const row = rows[n]!;
      const expected = {
        transaction: toTransaction(row),
        wallet: toWallet({ ...after, balance: row.balance_after, version: row.wallet_version }),
      };
      expect(answers[i]!.body).toEqual(expected);
    });
    const stored = await db.store.db
      .selectFrom('idempotency_keys')
      .selectAll()
      .where(
        'key',
        'in',
        debits.map((d) => d.key),
      )
      .orderBy('created_at')
      .execute();
    expect(stored.map((s) => s.key).sort()).toEqual(taken.map((i) => debits[i]!.key).sort());
    for (const s of stored) {
      const i = debits.findIndex((d) => d.key === s.key);
      expect(s).toMatchObject({
        reseller_id: 'res_1',
        request_hash: debits[i]!.requestHash,
        response_status: 201,
      });
      expect(JSON.parse(s.response_body)).toEqual(answers[i]!.body);
    }
    const feed = await db.store.db
      .selectFrom('changes')
      .select(['entity', 'entity_id', 'op', 'data'])
      .where('entity_id', 'in', ['wal_1', ...rows.map((r) => r.id)])
      .execute();
    const bodyOf = (i: number) => answers[i]!.body as { transaction: unknown; wallet: unknown };
    const feedOf = (entity: string) =>
      feed.filter((c) => c.entity === entity).map((c) => JSON.parse(c.data) as unknown);
    expect(feedOf('transaction')).toEqual(expect.arrayContaining(taken.map((i) => bodyOf(i).transaction)));
    expect(feedOf('transaction')).toHaveLength(taken.length);
    // The wallet once, as the group left it.
    expect(feedOf('wallet')).toEqual([bodyOf(taken.at(-1)!).wallet]);
  });

  test('a key stored before fails the whole statement, and nothing of it is written', async () => {
    const before = { wallet: await wallet('wal_2'), entries: await count('ledger_entries') };
    const [first] = await debitHotWallet(db.store, 'res_1', 'wal_2', [debit(10, { walletId: 'wal_2' })], now);
    expect(first?.status).toBe(201);
    const reused = debit(10, { walletId: 'wal_2', key: `key-${keyNo}` });
    await expect(
      debitHotWallet(db.store, 'res_1', 'wal_2', [debit(20, { walletId: 'wal_2' }), reused], now),
    ).rejects.toMatchObject({ code: '23505' });
    expect((await wallet('wal_2')).balance).toBe(before.wallet.balance - 10);
    expect(await count('ledger_entries')).toBe(before.entries + 1);
  });

  test('leaves every debit to the transactional path for a wallet it must not decide', async () => {
    const entries = await count('ledger_entries');
    // Another reseller's wallet, an unknown one, and a wallet watched by a low-balance alert.
    expect(await debitHotWallet(db.store, 'res_2', 'wal_2', [debit(1, { walletId: 'wal_2' })], now)).toEqual([
      null,
    ]);
    expect(await debitHotWallet(db.store, 'res_1', 'wal_9', [debit(1, { walletId: 'wal_9' })], now)).toEqual([
      null,
    ]);
    await db.store.db
      .insertInto('wallet_alert_settings')
      .values({
        wallet_id: 'wal_2',
        reseller_id: 'res_1',
        customer_id: 'cus_1',
        threshold: 50,
        runway_days: null,
        channels: '["desktop"]',
        emails: '[]',
        state: 'ok',
        state_since: now,
        created_at: now,
        updated_at: now,
      })
      .execute();
    expect(await debitHotWallet(db.store, 'res_1', 'wal_2', [debit(1, { walletId: 'wal_2' })], now)).toEqual([
      null,
    ]);
    expect(await count('ledger_entries')).toBe(entries);
  });
});
