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

  /** These wallets (those cached), for screens that name the wallets of the records they show. */
  walletsWithIds(ids: readonly string[]): Array<Wallet & { customerName: string }> {
    const rows = this.db
      .prepare(
        `${WALLET_WITH_CUSTOMER} where w.id in (select value from json_each(?)) order by c.name, w.currency`,
      )
      .all(JSON.stringify(ids)) as WalletRow[];
    return rows.map(toWallet);
  }

  /** The currencies the cached wallets are in, each once. */
  currencies(): string[] {
    return this.db
      .prepare('select distinct currency from wallets order by currency')
      .pluck()
      .all() as string[];
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
