import type BetterSqlite3 from 'better-sqlite3';
import type { Hold, Wallet } from '../../shared/api/wallets.js';
import { toHold, toWallet, type HoldRow, type WalletRow } from './cache-rows.js';

const WALLET_WITH_CUSTOMER = `select w.*, coalesce(c.name, '') as customer_name
  from wallets w left join customers c on c.id = w.customer_id`;

/** The wallet screens' reads: wallets with their customer's name, and a wallet's holds. */
export class WalletReads {
  constructor(private readonly db: BetterSqlite3.Database) {}

  wallets(customerId?: string): Array<Wallet & { customerName: string }> {
    const rows = this.db
      .prepare(
        `${WALLET_WITH_CUSTOMER} ${customerId ? 'where w.customer_id = ?' : ''} order by c.name, w.currency`,
      )
      .all(...(customerId ? [customerId] : [])) as WalletRow[];
    return rows.map(toWallet);
  }

  wallet(id: string): (Wallet & { customerName: string }) | null {
    const row = this.db.prepare(`${WALLET_WITH_CUSTOMER} where w.id = ?`).get(id) as WalletRow | undefined;
    return row ? toWallet(row) : null;
  }

  holds(walletId: string): Hold[] {
    return (
      this.db
        .prepare('select * from holds where wallet_id = ? order by created_at desc')
        .all(walletId) as HoldRow[]
    ).map(toHold);
  }
}
