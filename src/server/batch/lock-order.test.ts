import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { freshDatabase, type TestDatabase } from '../../../test/support/databases.js';
import { seedLedgerGround } from '../../../test/support/ledger-ground.js';
import { postEntriesInOneStatement, type OneStatementEntry } from '../ledger/one-statement-entry.js';
import type { Scope } from '../services/scope.js';
import { applyMovements, type BatchMovement } from './apply-movements.js';

/**
 * Several API processes each group-commit their own requests, so two multi-wallet writes can name
 * the same wallets in opposite orders. Every writer that locks more than one wallet locks them in id
 * order, so they queue on one another instead of deadlocking (PostgreSQL would cancel one with
 * 40P01). Here two "processes" are simply two callers sending opposite orders at the same time.
 */
describe('multi-wallet writes lock wallets in one order (PostgreSQL)', () => {
  let db: TestDatabase;
  const now = '2026-12-04T10:00:00.000Z';
  const WALLETS = ['wal_a', 'wal_b', 'wal_c', 'wal_d'];
  const FUNDS = 1_000_000;

  beforeAll(async () => {
    db = await freshDatabase('postgres');
    await seedLedgerGround(
      db.store,
      now,
      WALLETS.map((id, i) => ({ id, currency: 'USD', balance: FUNDS, customerId: `cus_${i}` })),
    );
  });
  afterAll(() => db.drop());

  let keyNo = 0;
  const entry = (walletId: string, amount: number): OneStatementEntry => ({
    resellerId: 'res_1',
    walletId,
    type: amount > 0 ? 'credit' : 'payment',
    amount,
    description: 'lock order',
    reference: null,
    now,
    key: `k-${++keyNo}`,
    requestHash: 'h',
    status: 201,
  });
  const movement = (walletId: string, kind: 'credit' | 'debit'): BatchMovement => ({
    kind,
    walletId,
    amount: 1,
    description: 'lock order',
    key: `k-${++keyNo}`,
    requestHash: 'h',
  });

  test('opposite-order transfers, as statements and as transactions, never deadlock', async () => {
    const forward = WALLETS;
    const backward = [...WALLETS].reverse();
    // A transfer: 1 out of the first wallet named, 1 into the others (and back), all at once.
    const transfer = (order: string[]) => order.map((w, i) => entry(w, i % 2 === 0 ? -1 : 1));
    const asBatch = (order: string[]) => order.map((w, i) => movement(w, i % 2 === 0 ? 'debit' : 'credit'));
    const settled: Array<PromiseSettledResult<unknown>> = [];
    for (let round = 0; round < 40; round++) {
      settled.push(
        ...(await Promise.allSettled([
          postEntriesInOneStatement(db.store, transfer(forward)),
          postEntriesInOneStatement(db.store, transfer(backward)),
          postEntriesInOneStatement(db.store, transfer(forward)),
          postEntriesInOneStatement(db.store, transfer(backward)),
          applyMovements(db.store, ownerScope, asBatch(backward), now),
        ])),
      );
    }
    const failures = settled.flatMap((s) => (s.status === 'rejected' ? [s.reason as { code?: string }] : []));
    expect(failures.map((f) => f.code ?? String(f))).toEqual([]);
    // Every movement went through: balance = funds + Σ ledger, version = its row count.
    const rows = await db.store.db
      .selectFrom('wallets')
      .leftJoin('ledger_entries', 'ledger_entries.wallet_id', 'wallets.id')
      .select(['wallets.id', 'wallets.balance', 'wallets.version'])
      .select((e) => [
        e.fn.coalesce(e.fn.sum<number>('ledger_entries.amount'), e.lit(0)).as('moved'),
        e.fn.count<number>('ledger_entries.id').as('entries'),
      ])
      .groupBy(['wallets.id', 'wallets.balance', 'wallets.version'])
      .execute();
    for (const w of rows) {
      expect(Number(w.balance)).toBe(FUNDS + Number(w.moved));
      expect(Number(w.version)).toBe(Number(w.entries));
    }
    expect(rows.reduce((n, w) => n + Number(w.entries), 0)).toBe(40 * 5 * WALLETS.length);
  }, 120_000);
});

const ownerScope: Scope = { resellerId: 'res_1', canWrite: true };
