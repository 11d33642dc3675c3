import type { Insertable } from 'kysely';
import type { Trx } from '../db/database.js';
import type { ChangeTable } from '../db/schema.js';

export interface ChangeInput {
  resellerId: string;
  customerId: string | null;
  entity: ChangeTable['entity'];
  id: string;
  op: ChangeTable['op'];
  data: object;
}

/** Appends to the change feed inside the writer's transaction (numbered as numberedRows says). */
export async function recordChanges(trx: Trx, now: string, changes: ChangeInput[]): Promise<void> {
  if (changes.length === 0) return;
  await trx
    .insertInto('changes')
    .values(numberedRows(trx, changeRows(now, changes)))
    .execute();
}

/**
 * Feed rows as they are inserted: numbered now inside an SQLite group commit (Trx.numberChanges),
 * else left unnumbered for the sequencer. Every insert of feed rows goes through here, so that no
 * row of a group waits for the sequencer's UPDATE while a row inserted after it already has a
 * position (the UPDATE would place the older row after the newer one).
 */
export function numberedRows<T extends Array<Insertable<ChangeTable>>>(trx: Trx, rows: T): T {
  trx.numberChanges?.(rows);
  return rows;
}

/** The feed rows for `changes`, unnumbered (seq null) until numberedRows or the sequencer numbers them. */
export function changeRows(now: string, changes: ChangeInput[]): Array<Insertable<ChangeTable>> {
  return changes.map((c) => ({
    seq: null,
    reseller_id: c.resellerId,
    customer_id: c.customerId,
    entity: c.entity,
    entity_id: c.id,
    op: c.op,
    data: JSON.stringify(c.data),
    created_at: now,
  }));
}
