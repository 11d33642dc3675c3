import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { freshDatabase, type TestDatabase } from '../../../test/support/databases.js';
import type { Trx } from '../db/database.js';
import { changeRows, recordChanges, type ChangeInput } from './record.js';
import { NUMBER, NUMBERING_SETTINGS, Sequencer, type Advance } from './sequencer.js';

const customerChange = (id: string): ChangeInput => ({
  resellerId: 'rsl_1',
  customerId: id,
  entity: 'customer',
  id,
  op: 'create',
  data: { id },
});

/** A customer's change row, as any write records it. */
const recordCustomer = (trx: Trx, id: string) =>
  recordChanges(trx, '2026-12-04T00:00:00.000Z', [customerChange(id)]);

const seqsOf = async (db: TestDatabase) =>
  (await db.store.db.selectFrom('changes').select(['entity_id', 'seq']).orderBy('id').execute()).map((r) => [
    r.entity_id,
    r.seq,
  ]);

describe('the change sequencer on SQLite', () => {
  let db: TestDatabase;
  let sequencer: Sequencer;
  let advances: Advance[];

  beforeEach(async () => {
    db = await freshDatabase('sqlite');
    sequencer = new Sequencer(db.store);
    advances = [];
    sequencer.advances.on('advance', (a) => advances.push(...a));
    await sequencer.start();
  });

  afterEach(async () => {
    await sequencer.stop();
    await db.drop();
  });

  it('numbers a write’s changes in the commit that wrote them, and says so before the write is answered', async () => {
    await Promise.all([
      db.store.write((trx) => recordCustomer(trx, 'cus_a')),
      db.store.write((trx) => recordCustomer(trx, 'cus_b')),
    ]);
    // No pass of the sequencer's own ran in between: the group commit numbered them.
    expect(await seqsOf(db)).toEqual([
      ['cus_a', 1],
      ['cus_b', 2],
    ]);
    expect(advances).toContainEqual({ resellerId: 'rsl_1', customerId: null, seq: 2 });
    expect(advances).toContainEqual({ resellerId: 'rsl_1', customerId: 'cus_a', seq: 1 });

    await db.store.write((trx) => recordCustomer(trx, 'cus_c'));
    expect((await seqsOf(db)).at(-1)).toEqual(['cus_c', 3]);
  });

  it('numbers rows as they are inserted; a write that fails gives its positions back', async () => {
    const failed = db.store.write(async (trx) => {
      await recordCustomer(trx, 'cus_b');
      throw new Error('refused after writing');
    });
    await Promise.all([
      db.store.write((trx) => recordCustomer(trx, 'cus_a')),
      failed.catch(() => undefined),
      db.store.write((trx) => recordCustomer(trx, 'cus_c')),
    ]);
    await expect(failed).rejects.toThrow('refused after writing');
    // One group: cus_b's row went with its savepoint, and cus_c took the position it had.
    expect(await seqsOf(db)).toEqual([
      ['cus_a', 1],
      ['cus_c', 2],
    ]);
    expect(advances).toContainEqual({ resellerId: 'rsl_1', customerId: null, seq: 2 });
    expect(advances).not.toContainEqual(expect.objectContaining({ customerId: 'cus_b' }));
  });

  it('commits a group’s writes even when a commit step fails; a later pass numbers what it left', async () => {
    await sequencer.stop();
    const remove = db.store.addCommitStep!({
      inTransaction: () => Promise.reject(new Error('the step failed')),
      afterCommit: () => undefined,
    });
    // A feed row inserted without its position (as a writer outside a group commit leaves it).
    await db.store.write((trx) =>
      trx
        .insertInto('changes')
        .values(changeRows('2026-12-04T00:00:00.000Z', [customerChange('cus_a')]))
        .execute(),
    );
    expect(await seqsOf(db)).toEqual([['cus_a', null]]);
    remove();

    await new Sequencer(db.store).flush();
    expect(await seqsOf(db)).toEqual([['cus_a', 1]]);
  });
});

describe('the change sequencer on PostgreSQL', () => {
  let db: TestDatabase;
  let sequencer: Sequencer;

  beforeEach(async () => {
    db = await freshDatabase('postgres');
    sequencer = new Sequencer(db.store);
    await sequencer.start();
  });

  afterEach(async () => {
    await sequencer.stop();
    await db.drop();
  });

  type PlanNode = {
    'Node Type': string;
    'Index Name'?: string;
    'Recheck Cond'?: string;
    'Shared Hit Blocks': number;
    'Shared Read Blocks': number;
    Plans?: PlanNode[];
  };
  class RolledBack extends Error {}

  /**
   * The pages the numbering reads to find the unnumbered rows (the scan of `seq is null`), run as
   * a pass runs it and rolled back.
   */
  const pagesReadToFindRows = async () => {
    let plan: PlanNode | undefined;
    await db.store.db
      .transaction()
      .execute(async (trx) => {
        await sql.raw(NUMBERING_SETTINGS).execute(trx);
        const { rows } = await sql<{
          'QUERY PLAN': [{ Plan: PlanNode }];
        }>`explain (analyze, buffers, format json) ${sql.raw(NUMBER)}`.execute(trx);
        plan = rows[0]!['QUERY PLAN'][0].Plan;
        throw new RolledBack();
      })
      .catch((error: unknown) => {
        if (!(error instanceof RolledBack)) throw error;
      });
    // The index of unnumbered rows, read alone or (a bitmap scan) with the heap pages it points to.
    const finding = (node: PlanNode): PlanNode | undefined =>
      node['Index Name'] === 'changes_unsequenced' || /seq IS NULL/.test(node['Recheck Cond'] ?? '')
        ? node
        : node.Plans?.map(finding).find(Boolean);
    const scan = finding(plan!)!;
    return { type: scan['Node Type'], pages: scan['Shared Hit Blocks'] + scan['Shared Read Blocks'] };
  };

  /**
   * Waits until every transaction that began before now has ended, in any database of the cluster.
   * Until then a row version the numbering replaced may still be seen by one of them (a snapshot's
   * horizon counts every database's running transactions), so no scan may mark it dead; a test run
   * beside others meets such transactions all the time.
   */
  const untilEarlierTransactionsEnd = async () => {
    const xidOf = async (query: string) =>
      BigInt((await sql<{ xid: string }>`${sql.raw(query)}`.execute(db.store.db)).rows[0]!.xid);
    const now = await xidOf('select txid_current()::text as xid');
    await vi.waitFor(
      async () =>
        expect(
          await xidOf('select txid_snapshot_xmin(txid_current_snapshot())::text as xid'),
        ).toBeGreaterThan(now),
      { timeout: 60_000, interval: 20 },
    );
  };

  it(
    'finds the rows to number in its index, without fetching again the rows it numbered before',
    { timeout: 90_000 },
    async () => {
      const ids = Array.from({ length: 6000 }, (_, i) => `cus_${i}`);
      await db.store.write((trx) => recordChanges(trx, '2026-12-04T00:00:00.000Z', ids.map(customerChange)));
      // Numbered: each row's old version stays in the index of unnumbered rows until VACUUM. The
      // next pass meets those entries once, finds them dead and marks them.
      await sequencer.flush();
      await untilEarlierTransactionsEnd();
      await sequencer.flush();
      await db.store.write((trx) => recordCustomer(trx, 'cus_late'));
      const scan = await pagesReadToFindRows();
      // A bitmap scan fetched every dead entry's heap page on every pass: 117 pages here, and more
      // with every row numbered until the next vacuum.
      expect(scan.type).not.toBe('Bitmap Heap Scan');
      expect(scan.pages).toBeLessThan(40);
    },
  );
});
