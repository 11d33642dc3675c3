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

/** Appends to the change feed inside the writer's transaction; the sequencer numbers them after commit. */
export async function recordChanges(trx: Trx, now: string, changes: ChangeInput[]): Promise<void> {
  if (changes.length === 0) return;
  await trx.insertInto('changes').values(changeRows(now, changes)).execute();
}

/** The feed rows for `changes`, unnumbered (seq null) until the sequencer numbers them. */
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
