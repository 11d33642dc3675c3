import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { freshDatabase, type TestDatabase } from '../../../test/support/databases.js';
import type { Trx } from '../db/database.js';
import { recordChanges } from './record.js';
import { Sequencer, type Advance } from './sequencer.js';

/** A customer's change row, as any write records it (seq null until numbered). */
const recordCustomer = (trx: Trx, id: string) =>
  recordChanges(trx, '2026-12-04T00:00:00.000Z', [
    { resellerId: 'rsl_1', customerId: id, entity: 'customer', id, op: 'create', data: { id } },
  ]);

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

  it('commits a group’s writes even when a commit step fails; a later pass numbers them', async () => {
    await sequencer.stop();
    const remove = db.store.addCommitStep!({
      inTransaction: () => Promise.reject(new Error('the step failed')),
      afterCommit: () => undefined,
    });
    await db.store.write((trx) => recordCustomer(trx, 'cus_a'));
    expect(await seqsOf(db)).toEqual([['cus_a', null]]);
    remove();

    await new Sequencer(db.store).flush();
    expect(await seqsOf(db)).toEqual([['cus_a', 1]]);
  });
});
