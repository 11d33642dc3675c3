import { sql } from 'kysely';
import type { Trx } from '../../db/database.js';
import type { HoldTable } from '../../db/schema.js';
import { Failure, notFound } from '../failure.js';
import type { Scope } from '../scope.js';

/**
 * Takes a pending hold out of "pending" exactly once: concurrent captures and releases of the same
 * hold serialise on its row and all but the first find it no longer pending (`hold_not_pending`).
 */
export async function claimHold(
  trx: Trx,
  scope: Scope,
  holdId: string,
  next: {
    status: 'captured' | 'released';
    /** Omitted: the whole hold. */
    captured_amount?: number | undefined;
    transaction_id: string | null;
  },
  now: string,
): Promise<HoldTable> {
  const claimed = await trx
    .updateTable('holds')
    .set({
      status: next.status,
      transaction_id: next.transaction_id,
      captured_amount: next.captured_amount ?? (next.status === 'captured' ? sql<number>`amount` : 0),
      updated_at: now,
    })
    .where('id', '=', holdId)
    .where('reseller_id', '=', scope.resellerId)
    .where('status', '=', 'pending')
    .returningAll()
    .executeTakeFirst();
  if (claimed) return claimed;
  const existing = await trx
    .selectFrom('holds')
    .select('status')
    .where('id', '=', holdId)
    .where('reseller_id', '=', scope.resellerId)
    .executeTakeFirst();
  if (!existing) throw notFound('hold', 'id');
  throw new Failure('hold_not_pending', `this hold is already ${existing.status}`);
}
