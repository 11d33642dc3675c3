import { sql } from 'kysely';
import { runwayDays, runwayWindowStart } from '../../../shared/runway.js';
import type { Trx, Store } from '../../db/database.js';

type Reader = Trx | Store['db'];

/**
 * Σ |amount| of the wallet's `payment` ledger rows (debits, captures) in the 30 days before `now`,
 * minor units (src/shared/runway.ts states the formula). Served by ledger_wallet_created.
 */
export async function spentInWindow(db: Reader, walletId: string, now: string): Promise<number> {
  const row = await db
    .selectFrom('ledger_entries')
    .select(sql<string | number | null>`sum(-amount)`.as('spent'))
    .where('wallet_id', '=', walletId)
    .where('type', '=', 'payment')
    .where('created_at', '>', runwayWindowStart(now))
    .where('created_at', '<=', now)
    .executeTakeFirst();
  return Number(row?.spent ?? 0);
}

export async function runwayOf(db: Reader, walletId: string, available: number, now: string) {
  const spent = await spentInWindow(db, walletId, now);
  return { spent, days: runwayDays(available, spent) };
}
