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
