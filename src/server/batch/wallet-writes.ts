import { sql } from 'kysely';
import { MAX_BALANCE } from '../../shared/money.js';
import type { Trx } from '../db/database.js';
import type { WalletTable } from '../db/schema.js';

/** A wallet a batch moved: its final state in memory, and its balance and version as read. */
export interface MovedWallet {
  row: WalletTable;
  read: Pick<WalletTable, 'balance' | 'version'>;
}

/** Wallets per UPDATE: 4 parameters each, far under SQLite's and PostgreSQL's bounds. */
const WALLETS_PER_UPDATE = 500;

/**
 * Every wallet a batch moved, written in ONE `UPDATE … FROM (VALUES …)` statement (per 500
 * wallets) instead of one UPDATE each: a replay spread over a hundred wallets paid a hundred round
 * trips for them. Each wallet is guarded by the database exactly as moveWallet guards one (the
 * version it was read at, still active, no overdraft, under the maximum balance); the wallets are
 * locked, so all of them move, and if one ever does not the batch throws and nothing of it commits.
 *
 * VALUES columns are `column1…column4` on both databases (SQLite cannot name them); the casts give
 * PostgreSQL the types its untyped parameters lack.
 */
export async function writeWallets(trx: Trx, wallets: readonly MovedWallet[], now: string): Promise<void> {
  const moved = wallets.filter((w) => w.row.version !== w.read.version);
  for (let i = 0; i < moved.length; i += WALLETS_PER_UPDATE) {
    const part = moved.slice(i, i + WALLETS_PER_UPDATE);
    const values = sql.join(
      part.map(
        (w) =>
          sql`(cast(${w.row.id} as text), cast(${w.row.balance - w.read.balance} as bigint),
            cast(${w.row.version - w.read.version} as bigint), cast(${w.read.version} as bigint))`,
      ),
    );
    const result = await sql`
      update wallets
      set balance = wallets.balance + v.column2, version = wallets.version + v.column3, updated_at = ${now}
      from (values ${values}) as v
      where wallets.id = v.column1
        and wallets.version = v.column4
        and wallets.status = 'active'
        and wallets.balance + v.column2 >= wallets.pending_charges
        and wallets.balance + v.column2 <= ${MAX_BALANCE}`.execute(trx);
    // Unreachable while the rows are locked; if it ever is reached, nothing of the batch commits.
    if (Number(result.numAffectedRows) !== part.length) {
      throw new Error(`${part.length - Number(result.numAffectedRows)} wallet(s) moved under a batch`);
    }
  }
}
