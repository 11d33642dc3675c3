import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { freshDatabase, type TestDatabase } from '../../../test/support/databases.js';
import { seedLedgerGround } from '../../../test/support/ledger-ground.js';
import type { Scope } from '../services/scope.js';
import type { BatchMovement } from './apply-movements.js';
import { HotWallets } from './hot-wallets.js';

/** Which debits HotWallets groups: those of one wallet arriving in one turn; a lone one keeps its path. */
describe('HotWallets grouping (PostgreSQL)', () => {
  let db: TestDatabase;
  let hot: HotWallets;
  const now = '2026-12-04T10:00:00.000Z';
  const scope: Scope = { resellerId: 'res_1', canWrite: true };

  beforeAll(async () => {
    db = await freshDatabase('postgres');
    hot = new HotWallets(db.store, () => now);
    await seedLedgerGround(db.store, now, [{ id: 'wal_1', currency: 'USD', balance: 1_000 }]);
  });
  afterAll(() => db.drop());

  let keyNo = 0;
  const debit = (amount: number): BatchMovement => ({
    kind: 'debit',
    walletId: 'wal_1',
    amount,
    description: 'hot',
    key: `key-${++keyNo}`,
    requestHash: 'h',
  });

  test('a debit alone in its turn takes its usual path, at once', async () => {
    const outcome = await hot.submit(scope, debit(1), async () => 'usual path');
    expect(outcome).toEqual({ kind: 'alone', value: 'usual path' });
  });

  test('debits of one wallet arriving in one turn are one group, in arrival order, never an overdraft', async () => {
    // 1,000: 600 taken, 500 not covered (refused by the transactional batch path), 400 taken.
    let usual = 0;
    const alone = async () => ++usual;
    const outcomes = await Promise.all([600, 500, 400].map((a) => hot.submit(scope, debit(a), alone)));
    expect(usual).toBe(0);
    expect(outcomes.map((o) => o.kind)).toEqual(['grouped', 'grouped', 'grouped']);
    const answers = outcomes.map((o) => (o.kind === 'grouped' ? o.answer : undefined));
    expect(answers.map((a) => a?.status)).toEqual([201, 422, 201]);
    expect(answers[1]?.body).toMatchObject({ error: { code: 'insufficient_funds' } });
    const wallet = await db.store.db
      .selectFrom('wallets')
      .select(['balance', 'version'])
      .where('id', '=', 'wal_1')
      .executeTakeFirstOrThrow();
    expect(wallet).toEqual({ balance: 0, version: 2 });
  });
});

/** On SQLite a group is the reseller's debits of the turn, whatever their wallets. */
describe('HotWallets grouping (SQLite)', () => {
  let db: TestDatabase;
  let hot: HotWallets;
  const now = '2026-12-04T10:00:00.000Z';
  const scope: Scope = { resellerId: 'res_1', canWrite: true };

  beforeAll(async () => {
    db = await freshDatabase('sqlite');
    hot = new HotWallets(db.store, () => now);
    await seedLedgerGround(db.store, now, [
      { id: 'wal_1', currency: 'USD', balance: 1_000 },
      { id: 'wal_2', currency: 'USD', balance: 300, customerId: 'cus_2' },
    ]);
  });
  afterAll(() => db.drop());

  test('debits of several wallets in one turn are one group, each wallet’s in arrival order', async () => {
    let keyNo = 0;
    const debit = (walletId: string, amount: number): BatchMovement => ({
      kind: 'debit',
      walletId,
      amount,
      description: 'busy reseller',
      key: `sqlite-key-${++keyNo}`,
      requestHash: 'h',
    });
    let usual = 0;
    const alone = async () => ++usual;
    // wal_2's debit is alone of its wallet: on its own it would take its usual path.
    const sent = [debit('wal_1', 600), debit('wal_2', 200), debit('wal_1', 500)];
    const outcomes = await Promise.all(sent.map((d) => hot.submit(scope, d, alone)));
    expect(usual).toBe(0);
    const answers = outcomes.map((o) => (o.kind === 'grouped' ? o.answer?.status : o.kind));
    // wal_1: 600 taken, then 500 not covered by the 400 left.
    expect(answers).toEqual([201, 201, 422]);
    const balances = await db.store.db
      .selectFrom('wallets')
      .select(['id', 'balance'])
      .where('id', 'in', ['wal_1', 'wal_2'])
      .orderBy('id')
      .execute();
    expect(balances).toEqual([
      { id: 'wal_1', balance: 400 },
      { id: 'wal_2', balance: 100 },
    ]);
  });
});
